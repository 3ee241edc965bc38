/** Structured JSON logging shared by every process: one JSON object per line on stdout. */
import { ConsoleLogger } from '@nestjs/common';
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
