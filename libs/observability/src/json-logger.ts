/** Structured JSON logging shared by every process: one JSON object per line on stdout. */
import { ConsoleLogger } from '@nestjs/common';
import { DefaultLogger, Runtime, type LogLevel as TemporalLogLevel } from '@temporalio/worker';
import type { LogLevel } from '@thidua/config';

const NEST_LEVELS: Record<LogLevel, Array<'debug' | 'log' | 'warn' | 'error' | 'fatal'>> = {
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
};

/** Nest's logger in JSON mode, named after the process. */
export function createJsonLogger(processName: string, level: LogLevel): ConsoleLogger {
  return new ConsoleLogger(processName, { json: true, logLevels: NEST_LEVELS[level] });
}

/** Routes the Temporal SDK's own logs (worker, bundler, core) to JSON lines as well. */
export function installTemporalJsonLogging(processName: string, level: LogLevel): void {
  const temporalLevel = level.toUpperCase() as TemporalLogLevel;
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
  });
}
