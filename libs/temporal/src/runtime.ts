/**
 * The Temporal SDK's runtime of a worker process: its logs as JSON lines like every other log, and its own
 * metrics on loopback for the process's `/metrics`. Apart from the observability library, whose index the
 * entry points load before tracing starts: this module loads the SDK (and gRPC), which tracing must see load.
 */
import { createServer, type AddressInfo } from 'node:net';
import { DefaultLogger, Runtime, type LogLevel as TemporalLogLevel } from '@temporalio/worker';
import type { LogLevel } from '@thidua/config';

/** Where the Temporal SDK serves its own Prometheus metrics in this process (loopback), once installed with them. */
let temporalMetricsUrl: string | undefined;

/** The Temporal SDK's Prometheus endpoint in this process, if {@link installTemporalRuntime} started one. */
export function temporalSdkMetricsUrl(): string | undefined {
  return temporalMetricsUrl;
}

/**
 * Installs the Temporal SDK's runtime for this process: its logs (worker, bundler, core) as JSON lines like every
 * other log, and with `metrics`, its own metrics (workflow task latency, schedule-to-start, sticky cache, polls,
 * request failures) on a loopback port the process's `/metrics` reads and serves with its own.
 */
export async function installTemporalRuntime(processName: string, level: LogLevel, metrics: boolean): Promise<void> {
  const temporalLevel = level.toUpperCase() as TemporalLogLevel;
  const bindAddress = metrics ? `127.0.0.1:${await freeLoopbackPort()}` : undefined;
  Runtime.install({
    logger: new DefaultLogger(temporalLevel, (entry) => {
      process.stdout.write(
        `${JSON.stringify({
          level: entry.level.toLowerCase(),
          pid: process.pid,
          timestamp: new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString(),
          context: `${processName}:temporal`,
          message: entry.message,
          ...entry.meta,
        })}\n`,
      );
    }),
    ...(bindAddress
      ? {
          telemetryOptions: {
            metrics: { prometheus: { bindAddress, useSecondsForDurations: true }, globalTags: { process: processName } },
          },
        }
      : {}),
  });
  if (bindAddress) temporalMetricsUrl = `http://${bindAddress}/metrics`;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}
