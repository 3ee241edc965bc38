/**
 * The worker's configuration, and its tracing started from it: imported first by main.ts, so pg and gRPC are
 * instrumented as the application's modules require them.
 */
import { configOrExit, EXIT_CANNOT_START, loadServiceConfig } from '@thidua/config';
import { startTracing } from '@thidua/observability';

export const config = configOrExit(
  () => loadServiceConfig({ ...process.env, PROCESS_NAME: process.env.PROCESS_NAME ?? 'worker' }),
  EXIT_CANNOT_START,
);
startTracing('thidua-worker', config.otlpEndpoint);
