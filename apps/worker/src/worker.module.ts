import { Module, type DynamicModule } from '@nestjs/common';
import { AppConfigModule, type ServiceConfig } from '@thidua/config';
import { PersistenceModule } from '@thidua/persistence';
import { ActivityRegistry } from './activity-registry';
import { TemporalWorkerService } from './temporal-worker.service';
import { MailDeliveryService } from './notifications/mail-delivery.service';
import { DigestActivitiesService } from './notifications/digest.activities';
import { CommendationActivitiesService } from './commendations/commendation.activities';
import { DigestScheduleService } from './notifications/digest-schedule.service';
import { UnitEventsActivities } from './unit-events/unit-events.activities';
import { AnnouncementsService } from './unit-events/announcements.service';
import { CampaignActivitiesService } from './campaigns/campaign.activities';
import { TemporalClientModule } from '@thidua/temporal';
import { createMetricsRegistry, workerCounters } from '@thidua/observability';
import { WORKER_COUNTERS, WORKER_METRICS_REGISTRY, WorkerMetricsServer } from './operations/worker-metrics';

/** The worker application: activities as injectable classes, and the Temporal worker that runs them. HTTP only for /metrics (METRICS_PORT). */
@Module({})
export class WorkerModule {
  /** Builds the module from a validated configuration. */
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [AppConfigModule.forRoot(config), PersistenceModule, TemporalClientModule],
      providers: [
        UnitEventsActivities,
        CampaignActivitiesService,
        ActivityRegistry,
        TemporalWorkerService,
        MailDeliveryService,
        AnnouncementsService,
        DigestActivitiesService,
        DigestScheduleService,
        CommendationActivitiesService,
        { provide: WORKER_METRICS_REGISTRY, useFactory: () => createMetricsRegistry(config.processName) },
        { provide: WORKER_COUNTERS, inject: [WORKER_METRICS_REGISTRY], useFactory: workerCounters },
        WorkerMetricsServer,
      ],
    };
  }
}
