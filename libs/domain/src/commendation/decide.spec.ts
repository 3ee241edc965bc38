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

  it('holds a nominee’s ballots to the rounds its form allows (two for the built-ins), each recorded with its round', () => {
    const vote = (inFavour: number): CommendationCommand => ({
      type: 'RecordVote',
      at: at(12),
      data: { nomineeId: 'tt:a:giay-khen-tap-the', present: 5, inFavour },
    });
    const second = run(nominated(), vote(3), vote(4));
    expect(second.nominees.find((n) => n.id === 'tt:a:giay-khen-tap-the')).toMatchObject({
      status: 'passed',
      vote: { round: 2, inFavour: 4 },
    });
    expect(refusal(second, vote(5)).message).toContain('đã được bỏ phiếu 2 vòng');
    // A stage opened before forms had the limit records ballots as it always did.
    const unlimited = run(
      run(undefined, {
        type: 'Open',
        at: T0,
        data: {
          setup,
          context: {
            ...context(UNITS),
            forms: BUILT_IN_FORMS.map((f) => ({ ...f, vote: { share: f.vote.share, of: f.vote.of, quorum: f.vote.quorum } })),
          },
        },
      }),
      { type: 'ProposeNomination', at: at(1), data: { unitId: 'a', formId: 'giay-khen-tap-the', unit: UNITS[0] } },
      { type: 'ConveneCouncil', at: at(12), data: { council } },
      vote(3),
      vote(3),
      vote(4),
    );
    expect(unlimited.nominees[0].vote).toMatchObject({ inFavour: 4 });
    expect(unlimited.nominees[0].vote?.round).toBeUndefined();
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

describe('the commendation decider, rule by rule', () => {
  const person = (name: string, formId = 'giay-khen-ca-nhan') => ({ name, position: 'Chuyên viên', achievement: 'Thành tích tốt', formId });
  const submit = (people: unknown[], day = 2, unitId = 'a', stableIds = true): CommendationCommand => ({
    type: 'SubmitIndividuals',
    at: at(day),
    data: { unitId, people: people as never, stableIds },
  });

  it('refuses every caller before the stage opens and after the decision, and lets its own timers pass', () => {
    expect(refusal(undefined, { type: 'IssueDecision', at: T0, data: {} }).message).toBe('Giai đoạn bình xét, khen thưởng chưa được mở');
    expect(refusal(undefined, { type: 'EndPosting', at: T0, data: {} }).code).toBe('wrong-phase');
    const decided = run(posted(), { type: 'EndPosting', at: at(18), data: {} }, { type: 'IssueDecision', at: at(18), data: {} });
    expect(decided.stage).toBe('decided');
    expect(refusal(decided, { type: 'IssueDecision', at: at(19), data: {} }).message).toMatch(/^Đã ban hành quyết định khen thưởng số /);
    expect(decideCommendation(decided, { type: 'EndPosting', at: at(19), data: {} })).toEqual([]);
    expect(decideCommendation(decided, { type: 'Alarm', at: at(19), data: { unitId: 'a', key: 'before:P1D', kind: 'before' } })).toEqual(
      [],
    );
    expect(refusal(open(), { type: 'Open', at: T0, data: { setup, context: context(UNITS) } }).message).toMatch(/đã được mở/);
  });

  it('refuses a collective nominated twice for the same form, and an unknown unit or form', () => {
    const once = run(open(), { type: 'ProposeNomination', at: at(1), data: { unitId: 'a', formId: 'giay-khen-tap-the', unit: UNITS[0] } });
    expect(once.nominees).toEqual([
      { id: 'tt:a:giay-khen-tap-the', unitId: 'a', unitName: 'Đơn vị a', formId: 'giay-khen-tap-the', status: 'proposed' },
    ]);
    expect(
      refusal(once, { type: 'ProposeNomination', at: at(1), data: { unitId: 'a', formId: 'giay-khen-tap-the', unit: UNITS[0] } }).message,
    ).toBe('Đơn vị a đã được đề nghị "Giấy khen của Chủ tịch Ủy ban nhân dân phường"');
    const unknown = refusal(open(), { type: 'ProposeNomination', at: at(1), data: { unitId: 'x', formId: 'khong-co', unit: null } });
    expect(unknown.problems).toEqual([
      'unitId "x" không phải đơn vị tham gia đợt thi đua',
      'formId "khong-co" không có trong danh mục hình thức khen thưởng',
    ]);
    // Withdrawn, it may be proposed again.
    const withdrawn = run(once, { type: 'WithdrawNomination', at: at(2), data: { nomineeId: 'tt:a:giay-khen-tap-the', reason: 'Nhầm' } });
    expect(withdrawn.nominees[0]).toMatchObject({ status: 'removed', removedReason: 'Nhầm' });
    expect(
      decideCommendation(withdrawn, {
        type: 'ProposeNomination',
        at: at(3),
        data: { unitId: 'a', formId: 'giay-khen-tap-the', unit: UNITS[0] },
      }),
    ).toHaveLength(1);
  });

  it('withdraws a nomination with its reason; an unknown or withdrawn one, or a blank reason, is refused', () => {
    const state = nominated();
    const [withdrawn] = decideCommendation(state, {
      type: 'WithdrawNomination',
      at: at(12),
      actor: 'coordinator',
      data: { nomineeId: 'tt:a:giay-khen-tap-the', reason: '  Không đủ điều kiện  ' },
    });
    expect(withdrawn).toEqual({
      type: 'NominationWithdrawn',
      at: at(12),
      actor: 'coordinator',
      data: { nomineeId: 'tt:a:giay-khen-tap-the', reason: 'Không đủ điều kiện' },
    });
    expect(refusal(state, { type: 'WithdrawNomination', at: at(12), data: { nomineeId: 'tt:x', reason: 'x' } }).problems).toEqual([
      'nomineeId "tt:x" không có trong danh sách đề nghị',
    ]);
    expect(
      refusal(state, { type: 'WithdrawNomination', at: at(12), data: { nomineeId: 'tt:a:giay-khen-tap-the', reason: ' ' } }).message,
    ).toBe('reason (lý do) không được để trống');
    const after = run(state, { type: 'WithdrawNomination', at: at(12), data: { nomineeId: 'tt:a:giay-khen-tap-the', reason: 'x' } });
    expect(
      refusal(after, { type: 'WithdrawNomination', at: at(12), data: { nomineeId: 'tt:a:giay-khen-tap-the', reason: 'x' } }).code,
    ).toBe('invalid');
    expect(
      refusal(posted(), { type: 'WithdrawNomination', at: at(14), data: { nomineeId: 'tt:a:giay-khen-tap-the', reason: 'x' } }).message,
    ).toMatch(/^Danh sách đã công khai/);
  });

  describe('judged scores', () => {
    const judgedSetup = { ...setup, judged: [{ id: 'danh-gia-chung', title: 'Đánh giá chung', points: 10 }] };
    const stage = (): CommendationState => run(undefined, { type: 'Open', at: T0, data: { setup: judgedSetup, context: context(UNITS) } });
    const score = (data: Record<string, unknown>): CommendationCommand => ({
      type: 'RecordScore',
      at: at(3),
      actor: 'coordinator',
      data: { unitId: 'a', criterion: 'danh-gia-chung', points: 7, ...data },
    });

    it('records a score with its trimmed note, and replaces an earlier one', () => {
      expect(decideCommendation(stage(), score({ note: '  Tích cực ' }))).toEqual([
        {
          type: 'ScoreRecorded',
          at: at(3),
          actor: 'coordinator',
          data: { score: { unitId: 'a', criterion: 'danh-gia-chung', points: 7, note: 'Tích cực', at: at(3) } },
        },
      ]);
      expect(refusal(stage(), score({ note: '   ' })).problems).toEqual(['note (ghi chú) không được để trống']);
      expect(decideCommendation(stage(), score({}))[0].data).not.toHaveProperty('score.note');
      const twice = run(stage(), score({ points: 3 }), score({ points: 10 }));
      expect(twice.scores).toEqual([{ unitId: 'a', criterion: 'danh-gia-chung', points: 10, at: at(3) }]);
      expect(decideCommendation(stage(), score({ points: 0 }))).toHaveLength(1);
    });

    it('names every problem of a score', () => {
      expect(refusal(stage(), score({ unitId: 'x', criterion: 'khac', points: 'bảy' })).problems).toEqual([
        'unitId "x" không phải đơn vị tham gia đợt thi đua',
        'criterion "khac" không phải tiêu chí do Thường trực chấm của đợt này',
        'points phải là một số',
      ]);
      expect(refusal(stage(), score({ points: -1 })).problems).toEqual(['points không được âm']);
      expect(refusal(stage(), score({ points: 10.5 })).problems).toEqual(['points (10.5) vượt quá điểm tối đa của tiêu chí (10)']);
      expect(refusal(stage(), score({ points: Infinity })).problems).toEqual(['points phải là một số']);
      expect(refusal(stage(), score({ note: 'x'.repeat(2001) })).problems).toEqual(['note (ghi chú) dài quá 2000 ký tự']);
    });

    it('refuses scoring once the list is posted', () => {
      expect(refusal(posted(), score({})).message).toBe('Danh sách đã công khai: bảng điểm đã chốt, không chấm thêm được');
    });
  });

  describe('the council', () => {
    const convene = (c: Record<string, unknown>): CommendationCommand => ({
      type: 'ConveneCouncil',
      at: at(11),
      data: { council: c as never },
    });

    it('keeps the members trimmed and the place only when given', () => {
      const members = [' Chủ tịch ', 'Thành viên', 'Thư ký'].map((role, i) => ({ accountId: `m${i}`, name: ` Người ${i} `, role }));
      expect(refusal(open(), convene({ members, meetingAt: at(12), place: '  ' })).problems).toEqual([
        'council.place (địa điểm) không được để trống',
      ]);
      const [convened] = decideCommendation(open(), convene({ members, meetingAt: at(12) }));
      expect(convened).toEqual({
        type: 'CouncilConvened',
        at: at(11),
        data: {
          council: {
            members: [
              { accountId: 'm0', name: 'Người 0', role: 'Chủ tịch' },
              { accountId: 'm1', name: 'Người 1', role: 'Thành viên' },
              { accountId: 'm2', name: 'Người 2', role: 'Thư ký' },
            ],
            meetingAt: at(12),
          },
        },
      });
      expect(decideCommendation(open(), convene({ members, meetingAt: at(12), place: ' Hội trường ' }))[0]).toMatchObject({
        data: { council: { place: 'Hội trường' } },
      });
    });

    it('names every problem: too few or repeated members, blank names, no meeting instant', () => {
      expect(refusal(open(), convene({ members: [], meetingAt: 'mai' })).problems).toEqual([
        'council.members phải có ít nhất 3 thành viên',
        'council.meetingAt phải là thời điểm ISO-8601 (giờ họp Hội đồng)',
      ]);
      const same = ['a', 'a', 'b'].map((id) => ({ accountId: id, name: ' ', role: 'Thành viên' }));
      expect(refusal(open(), convene({ members: same, meetingAt: at(12) })).problems).toEqual([
        'council.members có thành viên trùng nhau',
        'council.members.0.name (họ tên) không được để trống',
        'council.members.1.name (họ tên) không được để trống',
        'council.members.2.name (họ tên) không được để trống',
      ]);
      expect(refusal(open(), convene({ members: 'ba người', meetingAt: '2027-13-45T00:00:00Z' })).problems).toHaveLength(2);
      expect(refusal(open(), { type: 'ConveneCouncil', at: at(11), data: {} as never }).problems).toHaveLength(2);
    });

    it('cannot change once it has voted, and a vote needs a council and a nominee on the list', () => {
      const voted = run(nominated(), {
        type: 'RecordVote',
        at: at(12),
        data: { nomineeId: 'tt:a:giay-khen-tap-the', present: 5, inFavour: 5 },
      });
      expect(refusal(voted, convene(council)).message).toBe('Hội đồng đã bỏ phiếu; không thay đổi thành phần được nữa');
      const noCouncil = run(open(), {
        type: 'ProposeNomination',
        at: at(1),
        data: { unitId: 'a', formId: 'giay-khen-tap-the', unit: UNITS[0] },
      });
      expect(
        refusal(noCouncil, { type: 'RecordVote', at: at(12), data: { nomineeId: 'tt:a:giay-khen-tap-the', present: 5, inFavour: 5 } })
          .message,
      ).toBe('Chưa lập Hội đồng Thi đua – Khen thưởng cho đợt này');
      expect(
        refusal(nominated(), { type: 'RecordVote', at: at(12), data: { nomineeId: 'tt:x', present: 5, inFavour: 5 } }).problems,
      ).toEqual(['nomineeId "tt:x" không có trong danh sách đề nghị']);
    });
  });

  describe('posting and objections', () => {
    it('refuses posting with nobody passed, or while a unit is correcting its list; closes the open tasks', () => {
      const failed = run(
        nominated(),
        { type: 'RecordVote', at: at(12), data: { nomineeId: 'tt:a:giay-khen-tap-the', present: 5, inFavour: 1 } },
        { type: 'RecordVote', at: at(12), data: { nomineeId: 'tt:b:giay-khen-tap-the', present: 5, inFavour: 1 } },
      );
      expect(refusal(failed, { type: 'PostList', at: at(13), data: { sheets: [], endsAt: at(18), workingDays: false } }).message).toBe(
        'Không có tập thể, cá nhân nào đạt tỷ lệ phiếu để công khai',
      );
      const correcting = run(
        nominated(),
        submit([person('Lê Văn C')]),
        { type: 'ReturnIndividuals', at: at(3), data: { unitId: 'a', reason: 'Bổ sung', singleReturn: true } },
        { type: 'RecordVote', at: at(12), data: { nomineeId: 'tt:a:giay-khen-tap-the', present: 5, inFavour: 5 } },
        { type: 'RecordVote', at: at(12), data: { nomineeId: 'tt:b:giay-khen-tap-the', present: 5, inFavour: 5 } },
        { type: 'WithdrawNomination', at: at(12), data: { nomineeId: 'cn:a:1', reason: 'Chờ bổ sung' } },
      );
      expect(refusal(correcting, { type: 'PostList', at: at(13), data: { sheets: [], endsAt: at(18), workingDays: false } }).message).toBe(
        'Đang chờ Đơn vị a bổ sung, chỉnh sửa hồ sơ đề nghị',
      );
      const [listed] = decideCommendation(
        run(
          nominated(),
          ...['a', 'b'].map((u): CommendationCommand => ({
            type: 'RecordVote',
            at: at(12),
            data: { nomineeId: `tt:${u}:giay-khen-tap-the`, present: 5, inFavour: 5 },
          })),
        ),
        { type: 'PostList', at: at(13), actor: 'coordinator', data: { sheets: [], endsAt: at(18), workingDays: true } },
      );
      expect(listed).toEqual({
        type: 'ListPosted',
        at: at(13),
        actor: 'coordinator',
        data: {
          endsAt: at(18),
          days: 5,
          workingDays: true,
          listed: ['tt:a:giay-khen-tap-the', 'tt:b:giay-khen-tap-the'],
          sheets: [],
          closedTasks: ['a', 'b'],
        },
      });
    });

    it('takes an objection against a listed nominee from a participating unit, with its reason, until the period ends', () => {
      const state = posted();
      const object = (data: Record<string, unknown>, day = 14): CommendationCommand => ({
        type: 'RaiseObjection',
        at: at(day),
        data: { unitId: 'b', nomineeId: 'tt:a:giay-khen-tap-the', reason: ' Chưa đúng ', ...data },
      });
      expect(decideCommendation(state, object({}))).toEqual([
        {
          type: 'ObjectionRaised',
          at: at(14),
          data: {
            objection: { id: 'yk-1', nomineeId: 'tt:a:giay-khen-tap-the', unitId: 'b', reason: 'Chưa đúng', at: at(14), status: 'open' },
          },
        },
      ]);
      expect(refusal(open(), object({})).message).toBe('Danh sách đề nghị khen thưởng chưa được công khai');
      expect(refusal(state, object({ nomineeId: 'tt:b:giay-khen-tap-the' })).problems).toEqual([
        'nomineeId "tt:b:giay-khen-tap-the" không có trong danh sách công khai',
      ]);
      expect(refusal(state, object({ unitId: 'z' })).problems).toEqual(['unitId "z" không phải đơn vị tham gia đợt thi đua']);
      expect(refusal(state, object({}, 18)).message).toMatch(/^Đã hết thời gian công khai/);
      const second = run(state, object({}));
      expect(decideCommendation(second, object({}))[0]).toMatchObject({ data: { objection: { id: 'yk-2' } } });
    });

    it('resolves an objection once, as dismissed or upheld, with its resolution', () => {
      const raised = run(posted(), {
        type: 'RaiseObjection',
        at: at(14),
        data: { unitId: 'b', nomineeId: 'tt:a:giay-khen-tap-the', reason: 'x' },
      });
      const resolve = (data: Record<string, unknown>): CommendationCommand => ({
        type: 'ResolveObjection',
        at: at(15),
        data: { objectionId: 'yk-1', outcome: 'dismissed', resolution: ' Đã xác minh ', ...data } as never,
      });
      expect(decideCommendation(raised, resolve({}))).toEqual([
        { type: 'ObjectionResolved', at: at(15), data: { objectionId: 'yk-1', outcome: 'dismissed', resolution: 'Đã xác minh' } },
      ]);
      expect(refusal(raised, resolve({ objectionId: 'yk-9' })).problems).toEqual(['objectionId "yk-9" không có']);
      expect(refusal(raised, resolve({ outcome: 'maybe' })).problems).toEqual([
        'outcome phải là "dismissed" (giữ nguyên đề nghị) hoặc "upheld" (đưa ra khỏi danh sách)',
      ]);
      const dismissed = run(raised, resolve({}));
      expect(refusal(dismissed, resolve({})).message).toBe('Ý kiến yk-1 đã được xử lý');
      const upheld = run(raised, resolve({ outcome: 'upheld' }));
      expect(upheld.nominees.find((n) => n.id === 'tt:a:giay-khen-tap-the')).toMatchObject({
        status: 'removed',
        removedReason: 'Ý kiến yk-1: Đã xác minh',
      });
    });

    it('ends the posting at its end only, once', () => {
      expect(decideCommendation(posted(), { type: 'EndPosting', at: at(17), data: {} })).toEqual([]);
      expect(decideCommendation(posted(), { type: 'EndPosting', at: at(18), data: {} })).toEqual([
        { type: 'PostingEnded', at: at(18), data: {} },
      ]);
      const ended = run(posted(), { type: 'EndPosting', at: at(18), data: {} });
      expect(decideCommendation(ended, { type: 'EndPosting', at: at(19), data: {} })).toEqual([]);
      expect(decideCommendation(open(), { type: 'EndPosting', at: at(19), data: {} })).toEqual([]);
      expect(refusal(open(), { type: 'IssueDecision', at: at(19), data: {} }).message).toBe(
        'Danh sách đề nghị khen thưởng chưa được công khai',
      );
    });
  });

  describe('a unit’s individuals', () => {
    it('names every problem of a list, person by person', () => {
      const err = refusal(
        open(),
        submit([{ name: ' ', position: 'x', achievement: 'y', formId: 'khong-co' }, person('B', 'giay-khen-tap-the')]),
      );
      expect(err.problems).toEqual([
        'people.0.formId "khong-co" không có trong danh mục hình thức khen thưởng',
        'people.0.name (họ tên) không được để trống',
        'people.1.formId "Giấy khen của Chủ tịch Ủy ban nhân dân phường" dành cho tập thể; cá nhân đề nghị hình thức dành cho cá nhân',
      ]);
      expect(refusal(open(), submit('không phải danh sách' as never)).problems).toEqual([
        'people phải là danh sách cá nhân (có thể rỗng: đơn vị không đề nghị)',
      ]);
      expect(refusal(open(), submit(Array.from({ length: 51 }, (_, i) => person(`Người ${i}`)))).problems).toEqual([
        'people tối đa 50 người mỗi đơn vị',
      ]);
    });

    it('takes a list from a unit with a task only, once until it is returned, and not after the list is posted', () => {
      expect(refusal(open(), submit([], 2, 'x')).problems).toEqual(['unitId "x" không phải đơn vị tham gia đợt thi đua']);
      expect(refusal(open(), submit([], 2, 'w')).problems).toEqual([
        'unitId "w" không được đề nghị khen thưởng: đơn vị đã rút khỏi đợt thi đua',
      ]);
      const sent = run(open(), submit([person('Lê Văn C')]));
      expect(refusal(sent, submit([person('Lê Văn C')])).message).toBe(
        'Đơn vị a đã gửi danh sách; chỉ gửi lại khi được trả lại để bổ sung, chỉnh sửa',
      );
      expect(refusal(posted(), submit([])).message).toMatch(/^Danh sách đã công khai/);
      expect(
        refusal(open(), { type: 'ReturnIndividuals', at: at(3), data: { unitId: 'x', reason: 'x', singleReturn: true } }).problems,
      ).toEqual(['unitId "x" không có việc đề nghị khen thưởng cá nhân']);
      expect(
        refusal(open(), { type: 'ReturnIndividuals', at: at(3), data: { unitId: 'a', reason: 'x', singleReturn: true } }).message,
      ).toBe('Đơn vị a chưa gửi danh sách cá nhân đề nghị khen thưởng');
    });

    it('numbers every send anew in runs recorded before stable ids, withdrawing the earlier people', () => {
      const first = run(open(), submit([person('Lê Văn C')], 2, 'a', false));
      const again = run(
        first,
        { type: 'ReturnIndividuals', at: at(3), data: { unitId: 'a', reason: 'x', singleReturn: false } },
        submit([person('Lê Văn C'), person('Trần D')], 4, 'a', false),
      );
      expect(again.nominees.map((n) => [n.id, n.status])).toEqual([
        ['cn:a:1', 'removed'],
        ['cn:a:2', 'proposed'],
        ['cn:a:3', 'proposed'],
      ]);
      const stable = run(
        run(open(), submit([person('Lê Văn C'), person('Trần D')])),
        { type: 'ReturnIndividuals', at: at(3), data: { unitId: 'a', reason: 'x', singleReturn: true } },
        submit([person('trần  d'), person('Phạm E')], 4),
      );
      expect(stable.nominees.map((n) => [n.id, n.person?.name, n.status])).toEqual([
        ['cn:a:1', 'Lê Văn C', 'removed'],
        ['cn:a:2', 'trần  d', 'proposed'],
        ['cn:a:3', 'Phạm E', 'proposed'],
      ]);
    });
  });

  it('names every problem of a setup: issuer fields, abbreviation, judged criteria', () => {
    const err = refusal(undefined, {
      type: 'Open',
      at: T0,
      data: {
        setup: {
          issuer: { name: ' ', abbreviation: 'ubnd', place: 'An Lạc', signerTitle: 'Chủ tịch', signerName: 'A' },
          nominationsDue: 'mai',
          postingDays: 2.5,
          judged: [
            { id: 'a', title: 'A', points: 1001 },
            { id: 'a', title: 'B', points: 5 },
          ],
        },
        context: context(UNITS),
      },
    });
    expect(err.problems).toEqual([
      'setup.issuer.name (cơ quan ban hành) không được để trống',
      'setup.issuer.abbreviation chỉ gồm chữ in hoa, chữ số và dấu gạch ngang (ví dụ UBND)',
      'setup.nominationsDue phải là thời điểm ISO-8601 (hạn đơn vị gửi danh sách cá nhân)',
      'setup.postingDays phải là số ngày nguyên từ 1 đến 30',
      'setup.judged.0.points phải là số điểm dương, tối đa 1000',
      'setup.judged có mã tiêu chí trùng nhau',
    ]);
    expect(
      refusal(undefined, { type: 'Open', at: T0, data: { setup: { ...setup, judged: 'x' } as never, context: context(UNITS) } }).problems,
    ).toEqual(['setup.judged phải là danh sách tiêu chí']);
    const opened = run(undefined, {
      type: 'Open',
      at: T0,
      data: { setup: { ...setup, judged: [{ id: 'chung', title: ' Chung ', points: 5 }] }, context: context(UNITS) },
    });
    expect(opened.setup.judged).toEqual([{ id: 'chung', title: 'Chung', points: 5 }]);
    expect(open().setup).not.toHaveProperty('judged');
  });
});
