/**
 * A campaign counting in working days across Tết 2027, under time skipping with the real event store: its
 * reminders and escalations go out only on working days within office hours (07:30–17:00), "3 days before"
 * means three working days, and level 2 follows level 1 after three working days.
 */
import { randomUUID } from 'node:crypto';
import { ANNOUNCED_OVERRIDES, WorkingCalendar } from '@thidua/calendar';
import { BINH_TAN_2019, DEFAULT_CHASE, type CampaignDefinition } from '@thidua/contracts';
import { scenario, createHarness, type Harness, startUnits, unitDriver, eventType } from '@thidua/testing';

const HOUR = 3_600_000;
const at = (local: string): string => new Date(`${local}+07:00`).toISOString();

describe('a campaign in working days across Tết 2027 under time skipping', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it(
    'reminds and escalates only on working days, in office hours, counting working days',
    scenario(async (step) => {
      const [onTime, silent] = BINH_TAN_2019.units;
      const launchAt = new Date(await h.env.currentTimeMs()).toISOString();
      const def: CampaignDefinition = {
        ...BINH_TAN_2019,
        code: `tet-${randomUUID().slice(0, 8)}`,
        units: [onTime, silent],
        // "Trước ngày 12/02/2027": due at the start of Friday 12/2, the day after Tết (Thursday 4/2 – Wednesday 10/2 off).
        milestones: {
          launchAt,
          registrationDue: at('2027-02-12T00:00:00'),
          registrationCutoffAt: at('2027-03-05T00:00:00'),
          interimReviewAt: at('2027-06-01T08:00:00'),
          campaignEndsAt: at('2027-11-01T00:00:00'),
          finalReportDue: at('2027-11-15T00:00:00'),
        },
        chase: DEFAULT_CHASE,
        calendar: { workingDays: true },
      };
      const u = unitDriver(h.env.client, def.code);

      step('the campaign runs to the registration cut-off: one unit registers on time, one never does');
      await h.withWorker(async () => {
        await startUnits(h.env.client, def, h.taskQueue, false);
        await h.sleepUntil(at('2027-01-20T10:00:00'));
        await u.register(onTime.id);
        await h.sleepUntil(def.milestones.registrationCutoffAt!, HOUR);
        await u.handle(silent.id).result();
      });
      const events = await h.events(def.code, silent.id);
      // Timers fire a few milliseconds after their instant: compared to the second.
      const second = (d: Date): string => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();
      const times = (type: string, match: (d: Record<string, unknown>) => boolean = () => true): string[] =>
        events.filter((e) => e.type === type && match(e.data)).map((e) => second(e.occurred_at));

      step('before the deadline: 7, 3 and 1 working days ahead, at the opening of office hours (none in Tết)');
      expect(times('ReminderSent', (d) => d.kind === 'before')).toEqual([
        at('2027-01-27T07:30:00'),
        at('2027-02-02T07:30:00'),
        at('2027-02-11T07:30:00'),
      ]);

      step('the deadline passes at midnight; its head and the coordinator hear at 07:30, the chairman three working days later');
      expect(times('DeadlineMissed')).toEqual([at('2027-02-12T00:00:00')]);
      expect(events.filter((e) => e.type === eventType('UnitEscalated')).map((e) => [e.data.level, second(e.occurred_at)])).toEqual([
        [1, at('2027-02-12T07:30:00')],
        [2, at('2027-02-17T07:30:00')],
      ]);

      step('every reminder and escalation on a working day, between 07:30 and 17:00; one overdue reminder per working day');
      const calendar = new WorkingCalendar(ANNOUNCED_OVERRIDES);
      const sent = events.filter((e) => e.type === eventType('ReminderSent') || e.type === eventType('UnitEscalated'));
      for (const e of sent) {
        const local = new Date(e.occurred_at.getTime() + 7 * HOUR).toISOString();
        const minutes = Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
        expect({ at: local, working: calendar.isWorkingDate(local.slice(0, 10)), office: minutes >= 450 && minutes < 1020 }).toEqual({
          at: local,
          working: true,
          office: true,
        });
      }
      const overdue = times('ReminderSent', (d) => d.kind === 'overdue');
      expect(overdue.slice(0, 3)).toEqual([at('2027-02-15T07:30:00'), at('2027-02-16T07:30:00'), at('2027-02-17T07:30:00')]);
      const days = overdue.map((iso) => new Date(Date.parse(iso) + 7 * HOUR).toISOString().slice(0, 10));
      expect(new Set(days).size).toBe(days.length);
      // Working days from Monday 15/2 to Thursday 4/3, the day before the cut-off: 14.
      expect(overdue).toHaveLength(14);

      step('messages count lateness in working days: the chairman hears of it 4 working days late (12, 15, 16, 17/2)');
      const issuer: Array<{ body: string }> = await h.ds.query(
        "SELECT body FROM notifications WHERE campaign_id = $1 AND unit_id = $2 AND recipient = 'role:issuer' AND channel = 'inbox'",
        [def.code, silent.id],
      );
      expect(issuer.map((n) => n.body)).toEqual([expect.stringContaining('quá hạn 4 ngày làm việc')]);

      step('the unit is closed at the cut-off, which never moves');
      expect(events.at(-1)).toMatchObject({ type: 'UnitClosed', data: { reason: 'non-compliant', task: 'registration' } });
      expect(second(events.at(-1)!.occurred_at)).toBe(def.milestones.registrationCutoffAt);
    }),
  );
});
