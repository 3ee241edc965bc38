import { spawn } from 'node:child_process';
import { waitFor } from './processes';
import { supervise } from './supervisor';

/** Real child processes: one that crashes at once, then one that keeps running. */
describe('supervise', () => {
  it('restarts a crashed child with a growing delay, logs each crash, and stops it for good', async () => {
    const lines: string[] = [];
    let starts = 0;
    const s = supervise(
      'worker',
      () => {
        starts += 1;
        // The first two runs crash; the third stays up.
        const code = starts <= 2 ? 'process.exit(3)' : 'setInterval(() => {}, 1000)';
        return spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
      },
      { log: (level, m) => lines.push(`${level}: ${m}`), initialDelayMs: 50, maxDelayMs: 1000 },
    );
    await waitFor('two restarts', async () => s.restarts >= 2, 20_000, 20);
    expect(s.restarts).toBe(2);
    expect(lines.filter((l) => l.startsWith('error: worker exited unexpectedly (code 3)'))).toHaveLength(2);
    expect(lines).toContain('error: worker exited unexpectedly (code 3); restarting in 0 s');
    expect(s.current.exitCode).toBeNull();
    const last = s.current;
    await s.stop();
    expect(last.signalCode ?? last.exitCode).not.toBeNull();
    expect(s.restarts).toBe(2);
  });

  it('does not restart a child that cannot start (its configuration, a port taken): it says so and hands over', async () => {
    const lines: string[] = [];
    let starts = 0;
    let gaveUp = 0;
    const s = supervise(
      'api',
      () => {
        starts += 1;
        return spawn(process.execPath, ['-e', 'process.exit(78)'], { stdio: 'ignore' });
      },
      { log: (level, m) => lines.push(`${level}: ${m}`), initialDelayMs: 10, cannotStartCode: 78, onCannotStart: () => (gaveUp += 1) },
    );
    await waitFor('the supervisor to give up', async () => gaveUp > 0, 20_000, 20);
    expect(lines).toContain('error: api cannot start (exit code 78); not restarting it: a restart would fail the same way');
    // A restart is announced in the same handler, before its timer is set: none was.
    expect(lines.filter((l) => l.includes('exited unexpectedly'))).toEqual([]);
    expect([starts, s.restarts, gaveUp]).toEqual([1, 0, 1]);
    await s.stop();
  });
});
