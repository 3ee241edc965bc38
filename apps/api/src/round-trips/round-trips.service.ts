import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ServiceConfig } from '../../../../libs/config/src';
import { ROUND_TRIP_WORKFLOW, roundTripWorkflowId, type RoundTripInput, type RoundTripResult } from '../../../../libs/contracts/src';
import { RoundTripEntity } from '../../../../libs/persistence/src';

/** Starts the diagnostic workflow and reads back what its activity wrote. */
@Injectable()
export class RoundTripsService {
  constructor(
    private readonly client: Client,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** Starts (or joins, when already started) the workflow and waits for its result. */
  async run(input: RoundTripInput): Promise<RoundTripResult> {
    const workflowId = roundTripWorkflowId(input.id);
    try {
      const handle = await this.client.workflow.start(ROUND_TRIP_WORKFLOW, {
        workflowId,
        taskQueue: this.config.taskQueue,
        args: [input],
      });
      return (await handle.result()) as RoundTripResult;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      return (await this.client.workflow.getHandle(workflowId).result()) as RoundTripResult;
    }
  }

  /** The stored row, or 404. */
  async get(id: string): Promise<RoundTripEntity> {
    const row = await this.dataSource.getRepository(RoundTripEntity).findOneBy({ id });
    if (!row) throw new NotFoundException(`Không tìm thấy bản ghi "${id}"`);
    return row;
  }
}
