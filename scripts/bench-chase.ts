/**
 * npm run bench:chase -- --iterations N
 * The cost of the unit's time rules per workflow turn (nextAlarm, then tick at that alarm), for a unit
 * counting clock time and for one counting working days with office hours across Tết 2027, in the same
 * run; the floor measured alongside is the clock-time unit itself (the engine's cost before the calendar).
 * A year-long overdue chase is the worst case: the working-day search walks the calendar day by day.
 */
import { performance } from 'node:perf_hooks';
import { ANNOUNCED_OVERRIDES } from '@thidua/calendar';
import { BINH_TAN_2019, type UnitState } from '@thidua/contracts';
import { nextAlarm, tick, decide, evolve } from '@thidua/domain';
import { arg } from './bench-kit';

const at = (local: string): string => new Date(`${local}+07:00`).toISOString();

function unit(calendar: boolean): UnitState {
  const m = {
    ...BINH_TAN_2019.milestones,
    launchAt: at('2027-01-04T08:00:00'),
    registrationDue: at('2027-02-12T00:00:00'),
    registrationCutoffAt: undefined,
    interimReviewAt: at('2027-12-01T08:00:00'),
    campaignEndsAt: at('2028-01-01T00:00:00'),
    finalReportDue: at('2028-01-15T00:00:00'),
    finalReportCutoffAt: undefined,
  };
  const campaign = { campaignId: 'bench', title: 'Bench', issuer: 'Chủ tịch', coordinator: 'Văn phòng', timezone: 'Asia/Ho_Chi_Minh' };
  const data = {
    campaign,
    unit: BINH_TAN_2019.units[0],
    milestones: m,
    chase: BINH_TAN_2019.chase,
    ...(calendar ? { calendar: { workingDays: true, overrides: [...ANNOUNCED_OVERRIDES] } } : {}),
  };
  return decide(undefined, { type: 'Enrol', at: m.launchAt, data }).reduce<UnitState | undefined>(
    (s, e) => evolve(s, { ...e, seq: (s?.seq ?? 0) + 1 }),
    undefined,
  )!;
}

/** Runs the unit's time rules for `turns` alarms from launch; returns µs per turn and where it got to. */
function run(state: UnitState, turns: number): { usPerTurn: number; reached: string } {
  let s = state;
  let now = s.enrolledAt;
  const start = performance.now();
  for (let i = 0; i < turns; i++) {
    const alarm = nextAlarm(s, now);
    if (!alarm) break;
    now = alarm;
    s = tick(s, now).reduce((acc, e) => evolve(acc, { ...e, seq: acc.seq + 1 }), s);
  }
  return { usPerTurn: ((performance.now() - start) * 1000) / turns, reached: now };
}

function main(): void {
  const turns = arg('iterations', 300);
  for (const [name, calendar] of [
    ['clock-time (floor)', false],
    ['working-days+office-hours', true],
  ] as const) {
    run(unit(calendar), 20); // warm-up
    const r = run(unit(calendar), turns);
    process.stdout.write(`chase ${name} turns=${turns} us_per_turn=${r.usPerTurn.toFixed(1)} reached=${r.reached.slice(0, 10)}\n`);
  }
}

main();
