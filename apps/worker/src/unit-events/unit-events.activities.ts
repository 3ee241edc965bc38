import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@thidua/config';
import { type UnitActivities, type UnitAppendResult, type UnitEvent } from '@thidua/contracts';
import { projectUnit } from '@thidua/campaigns';
import { streams, toUnitEvent } from '@thidua/persistence';
import { appendAndProject } from '../store-append';

/** Appends a unit's events (optimistically, at the version the workflow decided from) with its read model and outbox in one transaction. */
@Injectable()
export class UnitEventsActivities implements UnitActivities {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  async appendUnitEvents(input: {
    campaignId: string;
    unitId: string;
    expectedVersion: number;
    events: UnitEvent[];
  }): Promise<UnitAppendResult> {
    const ref = streams.unit(input.campaignId, input.unitId);
    const outcome = await appendAndProject(this.dataSource, this.config, ref, input.expectedVersion, input.events, (m) =>
      projectUnit(m, input.campaignId, input.unitId, input.events),
    );
    return outcome.status === 'conflict' ? { status: 'conflict', stored: outcome.stored.map(toUnitEvent) } : outcome;
  }
}
