/**
 * Score sheets (bảng chấm điểm): each unit's points by the campaign's own criteria, less the deductions its
 * policy sets for late or missing work, and the ranking of all units. Pure; recomputed from the units'
 * states whenever they change (frozen when the list is posted: the commendation stage).
 */
import {
  appliesToUnit,
  describeRule,
  meetsRule,
  type Criterion,
  type Deduction,
  type RankedSheet,
  type ScoreLine,
  type ScorePolicy,
  type ScoreSheet,
  type TaskKind,
  type UnitState,
} from '@thidua/contracts';

/** The value a unit stated for a criterion: its final report's, else the latest report's that stated one. */
function statedValue(state: UnitState, criterion: string): number | null {
  const final = state.submissions['final-report']?.values?.[criterion];
  if (final !== undefined) return final;
  const reports = Object.entries(state.submissions)
    .filter(([kind, s]) => kind !== 'registration' && s?.values?.[criterion] !== undefined)
    .sort(([, a], [, b]) => Date.parse(b!.at) - Date.parse(a!.at));
  return reports[0]?.[1]?.values?.[criterion] ?? null;
}

/** The unit's score sheet under the campaign's criteria (its state carries them) and deduction policy. */
export function scoreSheet(state: UnitState, policy: ScorePolicy = {}): ScoreSheet {
  const criteria: readonly Criterion[] = (state.criteria ?? []).filter((c) => appliesToUnit(c, state.unit));
  const lines = criteria.map((c): ScoreLine => {
    const value = statedValue(state, c.id);
    const met = value === null ? null : meetsRule(c.rule, value);
    return { criterion: c.id, title: c.title, target: describeRule(c.kind, c.rule), value, met, points: met ? c.points : 0, max: c.points };
  });
  const deductions: Deduction[] = [];
  if (policy.lateRegistration && state.submissions.registration?.late)
    deductions.push({ reason: 'Đăng ký thi đua quá hạn', points: policy.lateRegistration });
  if (policy.lateReport) {
    for (const [kind, s] of Object.entries(state.submissions) as Array<[TaskKind, { late: boolean } | undefined]>) {
      if (kind !== 'registration' && s?.late)
        deductions.push({
          reason: `Gửi báo cáo quá hạn (${kind === 'final-report' ? 'báo cáo cuối đợt' : kind === 'interim-report' ? 'báo cáo sơ kết' : kind.slice('round:'.length)})`,
          points: policy.lateReport,
        });
    }
  }
  if (policy.nonCompliant && state.phase === 'non-compliant')
    deductions.push({ reason: 'Không hoàn thành (quá hạn chót)', points: policy.nonCompliant });
  const earned = lines.reduce((sum, l) => sum + l.points, 0);
  const lost = deductions.reduce((sum, d) => sum + d.points, 0);
  return {
    unitId: state.unit.id,
    name: state.unit.name,
    kind: state.unit.kind,
    phase: state.phase,
    lines,
    deductions,
    total: Math.max(0, earned - lost),
    max: lines.reduce((sum, l) => sum + l.max, 0),
    final: state.submissions['final-report'] !== undefined,
  };
}

/** The sheets ranked by total, highest first; equal totals share a rank, listed by name (Vietnamese order). */
export function rankSheets(sheets: readonly ScoreSheet[]): RankedSheet[] {
  const sorted = [...sheets].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'vi'));
  return sorted.map((s, i) => ({
    ...s,
    rank: i > 0 && sorted[i - 1].total === s.total ? sorted.findIndex((x) => x.total === s.total) + 1 : i + 1,
  }));
}
