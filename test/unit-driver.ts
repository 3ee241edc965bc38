/** Test helpers that act on unit workflows the way the API will. */
import type { Client } from '@temporalio/client';
import {
  campaignHeader,
  decideRegistration,
  recordReview,
  submitRegistration,
  submitReport,
  planOfDefinition,
  unitWorkflowId,
  UNIT_WORKFLOW,
  type CampaignDefinition,
  type UnitView,
  type UnitWorkflowInput,
} from '@thidua/contracts';
import { ANNOUNCED_OVERRIDES } from '@thidua/calendar';

/** Starts one unit workflow per unit of the definition. */
export async function startUnits(client: Client, def: CampaignDefinition, taskQueue: string, searchAttributes = true): Promise<void> {
  for (const unit of def.units) {
    const input: UnitWorkflowInput = {
      campaign: campaignHeader(def),
      unit,
      ...planOfDefinition(def, ANNOUNCED_OVERRIDES),
      searchAttributes,
    };
    await client.workflow.start(UNIT_WORKFLOW, { workflowId: unitWorkflowId(def.code, unit.id), taskQueue, args: [input] });
  }
}

/** Acting on one unit of one campaign. */
export function unitDriver(client: Client, campaignId: string) {
  const h = (unitId: string) => client.workflow.getHandle(unitWorkflowId(campaignId, unitId));
  return {
    register: (unitId: string, n = 2): Promise<UnitView> =>
      h(unitId).executeUpdate(submitRegistration, {
        args: [
          {
            actor: `unit:${unitId}`,
            commitments: 'Thực hiện tốt cải cách hành chính',
            initiatives: Array.from({ length: n }, (_, i) => ({
              title: `Sáng kiến ${i + 1}`,
              description: 'Rút ngắn thời gian giải quyết hồ sơ',
            })),
          },
        ],
      }),
    approve: (unitId: string): Promise<UnitView> =>
      h(unitId).executeUpdate(decideRegistration, { args: [{ actor: 'coordinator', decision: 'approve' }] }),
    giveBack: (unitId: string, reason: string): Promise<UnitView> =>
      h(unitId).executeUpdate(decideRegistration, { args: [{ actor: 'coordinator', decision: 'return', reason }] }),
    review: (unitId: string, stage: 'interim' | 'final'): Promise<UnitView> =>
      h(unitId).executeUpdate(recordReview, {
        args: [{ actor: 'coordinator', stage, rating: 'good', commendation: stage === 'final' ? 'Giấy khen' : undefined }],
      }),
    report: (unitId: string): Promise<UnitView> =>
      h(unitId).executeUpdate(submitReport, {
        args: [
          {
            actor: `unit:${unitId}`,
            stage: 'final',
            summary: 'Hoàn thành các chỉ tiêu',
            metrics: { satisfactionPct: 86, onTimeDossierPct: 99, onlineProceduresPct: 35 },
          },
        ],
      }),
    /** A report with a value per criterion (campaigns with criteria): a round's, or the final one. */
    reportValues: (
      unitId: string,
      which: { stage: 'round'; round: string } | { stage: 'final' },
      values: Record<string, number>,
    ): Promise<UnitView> =>
      h(unitId).executeUpdate(submitReport, {
        args: [{ actor: `unit:${unitId}`, ...which, summary: 'Kết quả thực hiện các chỉ tiêu', values }],
      }),
    handle: h,
  };
}
