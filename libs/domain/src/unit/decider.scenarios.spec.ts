/**
 * The unit's rules as given(events) / when(command) / then(events | refusal): the history is a list of
 * recorded events folded with `evolve` (never produced by running commands through `decide`), so each test
 * states exactly the past it needs.
 */
import { BINH_TAN_2019, type NewUnitEvent, type UnitEventData, type UnitState } from '@thidua/contracts';
import { nextAlarm } from './chase';
import type { UnitCommand } from './commands';
import { decide } from './decide';
import { evolve } from './evolve';

const m = BINH_TAN_2019.milestones;
const at = (iso: string, hours = 0): string => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

/** A recorded event of type K at `when`. */
const event = <K extends keyof UnitEventData>(type: K, when: string, data: UnitEventData[K]): NewUnitEvent =>
  ({ type, at: when, data }) as NewUnitEvent;

const enrolled = event('UnitEnrolled', m.launchAt, {
  campaign: { campaignId: 'c', title: 'Thi đua CCHC', issuer: 'Chủ tịch UBND', coordinator: 'Phòng Nội vụ', timezone: 'Asia/Ho_Chi_Minh' },
  unit: BINH_TAN_2019.units[0],
  milestones: m,
  chase: BINH_TAN_2019.chase,
});
const registered = (when = m.launchAt, attempt = 1): NewUnitEvent =>
  event('RegistrationSubmitted', when, {
    commitments: 'Cam kết',
    initiatives: [{ title: 'Một cửa số', description: 'Số hóa hồ sơ' }],
    late: false,
    attempt,
  });
const missed = event('DeadlineMissed', m.registrationDue, { task: 'registration', dueAt: m.registrationDue });
const escalated = (level: 1 | 2, when = m.registrationDue): NewUnitEvent =>
  event('UnitEscalated', when, { task: 'registration', level, dueAt: m.registrationDue });

function fold(history: readonly NewUnitEvent[]): UnitState {
  return history.reduce<UnitState | undefined>((s, e) => evolve(s, { ...e, seq: (s?.seq ?? 0) + 1 }), undefined)!;
}

/** given(events).when(command) → then(expected events) | refused(code, message). */
function given(...history: NewUnitEvent[]) {
  const state = fold([enrolled, ...history]);
  return {
    state,
    when: (cmd: UnitCommand) => ({
      then: (...expected: Array<{ type: string; data?: object }>) => {
        const events = decide(state, cmd);
        expect(events.map((e) => e.type)).toEqual(expected.map((e) => e.type));
        expected.forEach(({ data }, i) => data && expect(events[i].data).toMatchObject(data));
      },
      refused: (code: string, message: RegExp) => {
        expect(() => decide(state, cmd)).toThrow(message);
        expect(() => decide(state, cmd)).toThrow(expect.objectContaining({ code }));
      },
    }),
  };
}

const register = (
  when: string,
  data: Partial<{ commitments: string; initiatives: Array<{ title: string; description: string }> }> = {},
): UnitCommand => ({
  type: 'SubmitRegistration',
  at: when,
  data: { commitments: 'Cam kết', initiatives: [{ title: 'Một cửa số', description: 'Số hóa hồ sơ' }], ...data },
});
const tick = (when: string, missedBeforeClose?: boolean): UnitCommand => ({
  type: 'Tick',
  at: when,
  ...(missedBeforeClose ? { missedBeforeClose } : {}),
});

describe('registration', () => {
  it('is recorded on time before the deadline', () => {
    given()
      .when(register(m.launchAt))
      .then({ type: 'RegistrationSubmitted', data: { late: false, attempt: 1 } });
  });

  it('is recorded late after the deadline and before the cut-off', () => {
    given(missed, escalated(1))
      .when(register(at(m.registrationDue, 1)))
      .then({ type: 'RegistrationSubmitted', data: { late: true } });
  });

  it('is refused at the cut-off', () => {
    given(missed, escalated(1))
      .when(register(m.registrationCutoffAt!))
      .refused('cutoff-passed', /quá hạn chót nhận đăng ký thi đua/);
  });

  it('is refused twice while waiting for a decision', () => {
    given(registered())
      .when(register(m.launchAt))
      .refused('wrong-phase', /đang chờ/);
  });

  it('needs at least one initiative', () => {
    given()
      .when(register(m.launchAt, { initiatives: [] }))
      .refused('invalid', /ít nhất một sáng kiến/);
  });

  it('refuses blank commitments and text PostgreSQL cannot store', () => {
    given()
      .when(register(m.launchAt, { commitments: '   ' }))
      .refused('invalid', /commitments.*không được để trống/);
    given()
      .when(register(m.launchAt, { commitments: 'a\u0000b' }))
      .refused('invalid', /ký tự không hợp lệ/);
  });

  it('counts attempts after a return', () => {
    given(registered(), event('RegistrationReturned', m.launchAt, { reason: 'Thiếu sáng kiến' }))
      .when(register(at(m.launchAt, 1)))
      .then({ type: 'RegistrationSubmitted', data: { attempt: 2 } });
  });
});

describe('the coordinator decides', () => {
  it('approves a submitted registration', () => {
    given(registered())
      .when({ type: 'DecideRegistration', at: m.launchAt, data: { decision: 'approve' } })
      .then({ type: 'RegistrationApproved' });
  });

  it('must say why when returning', () => {
    given(registered())
      .when({ type: 'DecideRegistration', at: m.launchAt, data: { decision: 'return' } })
      .refused('invalid', /lý do trả lại/);
  });

  it('has nothing to decide before a submission', () => {
    given()
      .when({ type: 'DecideRegistration', at: m.launchAt, data: { decision: 'approve' } })
      .refused('wrong-phase', /Không có đăng ký nào/);
  });
});

describe('chasing', () => {
  it('escalates at the deadline, to level 1 at once', () => {
    given()
      .when(tick(m.registrationDue))
      .then({ type: 'DeadlineMissed' }, { type: 'UnitEscalated', data: { level: 1 } });
  });

  it('escalates to the issuer after the escalation delay, with an overdue reminder', () => {
    given(missed, escalated(1))
      .when(tick(at(m.registrationDue, 72)))
      .then({ type: 'ReminderSent', data: { kind: 'overdue' } }, { type: 'UnitEscalated', data: { level: 2 } });
  });

  it('closes a unit that never registered at the cut-off, without a last reminder', () => {
    given(missed, escalated(1), escalated(2))
      .when(tick(m.registrationCutoffAt!))
      .then({ type: 'UnitClosed', data: { reason: 'non-compliant', task: 'registration' } });
  });

  it('records the missed deadline before closing when it first wakes after the cut-off (the worker down through the window)', () => {
    given()
      .when(tick(m.registrationCutoffAt!, true))
      .then(
        { type: 'DeadlineMissed', data: { task: 'registration', dueAt: m.registrationDue } },
        { type: 'UnitClosed', data: { reason: 'non-compliant', task: 'registration' } },
      );
    // An already missed deadline is not recorded twice; units started before the rule close as they did.
    given(missed)
      .when(tick(m.registrationCutoffAt!, true))
      .then({ type: 'UnitClosed', data: { reason: 'non-compliant', task: 'registration' } });
    given()
      .when(tick(m.registrationCutoffAt!))
      .then({ type: 'UnitClosed', data: { reason: 'non-compliant', task: 'registration' } });
  });

  it('does not chase a unit whose registration waits for the coordinator', () => {
    const { state } = given(registered());
    expect(decide(state, tick(at(m.registrationDue, 24)))).toEqual([]);
  });

  it('never wakes a withdrawn unit', () => {
    const { state } = given(event('UnitWithdrawn', m.launchAt, { reason: 'Sáp nhập' }));
    expect(nextAlarm(state, m.launchAt)).toBeUndefined();
    given(event('UnitWithdrawn', m.launchAt, {}))
      .when(register(m.launchAt))
      .refused('closed', /kết thúc tham gia \(Đã rút\)/);
  });
});

describe('evolve', () => {
  it('folds a return into the task with its reason, and a moved milestone into every deadline', () => {
    const later = { ...m, registrationDue: at(m.registrationDue, 240) };
    const s = fold([
      enrolled,
      registered(),
      event('RegistrationReturned', m.launchAt, { reason: 'Thiếu' }),
      event('MilestoneMoved', m.launchAt, { milestones: later, previous: m }),
    ]);
    expect(s.phase).toBe('registration-returned');
    expect(s.tasks.registration).toMatchObject({ status: 'returned', returnedReason: 'Thiếu', dueAt: later.registrationDue });
  });

  it('numbers each event after the last one', () => {
    const s = fold([enrolled, registered()]);
    expect(s.seq).toBe(2);
  });
});
