/**
 * Crash recovery on the real dev server. One compressed campaign runs through five worker processes; each of
 * the first four is armed to SIGKILL itself right after a store commit holding a given event type (the
 * commit is durable, the activity and workflow task never report it): during a launch batch, during a
 * registration update, after a reminder, after a closing. The retried task runs later and decides
 * differently; the log must win. For every unit at the end: the workflow's state (query) = unit_status =
 * the fold of the log, seqs contiguous, each reminder key and each notification once, and the right phase.
 */
import { Client, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { CampaignLauncher, foldUnitEvents } from '@thidua/campaigns';
import {
  BINH_TAN_2019,
  campaignWorkflowId,
  getUnitState,
  moveMilestones,
  type CampaignDefinition,
  type UnitState,
} from '@thidua/contracts';
import { stopChild } from '@thidua/devkit';
import { createDataSource, readStream, readUnitStreams, streams, toUnitEvent } from '@thidua/persistence';
import { temporalBackends, eventually, unitDriver, ofType, eventType } from '@thidua/testing';

const root = join(__dirname, '../../..');
const at = (t0: number, s: number): string => new Date(t0 + s * 1000).toISOString();

describe.each(temporalBackends())('crash recovery on the %s', (_backend, temporalAddress) => {
  let ds: DataSource;
  let connection: Connection;
  let client: Client;
  const children: ChildProcess[] = [];
  const taskQueue = `crash-${randomUUID()}`;
  const dir = mkdtempSync(join(tmpdir(), 'crash-'));

  const startWorker = (extraEnv: Record<string, string> = {}): ChildProcess => {
    const child = spawn(process.execPath, ['-r', join(root, 'test/swc-register.js'), join(root, 'apps/worker/src/main.ts')], {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: temporalAddress,
        TEMPORAL_TASK_QUEUE: taskQueue,
        DIGEST_CRON: '',
        LOG_LEVEL: 'error',
        SHUTDOWN_GRACE_MS: '1000',
        ...extraEnv,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };
  /** A worker that kills itself right after its first commit holding an event of `type`. */
  const armedWorker = (type: string): { child: ChildProcess; marker: string } => {
    const marker = join(dir, type);
    return { child: startWorker({ FAULT_CRASH_AFTER_COMMIT_MARKER: marker, FAULT_CRASH_AFTER_EVENT: type }), marker };
  };
  const crashed = async ({ child, marker }: { child: ChildProcess; marker: string }): Promise<void> => {
    const outcome =
      child.exitCode !== null || child.signalCode !== null
        ? (child.signalCode ?? child.exitCode)
        : await new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    expect(outcome).toBe('SIGKILL');
    expect(existsSync(marker)).toBe(true);
  };
  const count = (sql: string, args: unknown[]): Promise<number> => ds.query<Array<{ n: string }>>(sql, args).then((r) => Number(r[0]?.n));

  beforeAll(async () => {
    ds = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 3 }).initialize();
    connection = await Connection.connect({ address: temporalAddress });
    client = new Client({ connection });
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => stopChild(c, 5000)));
    await connection?.close();
    await ds?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  // Four crashes, each recovered by a timeout of up to 20 s: well over a minute on a quiet machine.
  it('keeps the workflows, the log and the read models equal when workers die right after a commit', async () => {
    const t0 = Date.now();
    // Each crash costs up to ~20 s (heartbeat or workflow-task timeout) before another worker retries the work.
    const def: CampaignDefinition = {
      ...BINH_TAN_2019,
      code: `crash-${randomUUID().slice(0, 8)}`,
      units: BINH_TAN_2019.units.slice(0, 8),
      milestones: {
        launchAt: at(t0, 0),
        registrationDue: at(t0, 80),
        registrationCutoffAt: at(t0, 92),
        interimReviewAt: at(t0, 94),
        campaignEndsAt: at(t0, 96),
        finalReportDue: at(t0, 100),
        finalReportCutoffAt: at(t0, 104),
      },
      chase: { reminderOffsets: ['PT6S', 'PT3S'], overdueReminderInterval: 'PT3S', escalationDelay: 'PT4S' },
      dayLength: 'PT1S', // a rehearsal: one plan day per second
    };
    const registering = def.units.slice(0, 4).map((u) => u.id);
    const u = unitDriver(client, def.code);
    const eventsOf = (type: string): Promise<number> =>
      count('SELECT count(*) AS n FROM events WHERE campaign_id = $1 AND type = $2', [def.code, type]);

    // 1. During a launch batch: the UnitEnrolled events are stored, no unit workflow is started yet.
    const launch = armedWorker('UnitEnrolled');
    await new CampaignLauncher(ds, client, taskQueue).launch(def, 'admin');
    await crashed(launch);
    expect(await eventsOf('UnitEnrolled')).toBe(8);

    // 2. During a registration update: the registration is stored, the update's workflow task never completes.
    const registration = armedWorker('RegistrationSubmitted');
    const status = () =>
      ds.query<Array<{ status: string }>>('SELECT status FROM campaigns WHERE id = $1', [def.code]).then((r) => r[0]?.status);
    await eventually(status, (s) => s === 'running', 60_000);
    const firstRegistration = u.register(registering[0]);
    await crashed(registration);

    // 3. After a reminder: the silent units' reminders before the registration deadline.
    const reminder = armedWorker('ReminderSent');
    // The update the crashed worker had stored is answered from the log by the retried task, once.
    expect((await firstRegistration).phase).toBe('registration-submitted');
    await u.approve(registering[0]);
    for (const id of registering.slice(1)) {
      await u.register(id);
      await u.approve(id);
    }
    await crashed(reminder);

    // 4. After a closing: the silent units close at the registration cut-off.
    const closing = armedWorker('UnitClosed');
    await crashed(closing);

    // 5. An unarmed worker finishes the campaign.
    startWorker();
    await eventually(status, (s) => s === 'finished', 120_000);

    const log = await readUnitStreams(ds.manager, def.code);
    const rows = await ds.query<Array<{ unit_id: string; phase: string; last_seq: number; state: UnitState }>>(
      'SELECT unit_id, phase, last_seq, state FROM unit_status WHERE campaign_id = $1',
      [def.code],
    );
    expect(rows).toHaveLength(8);
    for (const unit of def.units) {
      const mine = log.filter((e) => e.unitId === unit.id);
      expect(mine.map((e) => e.seq)).toEqual(mine.map((_, i) => i + 1));
      const folded = foldUnitEvents(undefined, mine.map(toUnitEvent));
      const row = rows.find((r) => r.unit_id === unit.id);
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the view's derived fields are not state
      const { overdue, escalationLevel, ...queried } = await u.handle(unit.id).query(getUnitState);
      expect(row?.state).toEqual(folded);
      expect(queried).toEqual(folded);
      expect(row?.last_seq).toBe(mine.length);

      const keys = mine.filter((e) => e.type === eventType('ReminderSent')).map((e) => (e.data as { key: string }).key);
      expect(new Set(keys).size).toBe(keys.length);
      const facts = mine.filter((e) => e.type !== eventType('ReminderSent')).map((e) => `${e.type}:${JSON.stringify(e.data)}`);
      expect(new Set(facts).size).toBe(facts.length);
      expect(mine.filter((e) => e.type === eventType('RegistrationSubmitted'))).toHaveLength(registering.includes(unit.id) ? 1 : 0);
      const closings = mine.filter((e) => e.type === eventType('UnitClosed'));
      expect(closings).toEqual([
        expect.objectContaining({
          data: expect.objectContaining({ task: registering.includes(unit.id) ? 'final-report' : 'registration' }),
        }),
      ]);
      expect(row?.phase).toBe('non-compliant');
    }
    const campaignLog = await readStream(ds.manager, streams.campaign(def.code).stream);
    expect(campaignLog.map((e) => e.seq)).toEqual(campaignLog.map((_, i) => i + 1));
    expect(campaignLog.filter((e) => e.type === eventType('CampaignFinished'))).toHaveLength(1);

    // The outbox holds notifications of stored events only (none of a decision the log overruled), each once.
    expect(
      await count(
        'SELECT count(*) AS n FROM notifications n WHERE campaign_id = $1 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = n.event_id)',
        [def.code],
      ),
    ).toBe(0);
    const reminderNotices = await count(
      `SELECT count(*) AS n FROM notifications n JOIN events e ON e.id = n.event_id WHERE n.campaign_id = $1 AND e.type IN (${ofType('ReminderSent')}) AND n.channel = 'inbox'`,
      [def.code],
    );
    expect(reminderNotices).toBeGreaterThanOrEqual(await eventsOf('ReminderSent'));
    expect(
      await count('SELECT count(*) - count(DISTINCT (event_id, recipient, channel)) AS n FROM notifications WHERE campaign_id = $1', [
        def.code,
      ]),
    ).toBe(0);

    // The suite's servers suggest continue-as-new after 15 events: the lifecycle crossed it without loss.
    const continued = await eventually(
      () => client.workflow.count(`CampaignId = "${def.code}" AND ExecutionStatus = "ContinuedAsNew"`).then((r) => r.count),
      (n) => n > 0,
    );
    expect(continued).toBeGreaterThan(0);
  }, 360_000);

  // A worker dies right after a fan-out page committed: the page's events are stored for every unit, none told.
  it('tells every unit of a move exactly once when a worker dies right after storing a fan-out page', async () => {
    await Promise.all(children.splice(0).map((c) => stopChild(c, 5000)));
    const t0 = Date.now();
    const def: CampaignDefinition = {
      ...BINH_TAN_2019,
      code: `fan-out-${randomUUID().slice(0, 8)}`,
      units: BINH_TAN_2019.units.slice(0, 6),
      milestones: {
        launchAt: at(t0, 0),
        registrationDue: at(t0, 3600),
        registrationCutoffAt: at(t0, 3700),
        interimReviewAt: at(t0, 3800),
        campaignEndsAt: at(t0, 3900),
        finalReportDue: at(t0, 4000),
        finalReportCutoffAt: at(t0, 4100),
      },
    };
    const u = unitDriver(client, def.code);
    const fanOut = armedWorker('FanOutPage');
    await new CampaignLauncher(ds, client, taskQueue).launch(def, 'admin');
    await eventually(
      () => ds.query<Array<{ status: string }>>('SELECT status FROM campaigns WHERE id = $1', [def.code]).then((r) => r[0]?.status),
      (s) => s === 'running',
      60_000,
    );
    const moved = { ...def.milestones, registrationDue: at(t0, 3650) };
    await client.workflow
      .getHandle(campaignWorkflowId(def.code))
      .executeUpdate(moveMilestones, { args: [{ actor: 'admin', milestones: moved }] });
    await crashed(fanOut);
    const unitEvents = (): Promise<number> =>
      count("SELECT count(*) AS n FROM events WHERE campaign_id = $1 AND unit_id IS NOT NULL AND type = 'MilestoneMoved'", [def.code]);
    expect(await unitEvents()).toBe(6);

    // Another worker retries the page (after the heartbeat timeout): it finds the page's events and tells the units.
    startWorker();
    // A unit the dead worker had cached is queried on its sticky queue until the server gives up on it (the query
    // times out): that is "not yet", as is the old plan.
    for (const unit of def.units)
      await eventually(
        () =>
          u
            .handle(unit.id)
            .query(getUnitState)
            .catch(() => undefined),
        (s) => s?.milestones.registrationDue === moved.registrationDue,
        180_000,
      );
    expect(await unitEvents()).toBe(6);
    const log = await readUnitStreams(ds.manager, def.code);
    for (const unit of def.units) {
      const mine = log.filter((e) => e.unitId === unit.id);
      expect(mine.map((e) => e.seq)).toEqual(mine.map((_, i) => i + 1));
      const folded = foldUnitEvents(undefined, mine.map(toUnitEvent));
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the view's derived fields are not state
      const { overdue, escalationLevel, ...queried } = await u.handle(unit.id).query(getUnitState);
      expect(queried).toEqual(folded);
      const [row] = await ds.query<Array<{ state: UnitState }>>('SELECT state FROM unit_status WHERE campaign_id = $1 AND unit_id = $2', [
        def.code,
        unit.id,
      ]);
      expect(row.state).toEqual(folded);
      expect(mine.filter((e) => e.type === eventType('MilestoneMoved'))).toHaveLength(1);
    }
    // Each unit's notice of the move went out once.
    expect(
      await count('SELECT count(*) - count(DISTINCT (event_id, recipient, channel)) AS n FROM notifications WHERE campaign_id = $1', [
        def.code,
      ]),
    ).toBe(0);
  }, 300_000);
});
