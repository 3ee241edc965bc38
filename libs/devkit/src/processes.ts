import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Binds `port` on loopback (0: any) and lets it go; the port bound, or undefined when it was taken. */
function bindOnce(port: number): Promise<number | undefined> {
  return new Promise((resolveBound) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolveBound(undefined));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolveBound(typeof address === 'object' && address ? address.port : undefined));
    });
  });
}

/** Asks the kernel for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const port = await bindOnce(0);
  if (port === undefined) throw new Error('no free port on 127.0.0.1');
  return port;
}

/**
 * A free TCP port on loopback below 32768 (outside the kernel's ephemeral range, so no outgoing connection
 * takes it meanwhile; Temporal's SQL schema also stores membership ports as smallint).
 */
export async function freeLowPort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = await bindOnce(20_000 + Math.floor(Math.random() * 12_000));
    if (port !== undefined) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

/** Polls `check` until it resolves true or the deadline passes. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Sends `signal`, then SIGKILL after `graceMs`; resolves when the process has exited. */
export function stopChild(child: ChildProcess, graceMs = 10_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveStop) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill(signal);
  });
}

/** The last `lines` lines of a server's log, for an error that has to say why without the file at hand. */
export function logTail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
