/**
 * Durable, idempotent launch: the definition, its units and CampaignLaunched are committed in one
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
} from '../../contracts/src/campaign';
import { appendToStream, streams } from '../../persistence/src/event-store';

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

  /** Validates, stores and starts; throws InvalidCampaignDefinitionError or CampaignConflictError. */
  async launch(def: CampaignDefinition, actor?: string): Promise<LaunchResult> {
    assertValidDefinition(def);
    const hash = definitionHash(def);
    const created = await this.dataSource.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO campaigns (id, definition, definition_hash, units_total, version) VALUES ($1, $2, $3, $4, 1)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [def.code, JSON.stringify({ ...def, units: [] }), hash, def.units.length],
      );
      if (inserted.length === 0) {
        const rows: Array<{ definition_hash: string }> = await m.query('SELECT definition_hash FROM campaigns WHERE id = $1', [def.code]);
        if (rows[0]?.definition_hash !== hash) throw new CampaignConflictError(def.code);
        return false;
      }
      await m.query(
        `INSERT INTO campaign_units (campaign_id, unit_id, position, unit)
         SELECT $1, u.id, u.pos, u.unit FROM unnest($2::text[], $3::int[], $4::jsonb[]) AS u(id, pos, unit)`,
        [def.code, def.units.map((u) => u.id), def.units.map((_, i) => i + 1), def.units.map((u) => JSON.stringify(u))],
      );
      await appendToStream(m, streams.campaign(def.code), 0, [
        { type: 'CampaignLaunched', at: new Date().toISOString(), actor, data: { title: def.title, units: def.units.length, milestones: def.milestones } },
      ]);
      return true;
    });
    await this.startWorkflow(def);
    return { campaignId: def.code, created };
  }

  private async startWorkflow(def: CampaignDefinition): Promise<void> {
    const campaignId = def.code;
    // The workflow starts from the state the launch stored (CampaignLaunched is seq 1 of its stream).
    const snapshot: CampaignState = { campaignId, status: 'launching', milestones: def.milestones, unitsTotal: def.units.length, seq: 1 };
    const input: CampaignWorkflowInput = { campaignId, snapshot, searchAttributes: this.searchAttributes };
    try {
      await this.client.workflow.start(CAMPAIGN_WORKFLOW, { workflowId: campaignWorkflowId(campaignId), taskQueue: campaignTaskQueue(this.taskQueue), args: [input] });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}
