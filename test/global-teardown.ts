import { rmSync } from 'node:fs';
import type { RunningPostgres, RunningTemporal } from '@thidua/devkit';

/** Stops what globalSetup started, so a test run leaves no process behind. */
export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as Record<string, unknown>).__servers as
    { pg: RunningPostgres; temporal: RunningTemporal; cluster?: RunningTemporal; dir: string } | undefined;
  if (!servers) return;
  await Promise.all([servers.temporal.stop(), servers.cluster?.stop()]);
  await servers.pg.stop();
  rmSync(servers.dir, { recursive: true, force: true });
}
