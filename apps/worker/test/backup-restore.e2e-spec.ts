/**
 * Backup, restore, recover, on Debian's PostgreSQL server (package postgresql-15, an external server as an
 * operator installs it) with its own pg_dump and pg_restore: a compressed campaign runs, the database is backed
 * up, one more registration arrives, then the database server and Temporal's store are both lost. The backup is
 * restored into a fresh server, `recover` starts the workflows from the restored log, and the campaign goes on:
 * what the backup held is there, the registration after it is not (and can be sent again), deadlines are chased.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CampaignLauncher } from '@thidua/campaigns';
import { BINH_TAN_2019, type CampaignDefinition, type UnitState } from '@thidua/contracts';
import {
  debianPostgresBin,
  freePort,
  startEmbeddedPostgres,
  startTemporalDevServer,
  type RunningPostgres,
  type RunningTemporal,
} from '@thidua/devkit';
import { runMigrations } from '@thidua/persistence';
import { eventually, startWorkerStack, unitDriver, type WorkerStack } from '@thidua/testing';
import { backupDatabases, restoreDatabases } from '../src/operations/backup';
import { recoverFromLog } from '../src/operations/recover';

const SECOND = 1000;
const at = (t0: number, s: number): string => new Date(t0 + s * SECOND).toISOString();

describe("backup and restore on Debian's PostgreSQL 15, then recovery from the restored log", () => {
  const dir = mkdtempSync(join(tmpdir(), 'backup-'));
  const servers: Array<{ stop(): Promise<void> }> = [];
  let stack: WorkerStack | undefined;

  beforeAll(() => {
    // As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to enter this folder.
    chmodSync(dir, 0o755);
  });
  afterAll(async () => {
    await stack?.worker.close();
    for (const s of servers.reverse()) await s.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const postgres = async (name: string): Promise<RunningPostgres> => {
    const pg = await startEmbeddedPostgres({ dataDir: join(dir, name), binDir: debianPostgresBin(15), ephemeral: true });
    servers.push(pg);
    return pg;
  };
  const temporal = async (name: string): Promise<RunningTemporal> => {
    const t = await startTemporalDevServer({ dbFilename: join(dir, `${name}.sqlite`), port: await freePort() });
    servers.push(t);
    return t;
  };

  it('restores a backup into a fresh server; recover starts the workflows from it and the campaign goes on', async () => {
    const first = await postgres('pg-first');
    await runMigrations(first.url);
    const firstTemporal = await temporal('temporal-first');
    const taskQueue = `backup-${randomUUID()}`;
    const env = (databaseUrl: string, temporalAddress: string) => ({
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
    });
    stack = await startWorkerStack('backup', env(first.url, firstTemporal.address));

    const t0 = Date.now() + 2 * SECOND;
    const def: CampaignDefinition = {
      ...BINH_TAN_2019,
      code: `backup-${randomUUID().slice(0, 8)}`,
      units: BINH_TAN_2019.units.slice(0, 6),
      milestones: {
        launchAt: at(t0, 0),
        registrationDue: at(t0, 60),
        registrationCutoffAt: at(t0, 600),
        interimReviewAt: at(t0, 700),
        campaignEndsAt: at(t0, 800),
        finalReportDue: at(t0, 900),
        finalReportCutoffAt: at(t0, 1000),
      },
      chase: { reminderOffsets: ['PT6S'], overdueReminderInterval: 'PT300S', escalationDelay: 'PT300S' },
      dayLength: 'PT1S',
    };
    const ids = def.units.map((u) => u.id);
    await new CampaignLauncher(stack.ds, stack.client, taskQueue).launch(def, 'admin');
    const phases = async (ds: WorkerStack['ds']): Promise<Record<string, string>> =>
      Object.fromEntries(
        (
          await ds.query<Array<{ unit_id: string; phase: string }>>('SELECT unit_id, phase FROM unit_status WHERE campaign_id = $1', [
            def.code,
          ])
        ).map((r) => [r.unit_id, r.phase]),
      );
    // Running: every unit's workflow is started (the rows are written before the workflows).
    await eventually(
      async () => (await stack!.ds.query<Array<{ status: string }>>('SELECT status FROM campaigns WHERE id = $1', [def.code]))[0]?.status,
      (s) => s === 'running',
      60_000,
    );
    let u = unitDriver(stack.client, def.code);
    for (const id of ids.slice(0, 3)) await u.register(id);

    // The backup, then one more registration it does not hold.
    const backup = join(dir, 'backup');
    const manifest = await backupDatabases(first.url, backup);
    expect(manifest.databases.map((d) => d.role)).toEqual(['app']);
    expect(manifest.serverVersion).toMatch(/^15\./);
    expect(readdirSync(backup).sort()).toEqual(['app.dump', 'manifest.json']);
    await expect(backupDatabases(first.url, backup)).rejects.toThrow('already holds a backup');
    await u.register(ids[3]);

    // Both lost: the database server and Temporal's store.
    await stack.worker.close();
    stack = undefined;
    await first.stop();
    await firstTemporal.stop();

    const second = await postgres('pg-second');
    const secondTemporal = await temporal('temporal-second');
    await restoreDatabases(second.url, backup);
    await expect(restoreDatabases(second.url, backup)).rejects.toThrow('not empty');
    stack = await startWorkerStack('backup', env(second.url, secondTemporal.address));
    expect(await phases(stack.ds)).toEqual(
      Object.fromEntries(ids.map((id, i) => [id, i < 3 ? 'registration-submitted' : 'awaiting-registration'])),
    );

    const recovered = await recoverFromLog(stack.ds, stack.client, taskQueue, { campaignId: def.code });
    expect(recovered.map((r) => r.unitId ?? r.kind).sort()).toEqual([...ids, 'campaign'].sort());
    expect(await recoverFromLog(stack.ds, stack.client, taskQueue, { campaignId: def.code })).toEqual([]);

    // The campaign goes on: the lost registration is sent again, another arrives, the silent units are chased.
    u = unitDriver(stack.client, def.code);
    expect((await u.register(ids[3])).registrationAttempts).toBe(1);
    await u.register(ids[4]);
    const state = async (id: string): Promise<UnitState> =>
      (
        await stack!.ds.query<Array<{ state: UnitState }>>('SELECT state FROM unit_status WHERE campaign_id = $1 AND unit_id = $2', [
          def.code,
          id,
        ])
      )[0].state;
    await eventually(
      () => state(ids[5]),
      (s) => s.tasks.registration?.missed === true,
      120_000,
    );
    expect((await state(ids[5])).remindersSent).toBe(1);
    const repeated = await stack.ds.query<unknown[]>(
      `SELECT unit_id FROM events WHERE campaign_id = $1 GROUP BY unit_id HAVING max(seq) <> count(*)`,
      [def.code],
    );
    expect(repeated).toEqual([]);
  }, 300_000);
});
