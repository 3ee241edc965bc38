import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@thidua/config';
import { type UnitActivities, type UnitAppendResult, type UnitEvent } from '@thidua/contracts';
import { streams, toUnitEvent, insertNotifications, lockUnitState, saveUnitState } from '@thidua/persistence';
import { appendAndProject } from '../store-append';
import { projectUnitEvents } from './unit-projection';

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
      project(m, input.campaignId, input.unitId, input.events),
    );
    return outcome.status === 'conflict' ? { status: 'conflict', stored: outcome.stored.map(toUnitEvent) } : outcome;
  }
}

/** Folds freshly stored events into unit_status and writes the notifications they cause. */
async function project(m: EntityManager, campaignId: string, unitId: string, events: readonly UnitEvent[]): Promise<void> {
  const { state, drafts } = projectUnitEvents(await lockUnitState(m, campaignId, unitId), events);
  if (state) await saveUnitState(m, state);
  await insertNotifications(m, campaignId, unitId, drafts);
}
