/**
 * Long end-to-end scenarios read as named steps: `step('…')` marks where the scenario is, and a failure
 * anywhere after it is reported as "Step "…" failed", so a red run says which part of the story broke.
 */
export type Step = (name: string) => void;

/** Wraps a scenario body for `it(...)`: failures are prefixed with the step that was running. */
export function scenario(body: (step: Step) => Promise<void>): () => Promise<void> {
  return async () => {
    let current = '(before the first step)';
    try {
      await body((name) => {
        current = name;
      });
    } catch (err) {
      if (err instanceof Error) {
        const prefix = `Step "${current}" failed:\n`;
        err.message = prefix + err.message;
        if (err.stack) err.stack = prefix + err.stack;
      }
      throw err;
    }
  };
}
