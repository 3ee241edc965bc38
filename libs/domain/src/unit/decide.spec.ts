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
  it('keeps a rehearsal’s day length from its enrolment, and none for a real campaign', () => {
    const data = { campaign: header, unit, milestones: m, chase: BINH_TAN_2019.chase };
    const enrol = (extra: object): UnitState | undefined =>
      decide(undefined, { type: 'Enrol', at: m.launchAt, data: { ...data, ...extra } }).reduce<UnitState | undefined>(
        (s, e) => evolve(s, { ...e, seq: 1 }),
        undefined,
      );
    expect(enrol({ dayLength: 'PT2S' })?.dayLength).toBe('PT2S');
    expect(enrol({})).not.toHaveProperty('dayLength');
  });

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

describe('unit decider, rule by rule', () => {
  const refusal = (state: UnitState | undefined, cmd: UnitCommand): { code: string; message: string } => {
    try {
      decide(state, cmd);
    } catch (err) {
      return { code: (err as { code: string }).code, message: (err as Error).message };
    }
    throw new Error(`${cmd.type} was not refused`);
  };
  const approved = (): UnitState =>
    afterCommands(register(m.launchAt), { type: 'DecideRegistration', at: m.launchAt, data: { decision: 'approve' } });
  const final = (metrics?: Record<string, unknown>): UnitCommand => ({
    type: 'SubmitReport',
    at: at(m.campaignEndsAt, 1),
    data: { stage: 'final', summary: 'Kết quả', ...(metrics ? { metrics: metrics } : {}) },
  });
  const ended = (): UnitState => {
    const s = approved();
    const events = decide(s, { type: 'Tick', at: m.campaignEndsAt }).filter((e) => e.type !== 'ReminderSent' && e.type !== 'UnitEscalated');
    return events.reduce((a, e) => evolve(a, { ...e, seq: a.seq + 1 }), s);
  };

  it('enrols once, and refuses commands before the enrolment', () => {
    expect(decide(afterCommands(), { type: 'Enrol', at: m.launchAt, data: {} as never })).toEqual([]);
    expect(refusal(undefined, register(m.launchAt))).toEqual({ code: 'wrong-phase', message: 'Đơn vị chưa được ghi danh vào đợt thi đua' });
  });

  it('refuses a registration already approved, and more initiatives than allowed', () => {
    expect(refusal(approved(), register(m.launchAt))).toEqual({ code: 'wrong-phase', message: 'Đăng ký đã được duyệt' });
    const many = Array.from({ length: 21 }, (_, i) => ({ title: `Sáng kiến ${i}`, description: 'Mô tả' }));
    expect(
      refusal(afterCommands(), { type: 'SubmitRegistration', at: m.launchAt, data: { commitments: 'x', initiatives: many } }).code,
    ).toBe('invalid');
  });

  it('checks the 2019 figures of a final report: each a number within its range', () => {
    const s = ended();
    expect(refusal(s, final({ satisfactionPercent: 101 }))).toEqual({
      code: 'invalid',
      message: 'metrics.satisfactionPercent phải là số từ 0 đến 100',
    });
    expect(refusal(s, final({ satisfactionPercent: -1 })).message).toBe('metrics.satisfactionPercent phải là số từ 0 đến 100');
    expect(refusal(s, final({ satisfactionPercent: 'cao' })).message).toBe('metrics.satisfactionPercent phải là số từ 0 đến 100');
    expect(refusal(s, final({ feedbackResponseHours: 8761 })).message).toBe('metrics.feedbackResponseHours phải là số từ 0 đến 8760');
    expect(decide(s, final({ satisfactionPercent: 100, feedbackResponseHours: 8760 }))[0]).toMatchObject({
      type: 'ReportSubmitted',
      data: { stage: 'final', metrics: { satisfactionPercent: 100, feedbackResponseHours: 8760 }, late: false },
    });
    expect(
      refusal(s, { type: 'SubmitReport', at: at(m.campaignEndsAt, 1), data: { stage: 'final', summary: 'x', values: { a: 1 } } }).message,
    ).toMatch(/^values: /);
  });

  it('refuses a final report before the campaign ends, twice, or a report the campaign does not ask for', () => {
    expect(refusal(approved(), final())).toEqual({
      code: 'wrong-phase',
      message: 'Chưa đến thời điểm báo cáo cuối đợt (đợt thi đua chưa kết thúc)',
    });
    const sent = [final()].reduce((s, c) => decide(s, c).reduce((a, e) => evolve(a, { ...e, seq: a.seq + 1 }), s), ended());
    expect(refusal(sent, final()).code).toBe('wrong-phase');
    expect(refusal(ended(), { type: 'SubmitReport', at: m.campaignEndsAt, data: { stage: 'interim', summary: 'x' } })).toEqual({
      code: 'wrong-phase',
      message: 'Đợt thi đua này không yêu cầu báo cáo sơ kết',
    });
    expect(
      refusal(ended(), { type: 'SubmitReport', at: m.campaignEndsAt, data: { stage: 'round', round: 'q9', summary: 'x' } }).message,
    ).toBe('Đợt thi đua này không có kỳ báo cáo "q9"');
  });

  it('records reviews in order: the interim after the review date, the final after the final report, each once', () => {
    const review = (stage: 'interim' | 'final', when: string): UnitCommand => ({
      type: 'RecordReview',
      at: when,
      data: { stage, rating: 'good', commendation: ' Giấy khen ', note: ' Tốt ' },
    });
    expect(refusal(approved(), review('interim', m.launchAt))).toEqual({ code: 'wrong-phase', message: 'Chưa đến thời điểm sơ kết' });
    expect(refusal(ended(), review('final', m.campaignEndsAt))).toEqual({
      code: 'wrong-phase',
      message: 'Đơn vị chưa gửi báo cáo kết quả cuối đợt',
    });
    const sent = [final()].reduce((s, c) => decide(s, c).reduce((a, e) => evolve(a, { ...e, seq: a.seq + 1 }), s), ended());
    const events = decide(sent, review('final', at(m.campaignEndsAt, 2)));
    expect(events).toEqual([
      {
        type: 'ReviewRecorded',
        at: at(m.campaignEndsAt, 2),
        data: { stage: 'final', rating: 'good', commendation: 'Giấy khen', note: 'Tốt' },
      },
      { type: 'UnitCompleted', at: at(m.campaignEndsAt, 2), data: {} },
    ]);
    const done = events.reduce((a, e) => evolve(a, { ...e, seq: a.seq + 1 }), sent);
    expect(done.phase).toBe('completed');
    expect(refusal(done, review('final', at(m.campaignEndsAt, 3)))).toEqual({ code: 'closed', message: expect.any(String) });
  });

  it('is cancelled with its campaign once; a closed unit ignores it', () => {
    const cancel: UnitCommand = { type: 'Cancel', at: m.launchAt, data: {} };
    const [closed] = decide(afterCommands(), cancel);
    expect(closed).toMatchObject({ type: 'UnitClosed', data: { reason: 'cancelled' } });
    const after = evolve(afterCommands(), { ...closed, seq: 2 });
    expect(after.phase).toBe('cancelled');
    expect(decide(after, cancel)).toEqual([]);
  });
});
