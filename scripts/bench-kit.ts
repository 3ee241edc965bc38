/** What the benchmark scripts share: arguments, peak memory, and servers stopped in reverse order on exit or Ctrl-C. */
import { readFileSync } from 'node:fs';

/** A positive integer argument `--name N`. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
  return v;
}

/** Peak resident memory of a process, MiB. */
export function peakRssMiB(pid: number | undefined): number {
  if (!pid) return 0;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
}

/** Everything started, stopped in reverse order at the end, on an error, or on Ctrl-C: no process left behind. */
export const cleanups: Array<() => Promise<unknown>> = [];
/** Servers still starting: a Ctrl-C during start-up waits for them, so they can be stopped too. */
const starting = new Set<Promise<unknown>>();
export function started<T extends { stop(): Promise<void> }>(start: Promise<T>): Promise<T> {
  const tracked = start.then((server) => (cleanups.push(() => server.stop()), server));
  starting.add(tracked);
  void tracked.catch(() => undefined).finally(() => starting.delete(tracked));
  return tracked;
}
export async function cleanUp(): Promise<void> {
  await Promise.allSettled([...starting]);
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => undefined);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().then(() => process.exit(130)));
}

