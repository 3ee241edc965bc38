/**
 * Crash recovery on the real dev server: worker processes are SIGKILLed mid-campaign, once right after an
 * event-store commit (before the activity reports completion) and once at an arbitrary moment. Every unit
 * must still end in the right phase, and the log must hold each fact exactly once.
 */
import { Client, Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { CampaignLauncher } from '../../../libs/campaigns/src';
import { BINH_TAN_2019, type CampaignDefinition } from '../../../libs/contracts/src/campaign';
import { stopChild } from '../../../libs/devkit/src/processes';
import { createDataSource } from '../../../libs/persistence/src/data-source';
import { eventually } from '../../../test/poll';
import { unitDriver } from '../../../test/unit-driver';

const root = join(__dirname, '../../..');
const at = (t0: number, s: number): string => new Date(t0 + s * 1000).toISOString();

describe('crash recovery', () => {
  let ds: DataSource;
  let connection: Connection;
  let client: Client;
  const children: ChildProcess[] = [];
  const taskQueue = `crash-${randomUUID()}`;
  const dir = mkdtempSync(join(tmpdir(), 'crash-'));

  const startWorker = (extraEnv: Record<string, string> = {}): ChildProcess => {
    const child = spawn(process.execPath, ['-r', join(root, 'test/swc-register.js'), join(root, 'apps/worker/src/main.ts')], {
      env: { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue, DIGEST_CRON: '', LOG_LEVEL: 'error', SHUTDOWN_GRACE_MS: '1000', ...extraEnv },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };
  const exited = (child: ChildProcess): Promise<NodeJS.Signals | number | null> =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve(child.signalCode ?? child.exitCode)
      : new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));

  beforeAll(async () => {
    ds = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 3 }).initialize();
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection });
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => stopChild(c, 5000)));
    await connection?.close();
    await ds?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses and duplicates nothing when workers are killed', async () => {
    const t0 = Date.now();
    // Room for the first crash: the enrol batch is retried after its 20 s heartbeat timeout.
    const def: CampaignDefinition = {
      ...BINH_TAN_2019,
      code: `crash-${randomUUID().slice(0, 8)}`,
      units: BINH_TAN_2019.units.slice(0, 8),
      milestones: {
        launchAt: at(t0, 0),
        registrationDue: at(t0, 40),
        registrationCutoffAt: at(t0, 50),
        interimReviewAt: at(t0, 52),
        campaignEndsAt: at(t0, 54),
        finalReportDue: at(t0, 58),
        finalReportCutoffAt: at(t0, 62),
      },
      chase: { reminderOffsets: ['PT6S', 'PT3S'], overdueReminderInterval: 'PT3S', escalationDelay: 'PT4S' },
      dayLength: 'PT1S', // a rehearsal: one plan day per second
    };
    const registering = def.units.slice(0, 4).map((u) => u.id);

    // Worker 1 dies right after its first store commit: the launch batch's UnitEnrolled events are stored,
    // no unit workflow is started yet, and the activity never completes.
    const marker = join(dir, 'crashed');
    const first = startWorker({ FAULT_CRASH_AFTER_COMMIT_MARKER: marker });
    await new CampaignLauncher(ds, client, taskQueue).launch(def, 'admin');
    expect(await exited(first)).toBe('SIGKILL');
    expect(existsSync(marker)).toBe(true);
    const afterCrash = await ds.query<Array<{ n: string }>>("SELECT count(*) AS n FROM events WHERE campaign_id = $1 AND type = 'UnitEnrolled'", [def.code]);
    expect(Number(afterCrash[0]?.n)).toBe(8);

    // Worker 2 takes over, serves registrations, then is killed at an arbitrary moment.
    const second = startWorker();
    // The retried enrol batch finds the events stored and starts every unit workflow from them.
    const status = () => ds.query<Array<{ status: string }>>('SELECT status FROM campaigns WHERE id = $1', [def.code]).then((r) => r[0]?.status);
    await eventually(status, (s) => s === 'running', 60_000);
    const u = unitDriver(client, def.code);
    for (const id of registering) {
      await u.register(id);
      await u.approve(id);
    }
    await eventually(
      () => ds.query<Array<{ n: string }>>("SELECT count(*) AS n FROM events WHERE campaign_id = $1 AND type = 'ReminderSent'", [def.code]).then((r) => Number(r[0]?.n)),
      (n) => n >= 4,
      60_000,
    );
    second.kill('SIGKILL');
    expect(await exited(second)).toBe('SIGKILL');

    // Worker 3 finishes the campaign.
    startWorker();
    const phases = await eventually(
      () => ds.query<Array<{ unit_id: string; phase: string }>>('SELECT unit_id, phase FROM unit_status WHERE campaign_id = $1 ORDER BY unit_id', [def.code]),
      (rows) => rows.length === 8 && rows.every((r) => r.phase === 'non-compliant'),
      90_000,
    );
    expect(phases).toHaveLength(8);

    // Exactly once: contiguous seqs per unit, each reminder key once, one deadline miss and one closing per task.
    const events = await ds.query<Array<{ unit_id: string; seq: number; type: string; data: { key?: string; task?: string; level?: number } }>>(
      'SELECT unit_id, seq, type, data FROM events WHERE campaign_id = $1 AND unit_id IS NOT NULL ORDER BY unit_id, seq',
      [def.code],
    );
    for (const unit of def.units) {
      const mine = events.filter((e) => e.unit_id === unit.id);
      expect(mine.map((e) => e.seq)).toEqual(mine.map((_, i) => i + 1));
      const keys = mine.filter((e) => e.type === 'ReminderSent').map((e) => e.data.key);
      expect(new Set(keys).size).toBe(keys.length);
      const facts = mine.filter((e) => e.type !== 'ReminderSent').map((e) => `${e.type}:${e.data.task ?? ''}:${e.data.level ?? ''}`);
      expect(new Set(facts).size).toBe(facts.length);
      const closing = mine.filter((e) => e.type === 'UnitClosed');
      expect(closing).toEqual([expect.objectContaining({ data: expect.objectContaining({ task: registering.includes(unit.id) ? 'final-report' : 'registration' }) })]);
    }
    // The suite's dev server suggests continue-as-new after 15 events: the lifecycle crossed it without loss.
    const continued = await eventually(
      () => client.workflow.count(`CampaignId = "${def.code}" AND ExecutionStatus = "ContinuedAsNew"`).then((r) => r.count),
      (n) => n > 0,
    );
    expect(continued).toBeGreaterThan(0);
    const notifications = await ds.query<Array<{ n: string; d: string }>>(
      'SELECT count(*) AS n, count(DISTINCT id) AS d FROM notifications WHERE campaign_id = $1',
      [def.code],
    );
    expect(Number(notifications[0]?.n)).toBe(Number(notifications[0]?.d));
    expect(Number(notifications[0]?.n)).toBeGreaterThan(0);
  });
});
