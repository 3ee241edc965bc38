import { Injectable } from '@nestjs/common';
import { UnitEventsActivities } from './unit-events/unit-events.activities';
import { CampaignActivitiesService } from './campaigns/campaign.activities';
import { DigestActivitiesService } from './notifications/digest.activities';
import { CommendationActivitiesService } from './commendations/commendation.activities';

type ActivityFunction = (...args: never[]) => Promise<unknown>;

/** Binds each method of the given services into a flat map of activities, rejecting duplicate names. */
export function bindActivities(...services: object[]): Record<string, ActivityFunction> {
  const out: Record<string, ActivityFunction> = {};
  for (const service of services) {
    const proto = Object.getPrototypeOf(service) as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const fn = proto[name];
      if (name === 'constructor' || typeof fn !== 'function') continue;
      if (out[name]) throw new Error(`Activity "${name}" is defined twice`);
      out[name] = (fn as ActivityFunction).bind(service);
    }
  }
  return out;
}

/** Every activity implementation of the worker, collected from injectable services. */
@Injectable()
export class ActivityRegistry {
  constructor(
    private readonly unitEvents: UnitEventsActivities,
    private readonly campaigns: CampaignActivitiesService,
    private readonly digest: DigestActivitiesService,
    private readonly commendations: CommendationActivitiesService,
  ) {}

  /** The activities to register with the worker. */
  all(): Record<string, ActivityFunction> {
    return bindActivities(this.unitEvents, this.campaigns, this.digest, this.commendations);
  }
}
