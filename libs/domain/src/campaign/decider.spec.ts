/**
 * The campaign decider given/when/then: given the events of a campaign's stream, when a command arrives, then
 * these events (or this refusal). The same decide and evolve the campaign workflow and the `campaigns`
 * projection run.
 */
import type { CampaignState, Milestones, NewCampaignEvent, ReportRound, UnitRef } from '@thidua/contracts';
import { RuleError } from '../rule-error';
import { decideCampaign, type CampaignCommand } from './decide';
import { evolveCampaign } from './evolve';

const T0 = '2027-01-04T01:00:00.000Z';
const DAY = 86_400_000;
const at = (days: number): string => new Date(Date.parse(T0) + days * DAY).toISOString();
const MILESTONES: Milestones = {
  launchAt: at(0),
  registrationDue: at(10),
  interimReviewAt: at(40),
  campaignEndsAt: at(200),
  finalReportDue: at(214),
};
const ROUNDS: ReportRound[] = [{ id: 'quy-1', title: 'Báo cáo quý I', due: at(90) }];
const unit = (id: string): UnitRef => ({ id, name: `Phường ${id}`, kind: 'ward' });
const launched: NewCampaignEvent = {
  type: 'CampaignLaunched',
  at: T0,
  actor: 'admin',
  data: { title: 'Phong trào', units: 2, milestones: MILESTONES, reports: ROUNDS, definitionHash: 'h' },
};

/** Folds events (numbered in order) into the campaign's state. */
function given(...events: NewCampaignEvent[]): CampaignState {
  let state: CampaignState | undefined;
  events.forEach((e, i) => (state = evolveCampaign(state, { ...e, seq: i + 1 }, 'c-1')));
  return state!;
}
const when = (state: CampaignState | undefined, cmd: CampaignCommand): NewCampaignEvent[] => decideCampaign(state, cmd);
const refusal = (state: CampaignState | undefined, cmd: CampaignCommand): RuleError => {
  try {
    decideCampaign(state, cmd);
  } catch (err) {
    if (err instanceof RuleError) return err;
    throw err;
  }
  throw new Error(`${cmd.type} was not refused`);
};
const running: NewCampaignEvent = { type: 'CampaignRunning', at: at(0), data: { unitsStarted: 2 } };
const move = (milestones: Milestones, reports?: ReportRound[]): CampaignCommand => ({
  type: 'MoveMilestones',
  at: at(1),
  actor: 'admin',
  data: { milestones, ...(reports ? { reports } : {}) },
});

describe('the campaign decider', () => {
  it('folds a launch into the campaign’s state: launching, its milestones, rounds and unit count', () => {
    expect(given(launched)).toEqual({
      campaignId: 'c-1',
      status: 'launching',
      milestones: MILESTONES,
      reports: ROUNDS,
      unitsTotal: 2,
      seq: 1,
    });
  });

  it('refuses every command before the launch', () => {
    expect(refusal(undefined, { type: 'CompleteLaunch', at: T0, data: { unitsStarted: 0 } })).toMatchObject({ code: 'CampaignClosed' });
  });

  it('records the launch complete once: running, then nothing', () => {
    const complete: CampaignCommand = { type: 'CompleteLaunch', at: at(0), data: { unitsStarted: 2 } };
    expect(when(given(launched), complete)).toEqual([{ type: 'CampaignRunning', at: at(0), data: { unitsStarted: 2 } }]);
    expect(given(launched, running).status).toBe('running');
    expect(when(given(launched, running), complete)).toEqual([]);
  });

  describe('moving milestones', () => {
    const later = { ...MILESTONES, registrationDue: at(12) };

    it('records the move with the milestones it replaces', () => {
      expect(when(given(launched, running), move(later))).toEqual([
        { type: 'MilestoneMoved', at: at(1), actor: 'admin', data: { milestones: later, previous: MILESTONES } },
      ]);
      expect(given(launched, running, { type: 'MilestoneMoved', at: at(1), data: { milestones: later } }).milestones).toEqual(later);
    });

    it('records nothing (and tells nobody) when nothing moves', () => {
      expect(when(given(launched, running), move(MILESTONES))).toEqual([]);
      expect(when(given(launched, running), move(MILESTONES, ROUNDS))).toEqual([]);
    });

    it('records moved rounds with the rounds they replace', () => {
      const rounds = [{ ...ROUNDS[0], due: at(95) }];
      const [moved] = when(given(launched, running), move(MILESTONES, rounds));
      expect(moved).toEqual({
        type: 'MilestoneMoved',
        at: at(1),
        actor: 'admin',
        data: { milestones: MILESTONES, previous: MILESTONES, reports: rounds, previousReports: ROUNDS },
      });
      const after = given(launched, running, moved);
      expect(after.reports).toEqual(rounds);
      expect(after.seq).toBe(3);
    });

    it('refuses milestones out of order, naming each problem', () => {
      const err = refusal(given(launched, running), move({ ...MILESTONES, registrationDue: at(300) }));
      expect(err.code).toBe('InvalidMilestones');
      expect(err.problems.length).toBeGreaterThan(0);
      expect(err.message).toMatch(/^Mốc thời gian không hợp lệ: /);
    });
  });

  describe('adding a unit', () => {
    const add = (id: string, fromLog = true): CampaignCommand => ({
      type: 'AddUnit',
      at: at(2),
      actor: 'admin',
      data: { unit: unit(id), fromLog },
    });

    it('places it after the last unit, and counts it', () => {
      const [added] = when(given(launched, running), add('c'));
      expect(added).toEqual({ type: 'UnitAdded', at: at(2), actor: 'admin', data: { unit: unit('c'), position: 3 } });
      const after = given(launched, running, added);
      expect(after.unitsTotal).toBe(3);
      expect(after.added).toEqual([{ unitId: 'c', position: 3 }]);
      expect(when(after, add('d'))[0]).toMatchObject({ data: { position: 4 } });
    });

    it('refuses the same unit added twice (two additions racing)', () => {
      const [added] = when(given(launched, running), add('c'));
      expect(refusal(given(launched, running, added), add('c'))).toMatchObject({ code: 'wrong-phase' });
    });

    it('replays a run recorded before positions as it ran: no position, a unit added after the last', () => {
      const [legacy] = when(given(launched, running), add('c', false));
      expect(legacy).toEqual({ type: 'UnitAdded', at: at(2), actor: 'admin', data: { unit: unit('c') } });
      expect(given(launched, running, legacy).added).toEqual([{ unitId: 'c', position: 3 }]);
    });
  });

  it('records a calendar change once per state of the calendar', () => {
    const change: CampaignCommand = { type: 'ChangeCalendar', at: at(3), actor: 'admin', data: { stamp: '2027:v2' } };
    const [changed] = when(given(launched, running), change);
    expect(changed).toEqual({ type: 'CalendarChanged', at: at(3), actor: 'admin', data: { stamp: '2027:v2' } });
    expect(given(launched, running, changed).calendarStamp).toBe('2027:v2');
    expect(when(given(launched, running, changed), change)).toEqual([]);
  });

  it('cancels with or without a reason, and refuses a blank one', () => {
    const cancel = (reason?: string): CampaignCommand => ({ type: 'Cancel', at: at(4), actor: 'admin', data: { reason } });
    expect(when(given(launched, running), cancel('Sáp nhập đơn vị'))).toEqual([
      { type: 'CampaignCancelled', at: at(4), actor: 'admin', data: { reason: 'Sáp nhập đơn vị' } },
    ]);
    expect(when(given(launched, running), cancel())).toEqual([{ type: 'CampaignCancelled', at: at(4), actor: 'admin', data: {} }]);
    expect(refusal(given(launched, running), cancel('   '))).toMatchObject({ code: 'invalid' });
    expect(given(launched, running, { type: 'CampaignCancelled', at: at(4), data: {} }).status).toBe('cancelled');
  });

  it('finishes a running campaign once no unit is open', () => {
    const finish = (openUnits: number): CampaignCommand => ({ type: 'Finish', at: at(220), data: { openUnits, units: 2 } });
    expect(when(given(launched, running), finish(1))).toEqual([]);
    expect(when(given(launched), finish(0))).toEqual([]);
    const [finished] = when(given(launched, running), finish(0));
    expect(finished).toEqual({ type: 'CampaignFinished', at: at(220), data: { units: 2 } });
    expect(given(launched, running, finished).status).toBe('finished');
  });

  it('after it ends: refuses what callers send, and lets its own completion and finish pass silently', () => {
    const ended = given(launched, running, { type: 'CampaignCancelled', at: at(4), data: {} });
    expect(refusal(ended, move(MILESTONES))).toMatchObject({ code: 'CampaignClosed' });
    expect(refusal(ended, { type: 'AddUnit', at: at(5), data: { unit: unit('c'), fromLog: true } })).toMatchObject({
      code: 'CampaignClosed',
    });
    expect(when(ended, { type: 'CompleteLaunch', at: at(5), data: { unitsStarted: 2 } })).toEqual([]);
    expect(when(ended, { type: 'Finish', at: at(5), data: { openUnits: 0, units: 2 } })).toEqual([]);
    const finished = given(launched, running, { type: 'CampaignFinished', at: at(220), data: { units: 2 } });
    expect(refusal(finished, { type: 'ChangeCalendar', at: at(221), data: { stamp: 'x' } }).message).toMatch(/kết thúc/);
  });

  it('refuses a campaign event before its launch', () => {
    expect(() => evolveCampaign(undefined, { type: 'CampaignRunning', at: T0, seq: 1, data: { unitsStarted: 0 } })).toThrow(
      /before CampaignLaunched/,
    );
  });
});
