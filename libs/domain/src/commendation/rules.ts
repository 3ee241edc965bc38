/** Rules of the commendation stage that readers share with the decider: judged scores, who may be commended. */
import {
  COMMENDABLE_PHASES,
  type CommendationForm,
  type JudgedCriterion,
  type JudgedScore,
  type RankedSheet,
  type ScorePolicy,
  type ScoreSheet,
  type UnitPhase,
  type UnitState,
} from '@thidua/contracts';
import { rankSheets, scoreSheet } from '../scores';

/** A unit's sheet with the coordinator's judged criteria added (0 until scored). */
export function withJudged(sheet: ScoreSheet, judged: readonly JudgedCriterion[], scores: readonly JudgedScore[]): ScoreSheet {
  if (judged.length === 0) return sheet;
  const lines = judged.map((c) => {
    const s = scores.find((x) => x.unitId === sheet.unitId && x.criterion === c.id);
    return {
      criterion: c.id,
      title: c.title,
      target: 'Hội đồng/Thường trực chấm',
      value: s ? s.points : null,
      met: s ? s.points > 0 : null,
      points: s?.points ?? 0,
      max: c.points,
      judged: true as const,
      ...(s?.note ? { note: s.note } : {}),
    };
  });
  const earned = [...sheet.lines, ...lines].reduce((sum, l) => sum + l.points, 0);
  const lost = sheet.deductions.reduce((sum, d) => sum + d.points, 0);
  return {
    ...sheet,
    lines: [...sheet.lines, ...lines],
    total: Math.max(0, earned - lost),
    max: sheet.max + judged.reduce((sum, c) => sum + c.points, 0),
  };
}

/** Every unit's sheet under the campaign's deduction policy with the judged criteria added, ranked. */
export function rankWithJudged(
  states: readonly UnitState[],
  policy: ScorePolicy | undefined,
  judged: readonly JudgedCriterion[],
  scores: readonly JudgedScore[],
): RankedSheet[] {
  return rankSheets(states.map((s) => withJudged(scoreSheet(s, policy), judged, scores)));
}

/** Why a unit in this phase cannot be nominated (undefined: it can). */
export function notCommendable(phase: UnitPhase): string | undefined {
  if (COMMENDABLE_PHASES.includes(phase)) return undefined;
  if (phase === 'withdrawn') return 'đơn vị đã rút khỏi đợt thi đua';
  if (phase === 'non-compliant') return 'đơn vị không hoàn thành nhiệm vụ của đợt thi đua (quá hạn chót)';
  if (phase === 'cancelled') return 'đợt thi đua của đơn vị đã bị hủy';
  return 'đơn vị chưa gửi báo cáo cuối đợt';
}

/**
 * A form as stored before its rules were data: a form without `requiresInitiative` is read with the rule the
 * decider applied then (the Chiến sĩ thi đua titles, by their ids). Stored rows and events are never rewritten.
 */
export function upcastForm(form: CommendationForm): CommendationForm & { readonly requiresInitiative: boolean } {
  return { ...form, requiresInitiative: form.requiresInitiative ?? form.id.startsWith('chien-si-thi-dua') };
}
