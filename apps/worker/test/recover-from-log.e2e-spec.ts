/**
 * Recovery from the log when Temporal's store is lost, on each backend: a compressed campaign of 20 units runs
 * on a Temporal of its own (some units registered on time, some late after an escalation, some closed at the
 * cut-off); mid-way its store is deleted (the dev server's SQLite file; the cluster's databases dropped and made
 * again) and `recover` starts every campaign and unit workflow again from the log. The campaign then finishes. A
 * control campaign with the same timeline and the same acts runs meanwhile on the suite's server, untouched: every
 * unit ends in the same state; no reminder is sent twice; nothing in the log is repeated. A commendation stage
 * whose workflow was terminated by hand is started again from its log too.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { CampaignLauncher, foldUnitEvents } from '@thidua/campaigns';
import {
  BINH_TAN_2019,
  campaignTaskQueue,
  COMMENDATION_WORKFLOW,
  commendationUpdates,
  commendationWorkflowId,
  getCommendation,
  type CommendationArgs,
  type CommendationState,
  getUnitState,
  type CampaignDefinition,
  type TaskKind,
  type UnitState,
} from '@thidua/contracts';
import { freePort, startTemporalCluster, startTemporalDevServer, type RunningTemporal } from '@thidua/devkit';
import { readStream, streams, toUnitEvent } from '@thidua/persistence';
import { AN_LAC_ISSUER, eventually, startWorkerStack, unitDriver, type WorkerStack } from '@thidua/testing';
import { recoverFromLog } from '../src/operations/recover';

const SECOND = 1000;
const at = (t0: number, s: number): string => new Date(t0 + s * SECOND).toISOString();

/** A Temporal of this test's own, whose store can be lost: started, and started again on the same port with an empty store. */
interface OwnTemporal {
  start(): Promise<RunningTemporal>;
  /** Stops the server and deletes everything it stored. */
  lose(server: RunningTemporal): Promise<void>;
}

const dynamicConfig = { 'limit.historyCount.suggestContinueAsNew': 15 };

const BACKENDS: Array<[string, (dir: string, port: number) => OwnTemporal, number]> = [
  [
    'dev server (its SQLite file deleted)',
    (dir, port) => ({
      start: () => startTemporalDevServer({ dbFilename: join(dir, 'temporal.sqlite'), port, dynamicConfig }),
      lose: async (server) => {
        await server.stop();
        for (const file of ['temporal.sqlite', 'temporal.sqlite-wal', 'temporal.sqlite-shm']) rmSync(join(dir, file), { force: true });
      },
    }),
    30,
  ],
  ...(process.env.TEMPORAL_CLUSTER_ADDRESS
    ? ([
        [
          'cluster on PostgreSQL (its databases dropped and made again)',
          (dir: string, port: number): OwnTemporal => {
            const prefix = `temporal_lost_${randomUUID().slice(0, 8).replace(/-/g, '')}`;
            return {
              start: () =>
                startTemporalCluster({
                  postgresUrl: process.env.DATABASE_URL!,
                  dir: join(dir, 'cluster'),
                  port,
                  databasePrefix: prefix,
                  retentionDays: 1,
                  dynamicConfig,
                  log: () => undefined,
                }),
              lose: async (server) => {
                await server.stop();
                const { Client: PgClient } = await import('pg');
                const pg = new PgClient({ connectionString: process.env.DATABASE_URL });
                await pg.connect();
                try {
                  for (const db of [prefix, `${prefix}_visibility`]) await pg.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
                } finally {
                  await pg.end();
                }
              },
            };
          },
          100,
        ],
      ] as Array<[string, (dir: string, port: number) => OwnTemporal, number]>)
    : []),
];

describe.each(BACKENDS)('recovery from the log on the %s', (_name, own, outageSeconds) => {
  const dir = mkdtempSync(join(tmpdir(), 'recover-'));
  let control: WorkerStack;
  let lost: { worker: INestApplicationContext; ds: DataSource; taskQueue: string } | undefined;
  let temporal: RunningTemporal | undefined;
  let connection: Connection | undefined;

  afterAll(async () => {
    await lost?.worker.close();
    await control?.worker.close();
    await connection?.close();
    await temporal?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'starts every workflow again from the log; the campaign finishes as the control does, nothing repeated',
    async () => {
      const server = own(dir, await freePort());
      temporal = await server.start();
      const taskQueue = `recover-${randomUUID()}`;
      const startLost = async (): Promise<WorkerStack> =>
        startWorkerStack('recover-lost', { TEMPORAL_ADDRESS: temporal!.address, TEMPORAL_TASK_QUEUE: taskQueue });
      let lostStack = await startLost();
      lost = lostStack;
      control = await startWorkerStack('recover-control');

      const B = outageSeconds;
      const t0 = Date.now() + 2 * SECOND;
      const plan = (code: string): CampaignDefinition => ({
        ...BINH_TAN_2019,
        code,
        units: BINH_TAN_2019.units.slice(0, 20),
        milestones: {
          launchAt: at(t0, 0),
          registrationDue: at(t0, 25),
          registrationCutoffAt: at(t0, 40),
          interimReviewAt: at(t0, 50 + B),
          campaignEndsAt: at(t0, 55 + B),
          finalReportDue: at(t0, 70 + B),
          finalReportCutoffAt: at(t0, 80 + B),
        },
        chase: { reminderOffsets: ['PT6S', 'PT3S'], overdueReminderInterval: 'PT3S', escalationDelay: 'PT4S' },
        dayLength: 'PT1S',
      });
      const runs = {
        control: { def: plan(`recover-control-${randomUUID().slice(0, 8)}`), stack: control },
        lost: { def: plan(`recover-lost-${randomUUID().slice(0, 8)}`), stack: lostStack },
      };
      const ids = runs.control.def.units.map((u) => u.id);
      const [onTime, late, silent] = [ids.slice(0, 8), ids.slice(8, 14), ids.slice(14)];
      const campaignStatus = async (code: string): Promise<string | undefined> =>
        (await control.ds.query<Array<{ status: string }>>('SELECT status FROM campaigns WHERE id = $1', [code]))[0]?.status;
      /** Every unit of both campaigns does the same, one campaign after the other. */
      const both = async (act: (driver: ReturnType<typeof unitDriver>, unitId: string) => Promise<unknown>, units: string[]) => {
        for (const run of [runs.control, runs.lost]) {
          const driver = unitDriver(run.stack.client, run.def.code);
          for (const unitId of units) await act(driver, unitId);
        }
      };

      // The lost campaign's workflows run on the task queue its worker polls, before and after the loss.
      await runs.control.stack.launcher.launch(runs.control.def, 'admin');
      await new CampaignLauncher(lostStack.ds, lostStack.client, taskQueue).launch(runs.lost.def, 'admin');
      for (const run of Object.values(runs))
        await eventually(
          () => campaignStatus(run.def.code),
          (s) => s === 'running',
          60_000,
        );
      /** Whether every unit named holds `test` in the projection of campaign `code`. */
      const all = async (code: string, units: string[], test: (s: UnitState) => boolean): Promise<boolean> => {
        const rows = await control.ds.query<Array<{ state: UnitState }>>(
          'SELECT state FROM unit_status WHERE campaign_id = $1 AND unit_id = ANY($2)',
          [code, units],
        );
        return rows.length === units.length && rows.every((r) => test(r.state));
      };
      const task = (s: UnitState, kind: TaskKind) => s.tasks[kind];
      await both((d, u) => d.register(u), onTime);
      // After the deadline (missed, escalated) and before the cut-off: late registrations.
      for (const run of Object.values(runs))
        await eventually(() => all(run.def.code, late, (s) => task(s, 'registration')?.escalationLevel === 1), Boolean, 60_000);
      await both((d, u) => d.register(u), late);
      // The silent units are closed at the cut-off; then Temporal's store is lost, in a quiet stretch of the plan.
      for (const run of Object.values(runs))
        await eventually(() => all(run.def.code, silent, (s) => s.phase === 'non-compliant'), Boolean, 60_000);

      await lostStack.worker.close();
      await server.lose(temporal);
      temporal = await server.start();
      lostStack = await startLost();
      lost = lostStack;
      runs.lost.stack = lostStack;
      const { client, ds } = lostStack;

      // A dry run lists, changes nothing; the run starts the 14 open units and the campaign; a second finds nothing.
      const listed = await recoverFromLog(ds, client, taskQueue, { dryRun: true, campaignId: runs.lost.def.code });
      expect(listed).toHaveLength(late.length + onTime.length + 1);
      expect(new Set(listed.map((r) => r.reason))).toEqual(new Set(['missing']));
      expect(await recoverFromLog(ds, client, taskQueue, { dryRun: true, campaignId: runs.lost.def.code })).toEqual(listed);
      const recovered = await recoverFromLog(ds, client, taskQueue, { campaignId: runs.lost.def.code });
      expect(recovered).toEqual(listed);
      expect(await recoverFromLog(ds, client, taskQueue, { campaignId: runs.lost.def.code })).toEqual([]);
      const unitOf = (r: (typeof recovered)[number]) => r.unitId;
      expect(recovered.map(unitOf).filter(Boolean).sort()).toEqual([...onTime, ...late].sort());

      // The recovered units hold the log's state.
      for (const unitId of [...onTime, ...late]) {
        const logState = foldUnitEvents(
          undefined,
          (await readStream(ds.manager, streams.unit(runs.lost.def.code, unitId).stream)).map(toUnitEvent),
        );
        const view = await unitDriver(client, runs.lost.def.code).handle(unitId).query(getUnitState);
        expect([unitId, view.seq, view.phase]).toEqual([unitId, logState?.seq, logState?.phase]);
      }

      // The rest of the plan, the same in both: final reports from the on-time units and their final reviews.
      for (const run of Object.values(runs))
        await eventually(() => all(run.def.code, onTime, (s) => task(s, 'final-report')?.status === 'open'), Boolean, (60 + B) * SECOND);
      await both((d, u) => d.report(u), onTime);
      await both((d, u) => d.review(u, 'final'), onTime);
      for (const run of Object.values(runs))
        await eventually(
          () => campaignStatus(run.def.code),
          (s) => s === 'finished',
          (60 + B) * SECOND,
        );

      const finalState = async (code: string, unitId: string): Promise<UnitState> =>
        foldUnitEvents(undefined, (await readStream(ds.manager, streams.unit(code, unitId).stream)).map(toUnitEvent))!;
      /** What a unit ended with, without the instants (a late wake happens later than on time). */
      const outcome = (s: UnitState) => ({
        phase: s.phase,
        stage: s.stage,
        tasks: Object.fromEntries(
          Object.entries(s.tasks).map(([k, t]) => [
            k,
            { status: t?.status, missed: t?.missed, level: t?.escalationLevel, reminders: t?.remindersSent },
          ]),
        ),
        reviews: Object.keys(s.reviews).sort(),
        remindersSent: s.remindersSent,
      });
      for (const unitId of ids) {
        const [expected, actual] = await Promise.all([finalState(runs.control.def.code, unitId), finalState(runs.lost.def.code, unitId)]);
        expect([unitId, outcome(actual)]).toEqual([unitId, outcome(expected)]);
      }
      // No reminder key twice, and the log of each unit numbered without a gap.
      const repeated = await ds.query<Array<{ unit_id: string; key: string; n: string }>>(
        `SELECT unit_id, data->>'key' AS key, count(*) AS n FROM events
        WHERE campaign_id = $1 AND type = 'ReminderSent' GROUP BY unit_id, data->>'key' HAVING count(*) > 1`,
        [runs.lost.def.code],
      );
      expect(repeated).toEqual([]);
      const gaps = await ds.query<Array<{ unit_id: string }>>(
        'SELECT unit_id FROM events WHERE campaign_id = $1 AND unit_id IS NOT NULL GROUP BY unit_id HAVING max(seq) <> count(*)',
        [runs.lost.def.code],
      );
      expect(gaps).toEqual([]);
      // And every workflow of the recovered campaign, its own included, ends (visibility follows shortly).
      connection = await Connection.connect({ address: temporal.address });
      const running = new Client({ connection }).workflow;
      const queues = `TaskQueue IN ('${taskQueue}', '${campaignTaskQueue(taskQueue)}') AND ExecutionStatus = 'Running'`;
      await eventually(
        async () => (await running.count(queues)).count,
        (n) => n === 0,
        60_000,
      );

      // A commendation stage opened on the recovered campaign, its workflow then terminated by hand: started again too.
      const code = runs.lost.def.code;
      await client.workflow.start(COMMENDATION_WORKFLOW, {
        workflowId: commendationWorkflowId(code),
        taskQueue: campaignTaskQueue(taskQueue),
        args: [{ campaignId: code }],
      });
      const stage = client.workflow.getHandle(commendationWorkflowId(code));
      const opened = await stage.executeUpdate<CommendationState, [CommendationArgs<'Open'>]>(commendationUpdates.Open as never, {
        args: [{ actor: 'coordinator', setup: { issuer: AN_LAC_ISSUER, nominationsDue: at(Date.now(), 3600), postingDays: 5 } }],
      });
      await stage.terminate('operator mistake');
      const restarted = await recoverFromLog(ds, client, taskQueue, { campaignId: code });
      expect(restarted).toEqual([
        {
          workflowId: commendationWorkflowId(code),
          campaignId: code,
          unitId: undefined,
          kind: 'commendation',
          reason: 'closed',
          seq: opened.seq,
        },
      ]);
      expect((await stage.query(getCommendation))?.seq).toBe(opened.seq);
      expect(await recoverFromLog(ds, client, taskQueue, { campaignId: code })).toEqual([]);
      await stage.terminate('test over');
    },
    (240 + 2 * outageSeconds) * SECOND,
  );
});
