/**
 * Durable, idempotent launch: the definition (stored once, named by its hash), its units and CampaignLaunched are committed in one
 * transaction, then the campaign workflow (deterministic id) is started. Repeating a launch after any
 * crash finishes it; a second launch of the same definition is a no-op; a different one is a conflict.
 */
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  assertValidDefinition,
  CAMPAIGN_WORKFLOW,
  campaignTaskQueue,
  campaignWorkflowId,
  type CampaignDefinition,
  type CampaignState,
  type CampaignWorkflowInput,
  linkSubCampaign,
  unitWorkflowId,
} from '@thidua/contracts';
import { findCampaign, insertCampaign, appendToStream, ROOT_ORG, streams } from '@thidua/persistence';

/** The code is taken by a different definition. */
export class CampaignConflictError extends Error {
  override readonly name = 'CampaignConflictError';
  constructor(readonly campaignId: string) {
    super(`Mã đợt thi đua "${campaignId}" đã được dùng cho một định nghĩa khác`);
  }
}

/** Result of a launch. */
export interface LaunchResult {
  readonly campaignId: string;
  /** False when this exact campaign had already been launched. */
  readonly created: boolean;
}

/** Stable hash of a definition, to recognise a repeated launch. */
export function definitionHash(def: CampaignDefinition): string {
  return createHash('sha256').update(JSON.stringify(def)).digest('hex');
}

/** Launches campaigns. */
export class CampaignLauncher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly searchAttributes = true,
  ) {}

  /**
   * Validates, stores and starts, for the organisation `org` (the root one unless named); throws
   * InvalidCampaignDefinitionError or CampaignConflictError.
   */
  async launch(def: CampaignDefinition, actor?: string, org = ROOT_ORG): Promise<LaunchResult> {
    assertValidDefinition(def);
    const hash = definitionHash(def);
    const at = new Date().toISOString();
    const created = await this.dataSource.transaction(async (m) => {
      if (!(await insertCampaign(m, def, hash, at, org))) {
        if ((await findCampaign(m, def.code))?.definition_hash !== hash) throw new CampaignConflictError(def.code);
        return false;
      }
      await appendToStream(m, streams.campaign(def.code), 0, [
        {
          type: 'CampaignLaunched',
          at,
          actor,
          data: {
            title: def.title,
            units: def.units.length,
            milestones: def.milestones,
            ...(def.reports ? { reports: [...def.reports] } : {}),
            definitionHash: hash,
            org,
          },
        },
      ]);
      return true;
    });
    await this.startWorkflow(def);
    // A sub-campaign is linked to the unit it reports for, so a move or cancellation above reaches it; a repeated
    // launch sends the link again (the unit records it once).
    if (def.parent) {
      await this.client.workflow
        .getHandle(unitWorkflowId(def.parent.campaignId, def.parent.unitId))
        .signal(linkSubCampaign, { campaignId: def.code, ...(actor ? { actor } : {}) });
    }
    return { campaignId: def.code, created };
  }

  private async startWorkflow(def: CampaignDefinition): Promise<void> {
    const campaignId = def.code;
    // The workflow starts from the state the launch stored (CampaignLaunched is seq 1 of its stream).
    const snapshot: CampaignState = {
      campaignId,
      status: 'launching',
      milestones: def.milestones,
      ...(def.reports ? { reports: def.reports } : {}),
      unitsTotal: def.units.length,
      seq: 1,
    };
    const input: CampaignWorkflowInput = { campaignId, snapshot, searchAttributes: this.searchAttributes };
    try {
      await this.client.workflow.start(CAMPAIGN_WORKFLOW, {
        workflowId: campaignWorkflowId(campaignId),
        taskQueue: campaignTaskQueue(this.taskQueue),
        args: [input],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}
