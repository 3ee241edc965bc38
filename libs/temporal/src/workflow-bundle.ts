/** Builds the workflow bundle once, so workers (and tests) reuse it instead of re-bundling. */
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Entry point of the workflow code (same relative place in the sources and in dist/). */
export const WORKFLOWS_PATH = resolve(__dirname, '../../../workflows/src');

/** Bundles `workflows/` into a single JavaScript file at `outPath`. */
export async function writeWorkflowBundle(outPath: string): Promise<void> {
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve(WORKFLOWS_PATH), logger: quietLogger });
  writeFileSync(outPath, bundle.code);
}

/** Loads a bundle written by {@link writeWorkflowBundle}, or bundles the sources now. */
export async function loadWorkflowBundle(path: string | undefined): Promise<WorkflowBundleWithSourceMap | { code: string }> {
  if (path) return { code: readFileSync(path, 'utf8') };
  return bundleWorkflowCode({ workflowsPath: require.resolve(WORKFLOWS_PATH), logger: quietLogger });
}

const noop = (): void => undefined;
/** The bundler logs every module at info level; only warnings and errors matter here. */
const quietLogger = {
  trace: noop,
  debug: noop,
  info: noop,
  log: noop,
  warn: (m: string) => process.stderr.write(`[bundler] ${m}\n`),
  error: (m: string) => process.stderr.write(`[bundler] ${m}\n`),
};
