/**
 * What the levels see of each other: the campaign above rolled up over its units and their sub-campaigns (the
 * city sees which ward is late because which khu phố is), and a sub-campaign's consolidated report for one
 * task, built from its units' reports by each criterion's roll-up rule. Read from the projections only.
 */
import {
  consolidate,
  currentEscalationLevel,
  isChased,
  isOverdue,
  SENT_STATUSES,
  rollupSentences,
  rollupTask,
  taskLabel,
  TERMINAL_PHASES,
  unitsNoun,
  type Consolidation,
  type ConsolidationRecord,
  type RollupRow,
  type RollupView,
  type TaskKind,
  type TaskStatus,
  type UnitState,
} from '@thidua/contracts';
import {
  campaignUnitStates,
  findCampaign,
  projectedUnit,
  subCampaignsOf,
  subCampaignTaskCounts,
  type CampaignRow,
  type Sql,
} from '@thidua/persistence';
import { inheritedCriteria } from './sub-campaign';
import { tallyTasks } from './task-tally';

/** Thrown for a campaign that does not exist or is not a sub-campaign. */
export class CascadeLookupError extends Error {
  override readonly name = 'CascadeLookupError';
}

/** The unit's task expected now: the earliest due of those still open. */
function currentTask(state: UnitState): RollupRow['current'] {
  if (TERMINAL_PHASES.includes(state.phase)) return undefined;
  const open = Object.values(state.tasks)
    .filter((t) => t !== undefined && isChased(t))
    .sort((a, b) => Date.parse(a!.dueAt) - Date.parse(b!.dueAt))[0];
  return open && { task: open.kind, title: taskLabel(open.kind, state.reports)[0], dueAt: open.dueAt, missed: open.missed };
}

/** The campaign rolled up over its units and the sub-campaigns their organisations run. */
export async function readRollup(db: Sql, campaign: CampaignRow): Promise<RollupView> {
  const [states, subs, counts] = await Promise.all([
    campaignUnitStates(db, campaign.id),
    subCampaignsOf(db, campaign.id),
    subCampaignTaskCounts(db, campaign.id),
  ]);
  const rowsOf = new Map<string, typeof counts>();
  for (const c of counts) rowsOf.set(c.campaignId, [...(rowsOf.get(c.campaignId) ?? []), c]);
  const subOf = new Map(subs.map((s) => [s.parent_unit_id, s]));
  const reports = campaign.definition.reports;
  const rows = states
    .map((state): RollupRow => {
      const s = subOf.get(state.unit.id);
      const sub = s && {
        campaignId: s.id,
        title: s.title,
        status: s.status,
        units: s.units_total,
        noun: unitsNoun(s.kinds),
        tasks: [...tallyTasks(rowsOf.get(s.id) ?? []).entries()].map(([task, t]) =>
          rollupTask(task, taskLabel(task, reports)[0], t.counts, t.overdue, t.late),
        ),
      };
      const row = {
        unitId: state.unit.id,
        name: state.unit.name,
        kind: state.unit.kind,
        ...(state.unit.cluster ? { cluster: state.unit.cluster } : {}),
        phase: state.phase,
        overdue: isOverdue(state),
        escalationLevel: currentEscalationLevel(state),
        current: currentTask(state),
        ...(sub ? { sub } : {}),
      };
      return { ...row, ...rollupSentences(row) };
    })
    // The late first, then by name: the city reads the causes at the top.
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.name.localeCompare(b.name, 'vi'));
  return {
    campaignId: campaign.id,
    title: campaign.definition.title,
    units: rows.length,
    withSubCampaign: rows.filter((r) => r.sub).length,
    overdue: rows.filter((r) => r.overdue).length,
    rows,
  };
}

/** The sub-campaign `subId`'s consolidated report for `task` of the campaign above. */
export async function readConsolidation(db: Sql, subId: string, task: TaskKind): Promise<Consolidation> {
  const sub = await findCampaign(db, subId);
  const link = sub?.definition.parent;
  if (!sub || !link) throw new CascadeLookupError(`Đợt thi đua "${subId}" không phải đợt triển khai của một đợt thi đua cấp trên`);
  const parent = await findCampaign(db, link.campaignId);
  const parentUnit = (await projectedUnit(db, link.campaignId, link.unitId, 'state')).value;
  if (!parent || !parentUnit)
    throw new CascadeLookupError(`Không tìm thấy đơn vị "${link.unitId}" ở đợt thi đua cấp trên "${link.campaignId}"`);
  if (!parentUnit.tasks[task])
    throw new CascadeLookupError(
      `Đợt thi đua cấp trên không có việc "${task}"; chọn một trong: ${Object.keys(parentUnit.tasks).join(', ')}`,
    );
  const states = (await campaignUnitStates(db, subId)).filter((s) => s.phase !== 'withdrawn' && s.phase !== 'cancelled');
  states.sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi'));
  const sent = (s: UnitState): boolean => SENT_STATUSES.includes(s.tasks[task]?.status as TaskStatus);
  const criteria = inheritedCriteria(parent.definition, parentUnit.unit);
  const lines = consolidate(
    criteria,
    states.map((s) => ({ unit: s.unit, ...(sent(s) && s.submissions[task]?.values ? { values: s.submissions[task]?.values } : {}) })),
    unitsNoun(states.map((s) => s.unit.kind)),
  );
  return {
    campaignId: subId,
    parentCampaignId: link.campaignId,
    task,
    title: taskLabel(task, parent.definition.reports)[0],
    units: states.length,
    reported: states.filter(sent).length,
    missing: states.filter((s) => !sent(s)).map((s) => ({ unitId: s.unit.id, name: s.unit.name })),
    lines,
  };
}

/** The values sent up (those given, else the computed ones) and the record of what they were computed from and what was changed. */
export function consolidatedReport(
  c: Consolidation,
  given?: Readonly<Record<string, number>>,
): { values: Record<string, number>; consolidated: ConsolidationRecord } {
  const computed = Object.fromEntries(c.lines.flatMap((l) => (l.value === null ? [] : [[l.criterion, l.value] as const])));
  const values = { ...(given ?? computed) };
  const edited = Object.keys({ ...computed, ...values }).filter((k) => computed[k] !== values[k]);
  return { values, consolidated: { campaignId: c.campaignId, units: c.units, reported: c.reported, computed, edited } };
}
