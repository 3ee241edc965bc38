/**
 * The commendation stage's rules, reached by running commands through decide and evolve as the workflow
 * does: opening, nominations, the council's ballots, posting, objections, the decision and the chase of
 * the nominating task (clock time here; working days are covered under time skipping).
 */
import { BUILT_IN_FORMS, DEFAULT_CHASE, type CommendationContext, type CommendationState, type CommendationUnit } from '@thidua/contracts';
import { RuleError } from '../rule-error';
import { nextNominationAlarm, postingEnd } from './alarms';
import type { CommendationCommand } from './commands';
import { decideCommendation, precheckCommendation } from './decide';
import { evolveCommendation } from './evolve';

const T0 = '2027-01-11T02:00:00.000Z';
const DAY = 86_400_000;
const at = (days: number): string => new Date(Date.parse(T0) + days * DAY).toISOString();
const unit = (unitId: string, phase: CommendationUnit['phase']): CommendationUnit => ({
  unitId,
  name: `Đơn vị ${unitId}`,
  kind: 'agency',
  phase,
});
const context = (units: CommendationUnit[]): CommendationContext => ({
  campaignTitle: 'Phong trào',
  coordinator: 'Văn phòng',
  timezone: 'Asia/Ho_Chi_Minh',
  chase: DEFAULT_CHASE,
  dayMs: DAY,
  units,
  forms: BUILT_IN_FORMS,
});
const setup = {
  issuer: {
    name: 'Ủy ban nhân dân phường An Lạc',
    abbreviation: 'UBND',
    place: 'An Lạc',
    signerTitle: 'Chủ tịch',
    signerName: 'Trần Thị Hương',
  },
  nominationsDue: at(10),
  postingDays: 5,
};
const UNITS = [unit('a', 'completed'), unit('b', 'final-report-submitted'), unit('w', 'withdrawn'), unit('n', 'non-compliant')];

/** Runs commands in order, folding their events; returns the state. */
function run(state: CommendationState | undefined, ...commands: CommendationCommand[]): CommendationState {
  for (const c of commands)
    for (const e of decideCommendation(state, c)) state = evolveCommendation(state, { ...e, seq: (state?.seq ?? 0) + 1 }, 'c');
  return state!;
}
const refusal = (state: CommendationState | undefined, c: CommendationCommand): RuleError => {
  try {
    decideCommendation(state, c);
  } catch (err) {
    if (err instanceof RuleError) return err;
    throw err;
  }
  throw new Error(`${c.type} was not refused`);
};
const open = (units = UNITS): CommendationState => run(undefined, { type: 'Open', at: T0, data: { setup, context: context(units) } });
const council = {
  members: ['Chủ tịch Hội đồng', 'Thành viên', 'Thành viên', 'Thành viên', 'Thư ký'].map((role, i) => ({
    accountId: `m${i}`,
    name: `Người ${i}`,
    role,
  })),
  meetingAt: at(12),
};

/** A stage with a and b nominated for the ward's collective Giấy khen and the council convened. */
function nominated(): CommendationState {
  return run(
    open(),
    { type: 'ProposeNomination', at: at(1), data: { unitId: 'a', formId: 'giay-khen-tap-the', unit: UNITS[0] } },
    { type: 'ProposeNomination', at: at(1), data: { unitId: 'b', formId: 'giay-khen-tap-the', unit: UNITS[1] } },
    { type: 'ConveneCouncil', at: at(12), data: { council } },
  );
}
/** a passes with 4 of 5, b fails with 3 of 5 (60% < 70% of members), the list posted on day 13. */
function posted(): CommendationState {
  return run(
    nominated(),
    { type: 'RecordVote', at: at(12), data: { nomineeId: 'tt:a:giay-khen-tap-the', present: 5, inFavour: 4 } },
    { type: 'RecordVote', at: at(12), data: { nomineeId: 'tt:b:giay-khen-tap-the', present: 5, inFavour: 3 } },
    { type: 'PostList', at: at(13), data: { sheets: [], endsAt: at(18), workingDays: false } },
  );
}

describe('the commendation decider', () => {
  it('opens only when every unit has reported or ended, with every setup problem named', () => {
    expect(
      refusal(undefined, { type: 'Open', at: T0, data: { setup, context: context([...UNITS, unit('late', 'awaiting-final-report')]) } })
        .message,
    ).toContain('Còn 1 đơn vị chưa gửi báo cáo cuối đợt (Đơn vị late)');
    const bad = refusal(undefined, {
      type: 'Open',
      at: T0,
      data: {
        setup: { ...setup, postingDays: 31, nominationsDue: at(-1), judged: [{ id: 'Sai Mã', title: ' ', points: -1 }] },
        context: context(UNITS),
      },
    });
    expect(bad.problems.map((p) => p.split(' ')[0])).toEqual([
      'setup.nominationsDue',
      'setup.postingDays',
      'setup.judged.0.id',
      'setup.judged.0.title',
      'setup.judged.0.points',
    ]);
    const state = open();
    expect(state.units.map((u) => [u.unitId, u.task?.status])).toEqual([
      ['a', 'open'],
      ['b', 'open'],
      ['w', undefined],
      ['n', undefined],
    ]);
  });

  it('refuses nominating a withdrawn or non-compliant unit, and a form for individuals for a collective', () => {
    const state = open();
    expect(
      refusal(state, { type: 'ProposeNomination', at: at(1), data: { unitId: 'w', formId: 'giay-khen-tap-the', unit: UNITS[2] } }).message,
    ).toContain('đã rút khỏi đợt thi đua');
    expect(
      refusal(state, { type: 'ProposeNomination', at: at(1), data: { unitId: 'n', formId: 'giay-khen-tap-the', unit: UNITS[3] } }).message,
    ).toContain('không hoàn thành');
    expect(
      refusal(state, { type: 'ProposeNomination', at: at(1), data: { unitId: 'a', formId: 'chien-si-thi-dua-co-so', unit: UNITS[0] } })
        .problems[0],
    ).toMatch(/^formId/);
  });

  it('counts ballots against the council’s size and the form’s rule; counts above the members are refused', () => {
    const state = nominated();
    expect(
      refusal(state, { type: 'RecordVote', at: at(12), data: { nomineeId: 'tt:a:giay-khen-tap-the', present: 6, inFavour: 5 } }).problems,
    ).toEqual(['present (6) không được lớn hơn số thành viên (5)']);
    expect(
      refusal(state, { type: 'RecordVote', at: at(12), data: { nomineeId: 'tt:a:giay-khen-tap-the', present: 4, inFavour: 5 } }).problems,
    ).toEqual(['inFavour (5) không được lớn hơn số thành viên có mặt (4)']);
    expect(refusal(state, { type: 'PostList', at: at(13), data: { sheets: [], endsAt: at(18), workingDays: false } }).message).toContain(
      'Còn 2 đề nghị chưa được Hội đồng bỏ phiếu',
    );
    const after = posted();
    expect(after.nominees.map((n) => [n.id, n.status, n.vote?.needed])).toEqual([
      ['tt:a:giay-khen-tap-the', 'passed', 4],
      ['tt:b:giay-khen-tap-the', 'rejected', 4],
    ]);
  });

  it('takes objections during the posting only, and issues the decision only after it with none open', () => {
    const state = posted();
    expect(refusal(state, { type: 'RecordScore', at: at(14), data: { unitId: 'a', criterion: 'x', points: 1 } }).message).toContain(
      'bảng điểm đã chốt',
    );
    expect(
      refusal(state, {
        type: 'RaiseObjection',
        at: at(14),
        data: { unitId: 'b', nomineeId: 'tt:b:giay-khen-tap-the', reason: 'Không đạt mà vẫn có tên' },
      }).problems[0],
    ).toMatch(/^nomineeId/);
    const objected = run(state, {
      type: 'RaiseObjection',
      at: at(14),
      data: { unitId: 'b', nomineeId: 'tt:a:giay-khen-tap-the', reason: 'Đề nghị làm rõ' },
    });
    expect(refusal(objected, { type: 'IssueDecision', at: at(15), data: {} }).message).toContain('Chưa hết thời gian công khai');
    const ended = run(objected, { type: 'EndPosting', at: at(18), data: {} });
    expect(refusal(ended, { type: 'IssueDecision', at: at(18), data: {} }).message).toContain('Còn 1 ý kiến chưa được xử lý');
    expect(
      refusal(ended, { type: 'RaiseObjection', at: at(18), data: { unitId: 'b', nomineeId: 'tt:a:giay-khen-tap-the', reason: 'Muộn' } })
        .message,
    ).toContain('Đã hết thời gian công khai');
    const upheld = run(ended, {
      type: 'ResolveObjection',
      at: at(18),
      data: { objectionId: 'yk-1', outcome: 'upheld', resolution: 'Đúng phản ánh' },
    });
    expect(refusal(upheld, { type: 'IssueDecision', at: at(18), data: {} }).message).toContain('Không còn tập thể, cá nhân nào');
    const dismissed = run(ended, {
      type: 'ResolveObjection',
      at: at(18),
      data: { objectionId: 'yk-1', outcome: 'dismissed', resolution: 'Đã xác minh' },
    });
    const [decision] = decideCommendation(dismissed, { type: 'IssueDecision', at: at(18), data: {} });
    expect(decision).toMatchObject({
      type: 'DecisionIssued',
      data: { registerKey: 'ubnd:ủy ban nhân dân phường an lạc', abbreviation: 'UBND', year: 2027, awarded: ['tt:a:giay-khen-tap-the'] },
    });
  });

  it('chases the nominating task: reminders before the deadline, level 1 at it, level 2 after the escalation delay; one return reopens it', () => {
    let state = open();
    const alarms: string[] = [];
    for (let alarm = nextNominationAlarm(state); alarm; alarm = nextNominationAlarm(state)) {
      alarms.push(`${alarm.alarm.unitId} ${alarm.alarm.key} ${new Date(alarm.at).toISOString()}`);
      state = run(state, { type: 'Alarm', at: new Date(alarm.at).toISOString(), data: alarm.alarm });
    }
    // Opened 10 days before the deadline: 7, 3 and 1 days before, then the deadline, then 3 days after.
    expect(alarms.filter((a) => a.startsWith('a '))).toEqual([
      `a before:P7D ${at(3)}`,
      `a before:P3D ${at(7)}`,
      `a before:P1D ${at(9)}`,
      `a level:1 ${at(10)}`,
      `a level:2 ${at(13)}`,
    ]);
    const sent = run(state, { type: 'SubmitIndividuals', at: at(14), data: { unitId: 'a', people: [], stableIds: true } });
    expect(sent.units[0].task).toMatchObject({ status: 'submitted', late: true });
    const returned = run(sent, {
      type: 'ReturnIndividuals',
      at: at(15),
      data: { unitId: 'a', reason: 'Bổ sung cá nhân', singleReturn: true },
    });
    // The deadline had passed: two days from the return, chased again from scratch.
    expect(returned.units[0].task).toMatchObject({ status: 'returned', dueAt: at(17), sent: [], escalationLevel: 0 });
    expect(nextNominationAlarm(returned)).toMatchObject({ at: Date.parse(at(16)), alarm: { unitId: 'a', key: 'before:P1D' } });
  });

  describe('one consolidated return of a unit’s individuals', () => {
    const person = {
      name: 'Nguyễn Văn A',
      position: 'Chuyên viên',
      achievement: 'Hoàn thành xuất sắc nhiệm vụ',
      formId: 'giay-khen-ca-nhan',
    };
    const submit = (day: number): CommendationCommand => ({
      type: 'SubmitIndividuals',
      at: at(day),
      data: { unitId: 'a', people: [person], stableIds: true },
    });
    const giveBack = (day: number, singleReturn = true): CommendationCommand => ({
      type: 'ReturnIndividuals',
      at: at(day),
      data: { unitId: 'a', reason: 'Bổ sung thành tích', singleReturn },
    });

    it('given a list returned once and sent again, when it is returned a second time, then it is refused naming the rule', () => {
      const resent = run(open(), submit(2), giveBack(3), submit(4));
      expect(resent.units[0].task).toMatchObject({ status: 'submitted', returnedReason: 'Bổ sung thành tích' });
      const err = refusal(resent, giveBack(5));
      expect(err.code).toBe('wrong-phase');
      expect(err.message).toMatch(/chỉ được yêu cầu bổ sung, chỉnh sửa một lần/);
    });

    it('given a list sent again, then the council can vote and the list be posted without a third send', () => {
      const resent = run(open(), submit(2), giveBack(3), submit(4));
      const nominee = resent.nominees.find((n) => n.person && n.status === 'proposed')!;
      const voted = run(
        resent,
        { type: 'ConveneCouncil', at: at(12), data: { council } },
        { type: 'RecordVote', at: at(12), data: { nomineeId: nominee.id, present: 5, inFavour: 5 } },
      );
      const listed = run(voted, { type: 'PostList', at: at(13), data: { sheets: [], endsAt: at(18), workingDays: false } });
      expect(listed.stage).toBe('posted');
    });

    it('given a list already returned and not sent again, when it is returned again, then it is refused as waiting', () => {
      expect(refusal(run(open(), submit(2), giveBack(3)), giveBack(4)).message).toMatch(/đang chờ đơn vị gửi lại/);
    });

    it('given a history recorded before the rule (no single-return patch), then a second return replays as it ran', () => {
      const twice = run(open(), submit(2), giveBack(3), submit(4), giveBack(5, false));
      expect(twice.units[0].task).toMatchObject({ status: 'returned' });
    });

    it('keeps an individual’s nominee id when the list is sent again', () => {
      const first = run(open(), submit(2));
      const again = run(first, giveBack(3), submit(4));
      const ids = (s: CommendationState): string[] => s.nominees.filter((n) => n.person && n.status !== 'removed').map((n) => n.id);
      expect(ids(again)).toEqual(ids(first));
    });
  });

  it('asks for an initiative where the form says so (data on the form, not its id)', () => {
    const custom = { ...BUILT_IN_FORMS[1], id: 'giay-khen-sang-kien', requiresInitiative: true };
    const state = run(undefined, {
      type: 'Open',
      at: T0,
      data: { setup, context: { ...context(UNITS), forms: [...BUILT_IN_FORMS, custom] } },
    });
    const person = { name: 'Lê Thị B', position: 'Cán bộ', achievement: 'Thành tích', formId: 'giay-khen-sang-kien' };
    expect(
      refusal(state, { type: 'SubmitIndividuals', at: at(2), data: { unitId: 'a', people: [person], stableIds: true } }).message,
    ).toMatch(/people\.0\.initiative bắt buộc/);
    const withInitiative = run(state, {
      type: 'SubmitIndividuals',
      at: at(2),
      data: { unitId: 'a', people: [{ ...person, initiative: 'Số hóa hồ sơ một cửa' }], stableIds: true },
    });
    expect(withInitiative.nominees.some((n) => n.person?.initiative === 'Số hóa hồ sơ một cửa')).toBe(true);
  });

  it('reads a form stored before its rules were data with the rule applied then', () => {
    const legacy = BUILT_IN_FORMS.map(({ requiresInitiative: _dropped, ...f }) => f);
    const state = run(undefined, { type: 'Open', at: T0, data: { setup, context: { ...context(UNITS), forms: legacy } } });
    expect(state.forms.filter((f) => f.requiresInitiative).map((f) => f.id)).toEqual(['chien-si-thi-dua-co-so', 'chien-si-thi-dua-tinh']);
  });

  it('judges a list sent exactly at its deadline late, as the unit stage does', () => {
    const sent = run(open(), { type: 'SubmitIndividuals', at: setup.nominationsDue, data: { unitId: 'a', people: [], stableIds: true } });
    expect(sent.units[0].task).toMatchObject({ late: true });
  });

  it('prechecks what needs no facts: a nomination before opening, a form for individuals, a posting with votes missing', () => {
    expect(() =>
      precheckCommendation(undefined, { type: 'ProposeNomination', at: T0, data: { unitId: 'a', formId: 'giay-khen-tap-the' } }),
    ).toThrow(/chưa được mở/);
    expect(() =>
      precheckCommendation(open(), { type: 'ProposeNomination', at: T0, data: { unitId: 'a', formId: 'giay-khen-ca-nhan' } }),
    ).toThrow(/dành cho cá nhân/);
    expect(() => precheckCommendation(nominated(), { type: 'PostList', at: at(13), data: {} })).toThrow(/chưa được Hội đồng bỏ phiếu/);
    expect(() => precheckCommendation(open(), { type: 'Open', at: T0, data: { setup } })).toThrow(/đã được mở/);
    expect(() => precheckCommendation(undefined, { type: 'Open', at: T0, data: { setup } })).not.toThrow();
  });

  it('ends a posting after its days: plan days without a calendar', () => {
    expect(postingEnd({ dayMs: 2000 }, T0, 10)).toEqual({ endsAt: new Date(Date.parse(T0) + 20_000).toISOString(), workingDays: false });
  });
});
