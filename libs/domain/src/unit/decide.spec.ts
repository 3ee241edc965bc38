/**
 * Journey tests of the unit lifecycle rules: the state is reached by running commands through decide and
 * evolve, as the workflow does, so a journey checks that the rules compose. Single rules, `evolve` and
 * `chase` edge cases are pinned in afterCommands(events)/when(command)/then form in decider.scenarios.spec.ts.
 */
import { BINH_TAN_2019, type NewUnitEvent, type UnitState } from '@thidua/contracts';
import { nextAlarm } from './chase';
import type { UnitCommand } from './commands';
import { decide } from './decide';
import { evolve } from './evolve';

const unit = BINH_TAN_2019.units[0];
const m = BINH_TAN_2019.milestones;
const header = { campaignId: 'c', title: 't', issuer: 'i', coordinator: 'co', timezone: 'Asia/Ho_Chi_Minh' };

/** The state after enrolment and then `commands`, each decided and its events folded. */
function afterCommands(...commands: UnitCommand[]): UnitState {
  let state: UnitState | undefined;
  for (const c of [
    { type: 'Enrol', at: m.launchAt, data: { campaign: header, unit, milestones: m, chase: BINH_TAN_2019.chase } } as UnitCommand,
    ...commands,
  ]) {
    for (const e of decide(state, c)) state = evolve(state, { ...e, seq: (state?.seq ?? 0) + 1 });
  }
  return state!;
}
const at = (iso: string, hours = 0): string => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
const types = (events: NewUnitEvent[]): string[] => events.map((e) => e.type);
const register = (when: string): UnitCommand => ({
  type: 'SubmitRegistration',
  at: when,
  data: { commitments: 'Cam kết', initiatives: [{ title: 'Một cửa số', description: 'Số hóa hồ sơ' }] },
});

describe('unit decider', () => {
  it('enrols into awaiting registration with the plan deadlines', () => {
    const s = afterCommands();
    expect(s.phase).toBe('awaiting-registration');
    expect(s.tasks.registration).toMatchObject({ status: 'open', dueAt: m.registrationDue, cutoffAt: m.registrationCutoffAt });
    expect(s.tasks['final-report']?.status).toBe('pending');
  });

  it('reminds 7, 3 and 1 days before the deadline, each once', () => {
    const s = afterCommands();
    const first = nextAlarm(s, m.launchAt)!;
    expect(first).toBe(new Date(Date.parse(m.registrationDue) - 7 * 86_400_000).toISOString());
    const events = decide(s, { type: 'Tick', at: first });
    expect(events).toEqual([
      expect.objectContaining({ type: 'ReminderSent', data: expect.objectContaining({ key: 'registration:before:P7D', kind: 'before' }) }),
    ]);
    const after = evolve(s, { ...events[0], seq: s.seq + 1 });
    expect(decide(after, { type: 'Tick', at: first })).toEqual([]);
    expect(nextAlarm(after, first)).toBe(new Date(Date.parse(m.registrationDue) - 3 * 86_400_000).toISOString());
  });

  it('sends only the latest elapsed reminder when a tick comes late', () => {
    const events = decide(afterCommands(), { type: 'Tick', at: at(m.registrationDue, -12) });
    expect(events.map((e) => (e.type === 'ReminderSent' ? e.data.key : e.type))).toEqual(['registration:before:P1D']);
  });

  it('misses the deadline: level 1 at once, level 2 after the delay, overdue reminders daily', () => {
    const s = afterCommands({ type: 'Tick', at: at(m.registrationDue, -1) });
    const missed = decide(s, { type: 'Tick', at: m.registrationDue });
    expect(types(missed)).toEqual(['DeadlineMissed', 'UnitEscalated']);
    const s2 = afterCommands({ type: 'Tick', at: at(m.registrationDue, -1) }, { type: 'Tick', at: m.registrationDue });
    expect(s2.tasks.registration).toMatchObject({ missed: true, escalationLevel: 1 });
    expect(types(decide(s2, { type: 'Tick', at: at(m.registrationDue, 24) }))).toEqual(['ReminderSent']);
    expect(types(decide(s2, { type: 'Tick', at: at(m.registrationDue, 72) }))).toEqual(['ReminderSent', 'UnitEscalated']);
  });

  it('reminds at once when the coordinator asks, only of work that is late, each click its own reminder', () => {
    const remind = (when: string): UnitCommand => ({ type: 'RemindNow', at: when, actor: 'coordinator:van-phong', data: {} });
    expect(decide(afterCommands(), remind(at(m.registrationDue, -5)))).toEqual([]); // nothing late yet
    const late = afterCommands({ type: 'Tick', at: at(m.registrationDue, -1) }, { type: 'Tick', at: m.registrationDue });
    const now = at(m.registrationDue, 5);
    expect(decide(late, remind(now))).toEqual([
      {
        type: 'ReminderSent',
        at: now,
        actor: 'coordinator:van-phong',
        data: {
          task: 'registration',
          key: `manual:${now}`,
          kind: 'overdue',
          dueAt: m.registrationDue,
          ...(m.registrationCutoffAt ? { cutoffAt: m.registrationCutoffAt } : {}),
        },
      },
    ]);
    const sent = afterCommands({ type: 'Tick', at: at(m.registrationDue, -1) }, { type: 'Tick', at: m.registrationDue }, remind(now));
    expect(sent.tasks.registration?.remindersSent).toContain(`manual:${now}`);
    expect(types(decide(sent, remind(at(m.registrationDue, 6))))).toEqual(['ReminderSent']);
  });

  it('accepts late work until the cut-off, stopping escalation, and refuses it after', () => {
    const late = afterCommands({ type: 'Tick', at: m.registrationDue }, register(at(m.registrationDue, 5)));
    expect(late.phase).toBe('registration-submitted');
    expect(late.tasks.registration).toMatchObject({ late: true, missed: false, escalationLevel: 0 });
    expect(() => decide(afterCommands(), register(m.registrationCutoffAt!))).toThrow(/quá hạn chót/);
    const closed = decide(afterCommands({ type: 'Tick', at: m.registrationDue }), { type: 'Tick', at: m.registrationCutoffAt! });
    expect(closed.at(-1)).toMatchObject({ type: 'UnitClosed', data: { reason: 'non-compliant', task: 'registration' } });
  });

  it('needs at least one initiative and a reason to return', () => {
    expect(() => decide(afterCommands(), { ...register(m.launchAt), data: { commitments: 'x', initiatives: [] } } as UnitCommand)).toThrow(
      /ít nhất một sáng kiến/,
    );
    const submitted = afterCommands(register(m.launchAt));
    expect(() => decide(submitted, { type: 'DecideRegistration', at: m.launchAt, data: { decision: 'return' } })).toThrow(/lý do/);
  });

  it('returns a registration for resubmission and chases it again', () => {
    const returned = afterCommands(register(m.launchAt), {
      type: 'DecideRegistration',
      at: at(m.registrationDue, 1),
      data: { decision: 'return', reason: 'Thiếu sáng kiến' },
    });
    expect(returned.phase).toBe('registration-returned');
    expect(returned.tasks.registration?.returnedReason).toBe('Thiếu sáng kiến');
    expect(types(decide(returned, { type: 'Tick', at: at(m.registrationDue, 1) }))).toEqual(['DeadlineMissed', 'UnitEscalated']);
    const again = afterCommands(
      register(m.launchAt),
      { type: 'DecideRegistration', at: m.launchAt, data: { decision: 'return', reason: 'x' } },
      register(at(m.launchAt, 1)),
    );
    expect(again).toMatchObject({ phase: 'registration-submitted', registrationAttempts: 2 });
  });

  it('goes through interim review, the end of the campaign, the final report and review to completion', () => {
    const s = afterCommands(
      register(m.launchAt),
      { type: 'DecideRegistration', at: m.launchAt, data: { decision: 'approve' } },
      { type: 'Tick', at: m.interimReviewAt },
      { type: 'RecordReview', at: m.interimReviewAt, data: { stage: 'interim', rating: 'good' } },
      { type: 'Tick', at: m.campaignEndsAt },
      {
        type: 'SubmitReport',
        at: m.campaignEndsAt,
        data: { stage: 'final', summary: 'Kết quả', metrics: { satisfactionPct: 85, onTimeDossierPct: 97 } },
      },
    );
    expect(s.phase).toBe('final-report-submitted');
    expect(s.submissions['final-report']?.targetCheck?.filter((c) => c.met !== null).map((c) => [c.metric, c.met])).toEqual([
      ['satisfactionPct', true],
      ['onTimeDossierPct', false],
    ]);
    const done = decide(s, {
      type: 'RecordReview',
      at: m.campaignEndsAt,
      data: { stage: 'final', rating: 'excellent', commendation: 'Giấy khen' },
    });
    expect(types(done)).toEqual(['ReviewRecorded', 'UnitCompleted']);
  });

  it('re-plans on a moved deadline without repeating a reminder', () => {
    const reminded = afterCommands({ type: 'Tick', at: at(m.registrationDue, -7 * 24) });
    const later = { ...m, registrationDue: at(m.registrationDue, 10 * 24) };
    const moved = evolve(reminded, {
      ...decide(reminded, { type: 'MoveMilestones', at: at(m.registrationDue, -7 * 24), data: { milestones: later } })[0],
      seq: reminded.seq + 1,
    });
    expect(moved.tasks.registration?.dueAt).toBe(later.registrationDue);
    const nextAt = nextAlarm(moved, at(m.registrationDue, -7 * 24))!;
    expect(nextAt).toBe(new Date(Date.parse(later.registrationDue) - 3 * 86_400_000).toISOString());
  });

  it('refuses anything after withdrawal and ignores ticks', () => {
    const s = afterCommands({ type: 'Withdraw', at: m.launchAt, data: { reason: 'Sáp nhập' } });
    expect(s.phase).toBe('withdrawn');
    expect(() => decide(s, register(m.launchAt))).toThrow(/kết thúc tham gia/);
    expect(decide(s, { type: 'Tick', at: m.registrationDue })).toEqual([]);
    expect(nextAlarm(s, m.launchAt)).toBeUndefined();
  });

  it('judges a submission by when the API received it, within ten minutes of the workflow time', () => {
    const s = afterCommands();
    const due = m.registrationDue;
    const receivedBefore = at(due, -2 / 3600); // 2 s before the deadline
    const processedAfter = at(due, 5 / 60); // a worker got to it 5 minutes later
    const onTime = decide(s, { ...register(processedAfter), receivedAt: receivedBefore } as UnitCommand);
    expect(onTime).toEqual([expect.objectContaining({ type: 'RegistrationSubmitted', data: expect.objectContaining({ late: false }) })]);
    // No receipt, a receipt from the future, or one older than ten minutes: the workflow's own time decides.
    for (const receivedAt of [undefined, at(processedAfter, 1), at(processedAfter, -11 / 60), '2026-02-30T00:00:00Z']) {
      const late = decide(s, { ...register(processedAfter), receivedAt } as UnitCommand);
      expect(late).toEqual([expect.objectContaining({ data: expect.objectContaining({ late: true }) })]);
    }
  });
});
