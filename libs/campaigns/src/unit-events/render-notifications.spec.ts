import { BINH_TAN_2019, type UnitEvent, type UnitState } from '@thidua/contracts';
import { evolve } from '@thidua/domain';
import { renderNotifications } from './render-notifications';

const m = BINH_TAN_2019.milestones;
const header = { campaignId: 'c', title: 'Diễn tập', issuer: 'i', coordinator: 'co', timezone: 'Asia/Ho_Chi_Minh' };

/** A unit enrolled with `dayLength` (a rehearsal) or without (a real campaign). */
function enrolled(dayLength?: string): UnitState {
  const data = {
    campaign: header,
    unit: BINH_TAN_2019.units[0],
    milestones: m,
    chase: BINH_TAN_2019.chase,
    ...(dayLength ? { dayLength } : {}),
  };
  return evolve(undefined, { type: 'UnitEnrolled', at: m.launchAt, seq: 1, data });
}

const reminder = (state: UnitState, lateMs: number): string => {
  const at = new Date(Date.parse(m.registrationDue) + lateMs).toISOString();
  const event = {
    type: 'ReminderSent',
    at,
    seq: 2,
    data: { task: 'registration', key: 'k', kind: lateMs > 0 ? 'overdue' : 'before', dueAt: m.registrationDue },
  };
  return renderNotifications(event as UnitEvent, state)[0].body;
};

describe('reminders tell delays in the plan’s days', () => {
  it('says a rehearsal’s 9 s late, with a plan day of 2 s, as 4 days 12 hours, and 3 s left as 1 day 12 hours', () => {
    const rehearsal = enrolled('PT2S');
    expect(rehearsal.dayLength).toBe('PT2S');
    expect(reminder(rehearsal, 9_000)).toContain('đã quá hạn 4 ngày 12 giờ');
    expect(reminder(rehearsal, -3_000)).toContain('(còn 1 ngày 12 giờ)');
  });

  it('says a real campaign’s delays in real time', () => {
    expect(reminder(enrolled(), 9_000)).toContain('đã quá hạn 9 giây');
    expect(reminder(enrolled(), -2 * 86_400_000)).toContain('(còn 2 ngày)');
  });
});
