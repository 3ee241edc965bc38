import { inPlanTime } from '@thidua/contracts';
import { daysLate } from './lateness';

const due = '2026-12-01T10:00:00.000Z';
const after = (ms: number): string => new Date(Date.parse(due) + ms).toISOString();

describe('lateness in the plan’s own days', () => {
  it('counts real days in a real campaign', () => {
    expect(daysLate(due, after(4.5 * 86_400_000), {})).toEqual({ days: 4, working: false });
    expect(daysLate(due, after(-1), {})).toEqual({ days: 0, working: false });
  });

  it('counts plan days in a rehearsal: 9 s late when a day lasts 2 s is 4 days, not "under a day"', () => {
    expect(daysLate(due, after(9_000), { dayLength: 'PT2S' })).toEqual({ days: 4, working: false });
    expect(daysLate(due, after(1_999), { dayLength: 'PT2S' })).toEqual({ days: 0, working: false });
    expect(inPlanTime(9_000, 'PT2S')).toBe(4.5 * 86_400_000);
    expect(inPlanTime(9_000, undefined)).toBe(9_000);
  });
});
