/**
 * ClamAV's scanning daemon (Debian's `clamav-daemon`) for tests and local runs. The official signature database
 * cannot be downloaded here, so the daemon loads a one-signature database written beside its configuration:
 * {@link TEST_SIGNATURE} in any file is reported as `Thidua.Test.Signature.UNOFFICIAL` — the EICAR idea, with a
 * string no real scanner flags.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopChild, waitFor } from './processes';

/** Bytes the test database flags wherever they appear in a file. */
export const TEST_SIGNATURE = 'THIDUA-TEST-SIGNATURE-NOT-A-VIRUS';
/** The name clamd reports for it (unofficial signatures get the suffix). */
export const TEST_SIGNATURE_NAME = 'Thidua.Test.Signature.UNOFFICIAL';

/** The clamd binary, or undefined when clamav-daemon is not installed. */
export function clamdPath(): string | undefined {
  for (const candidate of ['/usr/sbin/clamd', '/usr/bin/clamd', '/usr/local/sbin/clamd']) if (existsSync(candidate)) return candidate;
  const found = spawnSync('sh', ['-c', 'command -v clamd'], { encoding: 'utf8' }).stdout.trim();
  return found || undefined;
}

/** A running daemon: its local socket. */
export interface RunningClamd {
  readonly socket: string;
  stop(): Promise<void>;
}

/** Starts clamd in the foreground with the test database, its socket and log in `dir`. */
export async function startClamd(dir: string): Promise<RunningClamd> {
  const clamd = clamdPath();
  if (!clamd) throw new Error('clamd is not installed: apt-get install clamav-daemon (make test installs it)');
  mkdirSync(dir, { recursive: true });
  const hex = Buffer.from(TEST_SIGNATURE, 'ascii').toString('hex');
  writeFileSync(join(dir, 'thidua-test.ndb'), `Thidua.Test.Signature:0:*:${hex}\n`);
  const socket = join(dir, 'clamd.sock');
  const config = join(dir, 'clamd.conf');
  writeFileSync(
    config,
    [
      `DatabaseDirectory ${dir}`,
      `LocalSocket ${socket}`,
      `TemporaryDirectory ${dir}`,
      'Foreground yes',
      'StreamMaxLength 100M',
      'MaxFileSize 100M',
      'MaxScanSize 200M',
      '',
    ].join('\n'),
  );
  const logFd = openSync(join(dir, 'clamd.log'), 'a');
  const child = spawn(clamd, [`--config-file=${config}`], { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  try {
    await waitFor('clamd', async () => existsSync(socket) && child.exitCode === null, 60_000, 100);
  } catch (err) {
    await stopChild(child, 2000);
    throw new Error(`clamd did not start (its log: ${join(dir, 'clamd.log')}): ${(err as Error).message}`);
  }
  return { socket, stop: () => stopChild(child, 5000) };
}
