/**
 * A milestone move while a 2,000-unit campaign is still launching, on the real dev server and PostgreSQL.
 * The admin's answer must not wait for the launch (it comes back while units are still being enrolled),
 * every unit must end with the new deadlines whether it was enrolled before or after the move, and no
 * unit may be reminded twice for the same key. The registration deadline starts 3 days and 3 seconds away,
 * so units enrolled in the first seconds are reminded ("3 days before") under the old deadline (on a busy
 * machine perhaps none are), and the move must not repeat that reminder under the new one.
 */
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BINH_TAN_2019, campaignWorkflowId, instantiateTemplate, moveMilestones, type UnitRef } from '@thidua/contracts';
import { eventually, startWorkerStack, type WorkerStack, ofType } from '@thidua/testing';

const UNITS = 2000;
const DAY = 86_400_000;

describe('moving milestones during a launch', () => {
  let stack: WorkerStack;
  let client: Client;
  let ds: DataSource;

  beforeAll(async () => {
    stack = await startWorkerStack('move-launch');
    ({ client, ds } = stack);
  });
  afterAll(async () => {
    await stack?.worker.close();
  });

  it('answers before the launch ends and re-plans every unit once', async () => {
    const now = Date.now();
    const template = instantiateTemplate(BINH_TAN_2019, {
      launchAt: new Date(now).toISOString(),
      code: `move-launch-${randomUUID().slice(0, 8)}`,
    });
    const oldDue = new Date(now + 3 * DAY + 3_000).toISOString();
    const units: UnitRef[] = Array.from({ length: UNITS }, (_, i) => ({
      id: `phuong-${String(i + 1).padStart(4, '0')}`,
      name: `Phường ${i + 1}`,
      kind: 'ward',
    }));
    const def = { ...template, units, milestones: { ...template.milestones, registrationDue: oldDue } };
    const code = def.code;
    await stack.launcher.launch(def, 'admin');
    const count = (sql: string, args: unknown[] = []): Promise<number> =>
      ds.query<Array<{ n: string }>>(sql, [code, ...args]).then((r) => Number(r[0]?.n));
    // Move once the first units are reminded (or three batches are enrolled), with most of the launch still to come.
    const progress = (): Promise<{ reminded: number; enrolled: number }> =>
      ds
        .query<Array<{ reminded: string; enrolled: string }>>(
          `SELECT count(*) FILTER (WHERE type IN (${ofType('ReminderSent')})) AS reminded, count(*) FILTER (WHERE type IN (${ofType('UnitEnrolled')})) AS enrolled FROM events WHERE campaign_id = $1`,
          [code],
        )
        .then((r) => ({ reminded: Number(r[0]?.reminded), enrolled: Number(r[0]?.enrolled) }));
    await eventually(progress, (p) => p.reminded > 0 || p.enrolled >= 750, 120_000);

    const newDue = new Date(now + 10 * DAY).toISOString();
    const t0 = performance.now();
    const answer = await client.workflow.getHandle(campaignWorkflowId(code)).executeUpdate(moveMilestones, {
      args: [{ actor: 'admin', milestones: { ...def.milestones, registrationDue: newDue } }],
    });
    const answerMs = Math.round(performance.now() - t0);
    process.stderr.write(`move during launch: answered in ${answerMs} ms with ${answer.unitsStarted}/${UNITS} units started\n`);
    expect(answer.status).toBe('launching');
    expect(answer.unitsStarted).toBeLessThan(UNITS);

    const replanned = (): Promise<number> =>
      count("SELECT count(*) AS n FROM unit_status WHERE campaign_id = $1 AND state->'milestones'->>'registrationDue' = $2", [newDue]);
    expect(await eventually(replanned, (n) => n === UNITS, 300_000)).toBe(UNITS);
    const campaign = await eventually(
      () =>
        ds
          .query<Array<{ status: string; due: string }>>(
            "SELECT status, definition->'milestones'->>'registrationDue' AS due FROM campaigns WHERE id = $1",
            [code],
          )
          .then((r) => r[0]),
      (c) => c?.status !== 'launching',
    );
    expect(campaign).toEqual({ status: 'running', due: newDue });
    // Each unit's open registration task is due at the new instant.
    expect(
      await count("SELECT count(*) AS n FROM unit_status WHERE campaign_id = $1 AND state->'tasks'->'registration'->>'dueAt' = $2", [
        newDue,
      ]),
    ).toBe(UNITS);

    // Reminders: at most once per unit and key; all of them for the old deadline, none repeated for the new one.
    const reminders = await ds.query<Array<{ unit_id: string; key: string; due: string }>>(
      `SELECT unit_id, data->>'key' AS key, data->>'dueAt' AS due FROM events WHERE campaign_id = $1 AND type IN (${ofType('ReminderSent')})`,
      [code],
    );
    expect(new Set(reminders.map((r) => `${r.unit_id} ${r.key}`)).size).toBe(reminders.length);
    // Only units enrolled before the old reminder instant had one due; the new deadline's are days away.
    expect(reminders.every((r) => r.due === oldDue && r.key === 'registration:before:P3D')).toBe(true);
    process.stderr.write(`move during launch: ${reminders.length} units reminded under the old deadline\n`);
    // A unit is told of the move at most once; units enrolled before the move were told (the campaign's own
    // MilestoneMoved, on its stream, has no unit and is not counted).
    const moved = await ds.query<Array<{ events: string; units: string }>>(
      `SELECT count(*) AS events, count(DISTINCT unit_id) AS units FROM events
       WHERE campaign_id = $1 AND unit_id IS NOT NULL AND type IN (${ofType('MilestoneMoved')})`,
      [code],
    );
    expect(Number(moved[0].units)).toBeGreaterThan(0);
    expect(Number(moved[0].events)).toBe(Number(moved[0].units));
  }, 600_000);
});
