import { Global, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import { activeTracing } from '@thidua/observability';

/** Owns the gRPC connection so it is closed when the application shuts down. */
@Injectable()
export class TemporalConnectionHolder implements OnApplicationShutdown {
  constructor(readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** Provides a Temporal `Client` (and its connection) to the API app. */
@Global()
@Module({
  providers: [
    {
      provide: Connection,
      inject: [APP_CONFIG],
      useFactory: (config: ServiceConfig) => Connection.connect({ address: config.temporalAddress }),
    },
    TemporalConnectionHolder,
    {
      provide: Client,
      inject: [Connection, APP_CONFIG],
      useFactory: (connection: Connection, config: ServiceConfig) =>
        new Client({
          connection,
          namespace: config.temporalNamespace,
          // Traced: a workflow started, updated or signalled carries the caller's trace in its Temporal headers.
          ...(activeTracing() ? { interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } } : {}),
        }),
    },
  ],
  exports: [Client, Connection],
})
export class TemporalClientModule {}
