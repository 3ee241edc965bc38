/** decide(state, command) → events for a campaign. Pure; throws CampaignRuleError to refuse. */
import {
  campaignClosedMessage,
  CLOSED_CAMPAIGN_STATUSES,
  LIMITS,
  milestoneProblems,
  movedReportProblems,
  sameMilestones,
  sameReports,
  type CampaignState,
  type Milestones,
  type NewCampaignEvent,
  type ReportRound,
  type UnitRef,
} from '@thidua/contracts';
import { optionalText, RuleError } from '../rule-error';

/** Commands of a campaign workflow. */
export type CampaignCommand =
  | { type: 'CompleteLaunch'; at: string; actor?: undefined; data: { unitsStarted: number } }
  | { type: 'MoveMilestones'; at: string; actor?: string; data: { milestones: Milestones; reports?: ReportRound[] } }
  /**
   * `fromLog`: the unit's row is the projection of UnitAdded, which states its position (runs recorded before
   * wrote the row first and replay without it: patch `unit-added-from-log`).
   */
  | { type: 'AddUnit'; at: string; actor?: string; data: { unit: UnitRef; fromLog?: boolean } }
  | { type: 'Cancel'; at: string; actor?: string; data: { reason?: string } }
  | { type: 'ChangeCalendar'; at: string; actor?: string; data: { stamp: string } }
  | { type: 'Finish'; at: string; actor?: undefined; data: { openUnits: number; units: number } };

/** Why a campaign command was refused (InvalidMilestones lists each problem). */
export class CampaignRuleError extends RuleError {
  override readonly name = 'CampaignRuleError';
  constructor(code: 'CampaignClosed' | 'InvalidMilestones' | 'invalid' | 'wrong-phase', message: string, problems: readonly string[] = []) {
    super(code, message, problems);
  }
}

/** Decides the events of a campaign command, or throws CampaignRuleError (nothing changes). */
export function decideCampaign(state: CampaignState | undefined, cmd: CampaignCommand): NewCampaignEvent[] {
  if (!state) throw new CampaignRuleError('CampaignClosed', 'Đợt thi đua chưa được phát động');
  const base = { at: cmd.at, actor: cmd.actor };
  if (CLOSED_CAMPAIGN_STATUSES.includes(state.status)) {
    if (cmd.type === 'CompleteLaunch' || cmd.type === 'Finish') return [];
    throw new CampaignRuleError('CampaignClosed', campaignClosedMessage(state.status));
  }
  switch (cmd.type) {
    case 'CompleteLaunch':
      return state.status === 'launching' ? [{ type: 'CampaignRunning', at: cmd.at, data: { unitsStarted: cmd.data.unitsStarted } }] : [];
    case 'MoveMilestones': {
      const { milestones, reports } = cmd.data;
      const problems = milestoneProblems(milestones);
      if (reports !== undefined) problems.push(...movedReportProblems(state.reports, reports, milestones));
      if (problems.length) throw new CampaignRuleError('InvalidMilestones', `Mốc thời gian không hợp lệ: ${problems.join('; ')}`, problems);
      const roundsMoved = reports !== undefined && !sameReports(state.reports ?? [], reports);
      if (sameMilestones(state.milestones, milestones) && !roundsMoved) return []; // nothing moves: nothing recorded, nobody told
      const rounds = roundsMoved ? { reports, previousReports: [...(state.reports ?? [])] } : {};
      return [{ type: 'MilestoneMoved', ...base, data: { milestones, previous: state.milestones, ...rounds } }];
    }
    case 'AddUnit': {
      const { unit, fromLog } = cmd.data;
      if (!fromLog) return [{ type: 'UnitAdded', ...base, data: { unit } }];
      // Two additions of one unit racing each other: the first is recorded, the second refused.
      if (state.added?.some((a) => a.unitId === unit.id))
        throw new CampaignRuleError('wrong-phase', `Đơn vị "${unit.id}" đã tham gia đợt thi đua này`);
      return [{ type: 'UnitAdded', ...base, data: { unit, position: state.unitsTotal + 1 } }];
    }
    case 'ChangeCalendar':
      return state.calendarStamp === cmd.data.stamp ? [] : [{ type: 'CalendarChanged', ...base, data: { stamp: cmd.data.stamp } }];
    case 'Cancel': {
      const reason = optionalText(cmd.data.reason, 'reason (lý do hủy)', LIMITS.reason);
      return [{ type: 'CampaignCancelled', ...base, data: reason === undefined ? {} : { reason } }];
    }
    case 'Finish':
      return state.status === 'running' && cmd.data.openUnits === 0
        ? [{ type: 'CampaignFinished', at: cmd.at, data: { units: cmd.data.units } }]
        : [];
    default: {
      const never: never = cmd;
      throw new Error(`Unknown campaign command ${JSON.stringify(never)}`);
    }
  }
}
