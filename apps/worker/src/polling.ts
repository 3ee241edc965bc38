/** How the worker's background deliveries (the e-mail outbox, owed announcements) poll and back off. */

/** Seconds before the next attempt after `failures` failed ones: `base`, then doubled per failure, capped at `cap`. */
export function backoffSeconds(failures: number, base: number, cap: number): number {
  return Math.min(cap, base * 2 ** Math.max(0, failures - 1));
}

/** Polls between passes when the last one left nothing waiting. */
const REST_MS = 2000;

/**
 * Runs `pass` again and again until stopped: at once while a pass answers that more is waiting, else after a rest.
 * A failed pass is logged and the loop goes on (the database or the server may be back by the next one).
 */
export class PollingLoop {
  private running: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly pass: () => Promise<boolean>,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.running = this.loop();
  }

  /** Ends the loop after the pass in progress, if any. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let more = false;
      try {
        more = await this.pass();
      } catch (err) {
        this.onError(err);
      }
      if (!more && !this.stopping) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, REST_MS);
        });
      }
    }
  }
}
