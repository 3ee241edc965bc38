/**
 * A unit counting in working days through the decider: its reminders land on working days at the opening of
 * office hours, and a new announcement (the calendar changed) re-plans what is still to come without
 * repeating what was sent.
 */
import { BINH_TAN_2019, type UnitState } from '@thidua/contracts';
import { nextAlarm, tick } from './chase';
import { decide } from './decide';
import { evolve } from './evolve';

const at = (local: string): string => new Date(`${local}+07:00`).toISOString();
const m = {
  ...BINH_TAN_2019.milestones,
  launchAt: at('2027-03-01T08:00:00'),
  registrationDue: at('2027-03-12T00:00:00'),
  registrationCutoffAt: at('2027-03-26T00:00:00'),
  interimReviewAt: at('2027-05-01T08:00:00'),
  campaignEndsAt: at('2027-11-01T00:00:00'),
  finalReportDue: at('2027-11-15T00:00:00'),
  finalReportCutoffAt: undefined,
};

function enrolled(): UnitState {
  const campaign = {
    campaignId: 'wd',
    title: 'Thi đua',
    issuer: 'Chủ tịch UBND phường',
    coordinator: 'Văn phòng HĐND và UBND phường',
    timezone: 'Asia/Ho_Chi_Minh',
  };
  const events = decide(undefined, {
    type: 'Enrol',
    at: m.launchAt,
    data: {
      campaign,
      unit: BINH_TAN_2019.units[0],
      milestones: m,
      chase: BINH_TAN_2019.chase,
      calendar: { workingDays: true, overrides: [] },
    },
  });
  return apply(undefined, events);
}

function apply(state: UnitState | undefined, events: ReturnType<typeof decide>): UnitState {
  return events.reduce<UnitState | undefined>((s, e) => evolve(s, { ...e, seq: (s?.seq ?? 0) + 1 }), state)!;
}

describe('a unit counting in working days', () => {
  it('reminds 7, 3 and 1 working days before, at the opening of office hours', () => {
    const s = enrolled();
    expect(nextAlarm(s, m.launchAt)).toBe(at('2027-03-03T07:30:00')); // 7 working days before Friday 12/3
    expect(tick(s, at('2027-03-03T07:30:00'))).toEqual([
      expect.objectContaining({ type: 'ReminderSent', data: expect.objectContaining({ key: 'registration:before:P7D' }) }),
    ]);
  });

  it('re-plans on a new announcement: what is to come moves, what was sent is not sent again', () => {
    let s = enrolled();
    s = apply(s, tick(s, at('2027-03-03T07:30:00'))); // P7D sent
    expect(nextAlarm(s, at('2027-03-03T08:00:00'))).toBe(at('2027-03-09T07:30:00')); // P3D: Tuesday 9/3
    const overrides = [{ date: '2027-03-10', kind: 'day-off' as const, name: 'Nghỉ theo thông báo' }];
    const changed = decide(s, { type: 'ChangeCalendar', at: at('2027-03-03T09:00:00'), data: { overrides } });
    expect(changed).toEqual([expect.objectContaining({ type: 'CalendarChanged', data: { overrides } })]);
    s = apply(s, changed);
    // Wednesday 10/3 is off now: 3 working days before Friday 12/3 is Monday 8/3; the P7D reminder (now Tuesday 2/3) was sent.
    expect(nextAlarm(s, at('2027-03-03T09:00:00'))).toBe(at('2027-03-08T07:30:00'));
    expect(tick(s, at('2027-03-03T09:00:00'))).toEqual([]);
    // The same calendar again records nothing.
    expect(decide(s, { type: 'ChangeCalendar', at: at('2027-03-03T10:00:00'), data: { overrides } })).toEqual([]);
  });

  it('ignores a calendar change in a unit that counts clock time', () => {
    const s = apply(
      undefined,
      decide(undefined, {
        type: 'Enrol',
        at: m.launchAt,
        data: {
          campaign: { campaignId: 'c', title: 't', issuer: 'i', coordinator: 'c', timezone: 'Asia/Ho_Chi_Minh' },
          unit: BINH_TAN_2019.units[0],
          milestones: m,
          chase: BINH_TAN_2019.chase,
        },
      }),
    );
    expect(
      decide(s, { type: 'ChangeCalendar', at: m.launchAt, data: { overrides: [{ date: '2027-03-10', kind: 'day-off', name: 'x' }] } }),
    ).toEqual([]);
  });
});
