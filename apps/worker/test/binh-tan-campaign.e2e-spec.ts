/**
 * The whole 2019 Bình Tân campaign, all 26 units, from launch to completion on the time-skipping server,
 * with the real event-store activity writing to the real PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { BINH_TAN_2019, instantiateTemplate, type CampaignDefinition } from '@thidua/contracts';
import { historiesDir, recordHistory, createHarness, type Harness, scenario, startUnits, unitDriver, eventType } from '@thidua/testing';
import { rebuildUnitProjections } from '../src/unit-events/rebuild-projections';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('the 2019 Bình Tân campaign under time skipping', () => {
  let h: Harness;
  let def: CampaignDefinition;

  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  // Actions land an hour off the day grid: the time-skipping server mishandles an update that arrives in the
  // same workflow task as a timer firing ("invalid history builder state"), which the real server does not.
  const sleepUntil = (iso: string, plusMs = 0): Promise<void> => h.sleepUntil(iso, plusMs);
  const events = (unitId: string): ReturnType<Harness['events']> => h.events(def.code, unitId);

  it(
    'chases every unit to its right end',
    scenario(async (step) => {
      const launchAt = new Date(await h.env.currentTimeMs()).toISOString();
      def = instantiateTemplate(BINH_TAN_2019, { launchAt, code: `bt-${randomUUID().slice(0, 8)}` });
      const m = def.milestones;
      const ids = def.units.map((u) => u.id);
      const [lateUnit, afterEscalation, never, noReport, returned] = [ids[1], ids[2], ids[3], ids[4], ids[5]];
      const onTime = ids.filter((id) => ![lateUnit, afterEscalation, never, noReport, returned].includes(id));
      const u = unitDriver(h.env.client, def.code);

      step('a year of the plan, skipped: units register on time, late, after escalation, returned, never; reviews and reports');
      await h.withWorker(async () => {
        // The time-skipping server cannot register custom search attributes; the dev-server tests cover them.
        await startUnits(h.env.client, def, h.taskQueue, false);

        await sleepUntil(m.registrationDue, -2 * DAY + HOUR);
        for (const id of [...onTime, noReport, returned]) await u.register(id);
        for (const id of [...onTime, noReport]) await u.approve(id);
        const back = await u.giveBack(returned, 'Sáng kiến chưa cụ thể');
        expect(back.phase).toBe('registration-returned');
        await sleepUntil(m.registrationDue, -1 * DAY + HOUR);
        await u.register(returned, 3);
        await u.approve(returned);

        await sleepUntil(m.registrationDue, DAY + HOUR); // after level 1, before level 2
        const late = await u.register(lateUnit);
        expect(late.submissions.registration?.late).toBe(true);
        await u.approve(lateUnit);

        await sleepUntil(m.registrationDue, 5 * DAY + HOUR); // after level 2
        await u.register(afterEscalation);
        await u.approve(afterEscalation);

        await sleepUntil(m.interimReviewAt, HOUR);
        for (const id of ids.filter((x) => x !== never)) await u.review(id, 'interim');

        await sleepUntil(m.campaignEndsAt, 2 * DAY + HOUR);
        for (const id of ids.filter((x) => x !== never && x !== noReport)) {
          await u.report(id);
          await u.review(id, 'final');
        }
        await sleepUntil(m.finalReportCutoffAt!, HOUR);
        await u.handle(noReport).result();
      });

      step('Final phases, from the projection of the log');
      const rows: Array<{ unit_id: string; phase: string }> = await h.ds.query(
        'SELECT unit_id, phase FROM unit_status WHERE campaign_id = $1',
        [def.code],
      );
      const phase = Object.fromEntries(rows.map((r) => [r.unit_id, r.phase]));
      expect(Object.keys(phase)).toHaveLength(26);
      for (const id of [...onTime, lateUnit, afterEscalation, returned])
        expect({ id, phase: phase[id] }).toEqual({ id, phase: 'completed' });
      expect(phase[never]).toBe('non-compliant');
      expect(phase[noReport]).toBe('non-compliant');

      step('Every reminder and escalation of the unit that never registered, at its time');
      const due = Date.parse(m.registrationDue);
      const log = await events(never);
      // Enrolled at the launch (the workflow starts a moment after it: within a minute).
      expect(log[0].type).toBe('UnitEnrolled');
      expect(log[0].occurred_at.getTime() - Date.parse(launchAt)).toBeGreaterThanOrEqual(0);
      expect(log[0].occurred_at.getTime() - Date.parse(launchAt)).toBeLessThan(60_000);
      const timeline = log.slice(1).map((e) => [e.type, Math.round(((e.occurred_at.getTime() - due) / DAY) * 24) / 24]);
      expect(timeline).toEqual([
        ['ReminderSent', -7],
        ['ReminderSent', -3],
        ['ReminderSent', -1],
        ['DeadlineMissed', 0],
        ['UnitEscalated', 0],
        ['ReminderSent', 1],
        ['ReminderSent', 2],
        ['ReminderSent', 3],
        ['UnitEscalated', 3],
        ...Array.from({ length: 13 }, (_, k) => ['ReminderSent', k + 4]),
        ['UnitClosed', 17],
      ]);
      const escalations = (await events(never)).filter((e) => e.type === eventType('UnitEscalated')).map((e) => e.data.level);
      expect(escalations).toEqual([1, 2]);

      step('The late unit was escalated once (level 1) and escalation stopped when its work arrived');
      const lateTypes = (await events(lateUnit)).map((e) => e.type);
      expect(lateTypes.filter((t) => t === 'UnitEscalated')).toHaveLength(1);
      expect((await events(afterEscalation)).filter((e) => e.type === eventType('UnitEscalated')).map((e) => e.data.level)).toEqual([1, 2]);
      expect((await events(returned)).map((e) => e.type)).toContain('RegistrationReturned');

      step('Notifications: in-app inbox for every reminder; the issuer hears of level 2 escalations');
      const issuer: Array<{ n: string }> = await h.ds.query(
        "SELECT count(*) AS n FROM notifications WHERE campaign_id = $1 AND recipient = 'role:issuer' AND channel = 'inbox'",
        [def.code],
      );
      expect(Number(issuer[0].n)).toBe(3); // never, afterEscalation, and noReport's final report

      step(`History stays far below Temporal's limits for a year-long campaign`);
      for (const id of [onTime[0], never, returned]) {
        const history = await u.handle(id).fetchHistory();
        const length = history.events?.length ?? 0;
        expect(length).toBeLessThan(1000);
        // Fixtures for the replay test: a change that breaks running workflows must fail it.
        const label = id === never ? 'never-registers' : id === returned ? 'returned-then-resubmits' : 'on-time';
        recordHistory(history, historiesDir('unit'), `unit-${label}`);
      }

      step('Campaign summary: counts per phase');
      const summary: Array<{ phase: string; n: string }> = await h.ds.query(
        'SELECT phase, count(*) AS n FROM unit_status WHERE campaign_id = $1 GROUP BY phase ORDER BY phase',
        [def.code],
      );
      expect(summary.map((s) => [s.phase, Number(s.n)])).toEqual([
        ['completed', 24],
        ['non-compliant', 2],
      ]);
    }),
  );

  it('rebuilds the same read models from the log alone', async () => {
    const snapshot = (): Promise<unknown[]> =>
      h.ds.query(
        'SELECT unit_id, unit_name, phase, overdue, escalation_level, reminders_sent, last_seq, state FROM unit_status WHERE campaign_id = $1 ORDER BY unit_id',
        [def.code],
      );
    const before = await snapshot();
    expect(before).toHaveLength(26);
    await h.ds.query("UPDATE unit_status SET phase = 'tampered', state = '{}' WHERE campaign_id = $1", [def.code]);
    expect(await rebuildUnitProjections(h.ds, def.code)).toBe(26);
    expect(await snapshot()).toEqual(before);
  });
});
