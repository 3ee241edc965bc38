import { Inject, Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { mapPool } from '../../../../libs/campaigns/src/pool';
import { APP_CONFIG, type ServiceConfig } from '../../../../libs/config/src';
import {
  campaignCancelled,
  campaignHeader,
  campaignWorkflowId,
  milestonesMoved,
  UNIT_WORKFLOW,
  unitWorkflowId,
  type CampaignActivities,
  type CampaignDefinition,
  type UnitRef,
  type UnitWorkflowInput,
} from '../../../../libs/contracts/src/campaign';
import { storeEnrolments } from './bulk-enrol';
import { crashAfterCommitIfInjected } from '../fault-injection';
import { CAMPAIGN_ID, ESCALATION_LEVEL, OVERDUE, PHASE, UNIT_ID } from '../../../../libs/contracts/src/search-attributes';

const START_CONCURRENCY = 48;

/** Fan-out activities of the campaign workflow: each is idempotent (deterministic ids, skip what exists). */
@Injectable()
export class CampaignActivitiesService implements CampaignActivities {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {}

  private async units(campaignId: string, afterPosition: number, limit: number): Promise<Array<{ position: number; unit: UnitRef }>> {
    return this.dataSource.query(
      'SELECT position, unit FROM campaign_units WHERE campaign_id = $1 AND position > $2 ORDER BY position LIMIT $3',
      [campaignId, afterPosition, limit],
    );
  }

  async enrolUnits(input: { campaignId: string; afterPosition: number; limit: number; searchAttributes: boolean }): Promise<{ started: number; lastPosition: number; done: boolean }> {
    const [campaign] = await this.dataSource.query<Array<{ definition: CampaignDefinition }>>('SELECT definition FROM campaigns WHERE id = $1', [input.campaignId]);
    if (!campaign) throw new Error(`Unknown campaign ${input.campaignId}`);
    const def = campaign.definition;
    const rows = await this.units(input.campaignId, input.afterPosition, input.limit);
    const header = campaignHeader({ ...def, code: input.campaignId });
    const states = await storeEnrolments(this.dataSource, header, rows.map((r) => r.unit), { milestones: def.milestones, chase: def.chase });
    crashAfterCommitIfInjected(this.config); // tests: enrolments stored, no unit workflow started yet
    const results = await mapPool(
      rows,
      START_CONCURRENCY,
      async ({ unit }) => {
        const snapshot = states.get(unit.id);
        const args: [UnitWorkflowInput] = [{ campaign: header, unit, milestones: def.milestones, chase: def.chase, searchAttributes: input.searchAttributes, snapshot }];
        try {
          await this.client.workflow.start(UNIT_WORKFLOW, {
            workflowId: unitWorkflowId(input.campaignId, unit.id),
            taskQueue: this.config.taskQueue,
            args,
            typedSearchAttributes: input.searchAttributes
              ? [
                  { key: CAMPAIGN_ID, value: input.campaignId },
                  { key: UNIT_ID, value: unit.id },
                  { key: PHASE, value: 'awaiting-registration' }, // the phase right after enrolment; the workflow skips this upsert
                  { key: OVERDUE, value: false },
                  { key: ESCALATION_LEVEL, value: 0 },
                ]
              : undefined,
          });
          return 1;
        } catch (err) {
          if (err instanceof WorkflowExecutionAlreadyStartedError) return 0; // a retried batch: started before
          throw err;
        }
      },
      (done) => {
        if (done % 50 === 0) Context.current().heartbeat(done);
      },
    );
    const last = rows.at(-1)?.position ?? input.afterPosition;
    return { started: results.reduce<number>((a, b) => a + b, 0), lastPosition: last, done: rows.length < input.limit };
  }

  async recordCampaignEvent(input: { campaignId: string; seq: number; type: string; at: string; actor?: string; data: Record<string, unknown> }): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO events (id, stream, seq, campaign_id, type, occurred_at, actor, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING RETURNING id`,
        [`${input.campaignId}/${input.seq}`, campaignWorkflowId(input.campaignId), input.seq, input.campaignId, input.type, input.at, input.actor ?? null, JSON.stringify(input.data)],
      );
      if (inserted.length === 0) return;
      if (input.type === 'MilestoneMoved') {
        await m.query("UPDATE campaigns SET definition = jsonb_set(definition, '{milestones}', $2::jsonb), updated_at = now() WHERE id = $1", [input.campaignId, JSON.stringify(input.data.milestones)]);
      } else if (input.type === 'CampaignCancelled' || input.type === 'CampaignRunning') {
        await m.query('UPDATE campaigns SET status = $2, updated_at = now() WHERE id = $1', [input.campaignId, input.type === 'CampaignCancelled' ? 'cancelled' : 'running']);
      } else if (input.type === 'UnitAdded') {
        await m.query('UPDATE campaigns SET units_total = units_total + 1, updated_at = now() WHERE id = $1', [input.campaignId]);
      }
    });
  }

  async signalUnits(input: { campaignId: string; signal: 'milestonesMoved' | 'campaignCancelled'; arg: Record<string, unknown>; afterPosition: number; limit: number }): Promise<{ lastPosition: number; done: boolean }> {
    const rows = await this.units(input.campaignId, input.afterPosition, input.limit);
    const name = input.signal === 'milestonesMoved' ? milestonesMoved.name : campaignCancelled.name;
    await mapPool(rows, START_CONCURRENCY, async ({ unit }) => {
      try {
        await this.client.workflow.getHandle(unitWorkflowId(input.campaignId, unit.id)).signal(name, input.arg);
      } catch (err) {
        // A unit that already finished (or was never started) has nothing to re-plan.
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    });
    return { lastPosition: rows.at(-1)?.position ?? input.afterPosition, done: rows.length < input.limit };
  }

  async addCampaignUnit(input: { campaignId: string; unit: UnitRef }): Promise<{ position: number }> {
    const rows: Array<{ position: number }> = await this.dataSource.query(
      `WITH ins AS (
         INSERT INTO campaign_units (campaign_id, unit_id, position, unit)
         SELECT $1, $2, COALESCE(MAX(position), 0) + 1, $3 FROM campaign_units WHERE campaign_id = $1
         ON CONFLICT (campaign_id, unit_id) DO NOTHING RETURNING position)
       SELECT position FROM ins UNION ALL SELECT position FROM campaign_units WHERE campaign_id = $1 AND unit_id = $2`,
      [input.campaignId, input.unit.id, JSON.stringify(input.unit)],
    );
    return { position: rows[0].position };
  }
}
