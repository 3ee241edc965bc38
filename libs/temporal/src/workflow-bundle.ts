/** Builds the workflow bundle once, so workers (and tests) reuse it instead of re-bundling. */
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository's root, or dist/ in a build (the same relative place from here in both). */
const ROOT = resolve(__dirname, '../../..');

/** Entry point of the workflow code. */
export const WORKFLOWS_PATH = join(ROOT, 'workflows', 'src');

/**
 * The one alias map (tsconfig.json "paths": `@thidua/<lib>` is `libs/<lib>/src`) as webpack spells it: the
 * bundler reads no tsconfig. Built workflows need none (tsc-alias rewrote them), the sources under Jest do.
 */
function libAliases(): Record<string, string> {
  const libs = join(ROOT, 'libs');
  return Object.fromEntries(
    readdirSync(libs, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => [`@thidua/${d.name}$`, join(libs, d.name, 'src')]),
  );
}

/** The OpenTelemetry workflow interceptors: spans of each update, signal and activity call, exported through a sink. */
const TRACING_INTERCEPTORS = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/** Bundles the workflow sources (or their build), traced or not. */
function bundle(traced = false): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve(WORKFLOWS_PATH),
    ...(traced ? { workflowInterceptorModules: [TRACING_INTERCEPTORS] } : {}),
    logger: quietLogger,
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), ...libAliases() } },
    }),
  });
}

/** Bundles `workflows/` into a single JavaScript file at `outPath`. */
export async function writeWorkflowBundle(outPath: string): Promise<void> {
  writeFileSync(outPath, (await bundle()).code);
}

/**
 * Loads a bundle written by {@link writeWorkflowBundle}, or bundles the sources now. A traced worker bundles
 * now with the tracing interceptors (the prebuilt bundle has none: untraced workers pay nothing for them);
 * interceptors add no commands, so traced and untraced workers replay each other's histories.
 */
export async function loadWorkflowBundle(
  path: string | undefined,
  traced = false,
): Promise<WorkflowBundleWithSourceMap | { code: string }> {
  if (path && !traced) return { code: readFileSync(path, 'utf8') };
  return bundle(traced);
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
