/**
 * A release upgrades a running installation: the fixture recorded by the release before (a backup of its
 * database and its Temporal dev server's store, a campaign stopped mid-way: three units registered, one approved,
 * one returned) is loaded; this release migrates the database, starts its worker on the running workflows (their
 * histories replay on this code, events of the old shapes are read) and finishes the campaign: the admin moves the
 * plan to now, units act, the rest are closed at the cut-off. Nothing is lost or repeated.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignWorkflowId, getUnitState, moveMilestones, type Milestones, type UnitState } from '@thidua/contracts';
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
import { restoreDatabases } from '../apps/worker/src/operations/backup';
import { unpackTemporalStore, UPGRADE_FIXTURES, type UpgradeFixture } from '../scripts/upgrade-fixture';

const SECOND = 1000;

/** The newest fixture: the release before this one. */
function latestFixture(): string {
  const versions = readdirSync(UPGRADE_FIXTURES).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (versions.length === 0) throw new Error(`no upgrade fixture in ${UPGRADE_FIXTURES}: record one with npm run record-upgrade-fixture`);
  return join(UPGRADE_FIXTURES, versions[versions.length - 1]);
}

describe('upgrading a running installation from the release before', () => {
  const fixtureDir = latestFixture();
  const fixture = JSON.parse(readFileSync(join(fixtureDir, 'fixture.json'), 'utf8')) as UpgradeFixture;
  const dir = mkdtempSync(join(tmpdir(), 'upgrade-'));
  let pg: RunningPostgres | undefined;
  let temporal: RunningTemporal | undefined;
  let stack: WorkerStack | undefined;

  afterAll(async () => {
    await stack?.worker.close();
    await temporal?.stop();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`starts on ${fixture.version}'s database and workflows, replays them and finishes the campaign`, async () => {
    // As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to enter this folder.
    chmodSync(dir, 0o755);
    pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), binDir: debianPostgresBin(15), ephemeral: true });
    await restoreDatabases(pg.url, fixtureDir);
    await runMigrations(pg.url); // this release's migrations over the old schema and rows
    temporal = await startTemporalDevServer({ dbFilename: unpackTemporalStore(fixtureDir, dir), port: await freePort() });
    stack = await startWorkerStack('upgrade', {
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: fixture.taskQueue,
    });
    const { client, ds } = stack;
    const code = fixture.campaignId;
    const [approved, returned, waiting] = fixture.registered;
    const u = unitDriver(client, code);
    const projected = async (unitId: string): Promise<UnitState> =>
      (
        await ds.query<Array<{ state: UnitState }>>('SELECT state FROM unit_status WHERE campaign_id = $1 AND unit_id = $2', [code, unitId])
      )[0].state;

    // Every workflow of the release before replays on this code (a query replays its whole history on a fresh
    // worker) and holds what the log holds.
    for (const unitId of fixture.units) {
      const [view, row] = await Promise.all([u.handle(unitId).query(getUnitState), projected(unitId)]);
      expect([unitId, view.seq, view.phase]).toEqual([unitId, row.seq, row.phase]);
    }
    expect((await projected(approved)).phase).toBe('registration-approved');
    expect((await projected(returned)).phase).toBe('registration-returned');
    expect((await projected(waiting)).phase).toBe('registration-submitted');

    // The admin moves the plan to now: it finishes within a minute and a half.
    const t0 = Date.now();
    const at = (s: number): string => new Date(t0 + s * SECOND).toISOString();
    const milestones: Milestones = {
      launchAt: (await projected(approved)).milestones.launchAt,
      registrationDue: at(20),
      registrationCutoffAt: at(30),
      interimReviewAt: at(35),
      campaignEndsAt: at(40),
      finalReportDue: at(60),
      finalReportCutoffAt: at(70),
    };
    const progress = await client.workflow.getHandle(campaignWorkflowId(code)).executeUpdate(moveMilestones, {
      args: [{ milestones, actor: 'admin' }],
      updateId: randomUUID(),
    });
    expect(progress.status).toBe('running');
    await eventually(
      () => Promise.all(fixture.units.map(projected)),
      (states) => states.every((s) => s.milestones.registrationDue === milestones.registrationDue),
      60_000,
    );

    // The returned unit sends its registration again; the units that never registered are closed at the cut-off.
    await u.register(returned);
    const silent = fixture.units.filter((id) => !fixture.registered.includes(id));
    await eventually(
      () => Promise.all(silent.map(projected)),
      (states) => states.every((s) => s.phase === 'non-compliant'),
      90_000,
    );
    // After the campaign's end: final reports and reviews of the three registered units.
    await eventually(
      () => Promise.all(fixture.registered.map(projected)),
      (states) => states.every((s) => s.tasks['final-report']?.status === 'open'),
      90_000,
    );
    for (const unitId of fixture.registered) {
      await u.report(unitId);
      await u.review(unitId, 'final');
    }
    await eventually(
      async () => (await ds.query<Array<{ status: string }>>('SELECT status FROM campaigns WHERE id = $1', [code]))[0]?.status,
      (s) => s === 'finished',
      60_000,
    );
    for (const unitId of fixture.registered) expect((await projected(unitId)).phase).toBe('completed');

    // Nothing lost or repeated: each unit's log numbered without a gap, no reminder key twice.
    const gaps = await ds.query<unknown[]>(
      'SELECT unit_id FROM events WHERE campaign_id = $1 AND unit_id IS NOT NULL GROUP BY unit_id HAVING max(seq) <> count(*)',
      [code],
    );
    expect(gaps).toEqual([]);
    const repeated = await ds.query<unknown[]>(
      `SELECT unit_id FROM events WHERE campaign_id = $1 AND type = 'ReminderSent' GROUP BY unit_id, data->>'key' HAVING count(*) > 1`,
      [code],
    );
    expect(repeated).toEqual([]);
  }, 300_000);
});
