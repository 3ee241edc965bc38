/**
 * Keeps a child process running: when it exits without being asked to, it is started again after a delay
 * that doubles with each quick failure (1 s, 2 s, 4 s... at most 30 s) and resets once a run has lasted a
 * minute. Each exit and restart is logged at error level, so a crash loop is loud, not silent.
 */
import type { ChildProcess } from 'node:child_process';
import { stopChild } from './processes';

/** Options of {@link supervise}. */
export interface SuperviseOptions {
  /** Writes one log line (level, message). */
  readonly log: (level: 'info' | 'error', message: string) => void;
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A run at least this long resets the delay. */
  readonly healthyAfterMs?: number;
  /** Grace before SIGKILL when stopping. */
  readonly stopGraceMs?: number;
  /**
   * The exit code of a child that cannot start for a reason a restart cannot fix (its configuration, a port
   * taken): such an exit is not restarted; `onCannotStart` is called instead.
   */
  readonly cannotStartCode?: number;
  readonly onCannotStart?: () => void;
}

/** A supervised process. */
export interface Supervised {
  /** The current child (replaced on each restart). */
  readonly current: ChildProcess;
  /** How many times it was restarted. */
  readonly restarts: number;
  /** Stops it for good (no restart). */
  stop(): Promise<void>;
}

/** Starts `start()` and restarts it whenever it exits unexpectedly. */
export function supervise(name: string, start: () => ChildProcess, options: SuperviseOptions): Supervised {
  const { log, initialDelayMs = 1000, maxDelayMs = 30_000, healthyAfterMs = 60_000, stopGraceMs = 10_000 } = options;
  let delay = initialDelayMs;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let restarts = 0;

  const run = (): ChildProcess => {
    const startedAt = Date.now();
    const child = start();
    log('info', `${name} started (pid ${child.pid})`);
    child.once('exit', (code, signal) => {
      if (stopped) return;
      if (options.cannotStartCode !== undefined && code === options.cannotStartCode) {
        log('error', `${name} cannot start (exit code ${code}); not restarting it: a restart would fail the same way`);
        options.onCannotStart?.();
        return;
      }
      if (Date.now() - startedAt >= healthyAfterMs) delay = initialDelayMs;
      log('error', `${name} exited unexpectedly (${signal ?? `code ${code}`}); restarting in ${Math.round(delay / 1000)} s`);
      timer = setTimeout(() => {
        if (stopped) return;
        restarts += 1;
        log('info', `restarting ${name} (restart ${restarts})`);
        current = run();
      }, delay);
      delay = Math.min(delay * 2, maxDelayMs);
    });
    return child;
  };
  let current = run();

  return {
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await stopChild(current, stopGraceMs);
    },
  };
}
