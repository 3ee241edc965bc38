import { Inject, Injectable } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import type { RoundTripActivities } from '../../../../libs/contracts/src';

/** Activities of the diagnostic round trip. */
@Injectable()
export class RoundTripActivitiesService implements RoundTripActivities {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Idempotent by id: a retried activity finds the row already there and returns its time. */
  async recordRoundTrip(input: { id: string; message: string }): Promise<{ recordedAt: string }> {
    const runId = Context.current().info.workflowExecution?.runId ?? 'none';
    const rows: Array<{ recorded_at: Date }> = await this.dataSource.query(
      `INSERT INTO round_trips (id, message, workflow_run_id) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET id = EXCLUDED.id
       RETURNING recorded_at`,
      [input.id, input.message, runId],
    );
    const row = rows[0];
    if (!row) throw new Error(`round_trips row ${input.id} was neither inserted nor found`);
    return { recordedAt: row.recorded_at.toISOString() };
  }
}
