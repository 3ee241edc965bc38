import { EXPECTED_STARTS_PER_SECOND, firstTaskDelay, MAX_FIRST_TASK_DELAY_MS } from './first-task-delay';

const FIRST_TASKS_PER_SECOND = 100;

describe('the first-task delay of a launched unit', () => {
  const now = Date.parse('2026-11-30T01:00:00Z');
  const inDays = (d: number): number => now + d * 86_400_000;
  const delay = (position: number, total: number, alarmAt: number | undefined = inDays(20)): number | undefined =>
    firstTaskDelay({ position, total, alarmAt, now }, FIRST_TASKS_PER_SECOND);

  it('starts a ward campaign’s units at once', () => {
    expect(delay(1, 30)).toBeUndefined();
    expect(delay(FIRST_TASKS_PER_SECOND, FIRST_TASKS_PER_SECOND)).toBeUndefined();
  });

  it('runs a large launch’s first tasks after its expected last start, at the trickle rate', () => {
    const total = 10_000;
    // Started at about position / rate seconds into the launch; its first task at the launch's end plus its turn.
    const firstTaskAt = (position: number): number => position / EXPECTED_STARTS_PER_SECOND + delay(position, total)! / 1000;
    const launchEnd = total / EXPECTED_STARTS_PER_SECOND;
    expect(firstTaskAt(1)).toBeCloseTo(launchEnd + 1 / FIRST_TASKS_PER_SECOND, 1);
    expect(firstTaskAt(5_000)).toBeCloseTo(launchEnd + 5_000 / FIRST_TASKS_PER_SECOND, 1);
    expect(firstTaskAt(total)).toBeCloseTo(launchEnd + total / FIRST_TASKS_PER_SECOND, 1);
  });

  it('never delays by more than ten minutes', () => {
    expect(delay(1_000_000, 1_000_000)).toBe(MAX_FIRST_TASK_DELAY_MS);
  });

  it('never delays a first task past a minute before the unit’s first alarm', () => {
    expect(delay(10_000, 10_000, now + 90_000)).toBe(30_000);
    expect(delay(10_000, 10_000, now + 30_000)).toBeUndefined();
    expect(delay(10_000, 10_000, undefined)).toBe((10_000 / FIRST_TASKS_PER_SECOND) * 1000);
  });
});
