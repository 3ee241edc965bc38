/** Moving a deadline re-plans a unit's reminders; withdrawing a unit stops them (time-skipping server). */
import { randomUUID } from 'node:crypto';
import {
  BINH_TAN_2019,
  campaignHeader,
  getUnitState,
  instantiateTemplate,
  milestonesMoved,
  UNIT_WORKFLOW,
  unitWorkflowId,
  type CampaignDefinition,
  withdrawUnit,
} from '@thidua/contracts';
import { createHarness, type Harness, startUnits, unitDriver } from '@thidua/testing';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const days = (from: string, d: Date): number => Math.round(((d.getTime() - Date.parse(from)) / DAY) * 24) / 24;

describe('re-planning a unit', () => {
  let h: Harness;
  let def: CampaignDefinition;

  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('moves the registration deadline: old timers do nothing, reminders follow the new date, none repeats', async () => {
    const launchAt = new Date(await h.env.currentTimeMs()).toISOString();
    const full = instantiateTemplate(BINH_TAN_2019, { launchAt, code: `mv-${randomUUID().slice(0, 8)}` });
    def = { ...full, units: full.units.slice(0, 2) };
    const [moved, withdrawn] = [def.units[0].id, def.units[1].id];
    const m = def.milestones;
    const newDue = new Date(Date.parse(m.registrationDue) + 10 * DAY).toISOString();
    const u = unitDriver(h.env.client, def.code);

    await h.withWorker(async () => {
      await startUnits(h.env.client, def, h.taskQueue, false);
      await h.sleepUntil(m.registrationDue, -5 * DAY); // after the P7D reminder
      await u.handle(moved).signal(milestonesMoved, { actor: 'admin', milestones: { ...m, registrationDue: newDue } });
      const out = await u.handle(withdrawn).executeUpdate(withdrawUnit, { args: [{ actor: 'admin', reason: 'Sáp nhập đơn vị' }] });
      expect(out.phase).toBe('withdrawn');
      await h.sleepUntil(newDue, 2 * DAY + HOUR);
      await u.register(moved); // late against the new date, before the cut-off
    });

    const timeline = (await h.events(def.code, moved)).map((e) => [e.type, days(m.registrationDue, e.occurred_at)]);
    expect(timeline).toEqual([
      ['UnitEnrolled', days(m.registrationDue, new Date(launchAt))],
      ['ReminderSent', -7],
      ['MilestoneMoved', -5],
      // P7D before the new date was already sent: not again. P3D and P1D follow the new date (+10 days).
      ['ReminderSent', 7],
      ['ReminderSent', 9],
      ['DeadlineMissed', 10],
      ['UnitEscalated', 10],
      ['ReminderSent', 11],
      ['ReminderSent', 12],
      ['RegistrationSubmitted', 12 + 1 / 24],
    ]);
    const withdrawnEvents = (await h.events(def.code, withdrawn)).map((e) => e.type);
    expect(withdrawnEvents).toEqual(['UnitEnrolled', 'ReminderSent', 'UnitWithdrawn']);
    const status: Array<{ phase: string }> = await h.ds.query('SELECT phase FROM unit_status WHERE campaign_id = $1 AND unit_id = $2', [
      def.code,
      withdrawn,
    ]);
    expect(status[0]?.phase).toBe('withdrawn');
  });

  it('applies a signal delivered with the start (first activation) instead of failing the workflow task', async () => {
    const launchAt = new Date(await h.env.currentTimeMs()).toISOString();
    const full = instantiateTemplate(BINH_TAN_2019, { launchAt, code: `sws-${randomUUID().slice(0, 8)}` });
    const unit = full.units[0];
    const later = { ...full.milestones, registrationDue: new Date(Date.parse(full.milestones.registrationDue) + DAY).toISOString() };
    await h.withWorker(async () => {
      const handle = await h.env.client.workflow.signalWithStart(UNIT_WORKFLOW, {
        workflowId: unitWorkflowId(full.code, unit.id),
        taskQueue: h.taskQueue,
        args: [{ campaign: campaignHeader(full), unit, milestones: full.milestones, chase: full.chase, searchAttributes: false }],
        signal: milestonesMoved,
        signalArgs: [{ actor: 'admin', milestones: later }],
      });
      const state = await handle.query(getUnitState);
      expect(state.tasks.registration?.dueAt).toBe(later.registrationDue);
    });
    expect((await h.events(full.code, unit.id)).map((e) => e.type)).toEqual(['UnitEnrolled', 'MilestoneMoved']);
  });
});
