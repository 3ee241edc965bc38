import { firstTaskDelay, MAX_FIRST_TASK_DELAY_MS } from './first-task-delay';

const FIRST_TASKS_PER_SECOND = 100;

describe('the first-task delay of a launched unit', () => {
  const now = Date.parse('2026-11-30T01:00:00Z');
  const inDays = (d: number): number => now + d * 86_400_000;

  it('starts the first hundred units at once: a ward campaign is not delayed', () => {
    expect(firstTaskDelay(1, inDays(20), now, FIRST_TASKS_PER_SECOND)).toBeUndefined();
    expect(firstTaskDelay(FIRST_TASKS_PER_SECOND - 1, inDays(20), now, FIRST_TASKS_PER_SECOND)).toBeUndefined();
  });

  it('spreads a large launch at the trickle rate, up to ten minutes', () => {
    expect(firstTaskDelay(5_000, inDays(20), now, FIRST_TASKS_PER_SECOND)).toBe((5_000 / FIRST_TASKS_PER_SECOND) * 1000);
    expect(firstTaskDelay(1_000_000, inDays(20), now, FIRST_TASKS_PER_SECOND)).toBe(MAX_FIRST_TASK_DELAY_MS);
  });

  it('never delays a first task past a minute before the unit’s first alarm', () => {
    const alarm = now + 90_000;
    expect(firstTaskDelay(10_000, alarm, now, FIRST_TASKS_PER_SECOND)).toBe(30_000);
    expect(firstTaskDelay(10_000, now + 30_000, now, FIRST_TASKS_PER_SECOND)).toBeUndefined();
  });
});
