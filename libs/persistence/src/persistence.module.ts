import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type ServiceConfig } from '@thidua/config';
import { createDataSource, initializeWarm } from './data-source';

/** Half the pool is kept open: bursts start on warm connections, and scale-out leaves PostgreSQL room. */
const warmConnections = (poolSize: number): number => Math.ceil(poolSize / 2);

/** Closes the pool when the application shuts down (after in-flight work has drained). */
@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Provides the initialised TypeORM DataSource; migrations are run by the run command / migrate step, not here. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: (config: ServiceConfig) =>
        initializeWarm(
          createDataSource({
            url: config.databaseUrl,
            poolSize: config.databasePoolSize,
            warmConnections: warmConnections(config.databasePoolSize),
            applicationName: config.processName,
            // While PostgreSQL is away, requests fail fast (the API answers 503) instead of hanging for a minute.
            connectTimeoutMs: config.databaseConnectTimeoutMs,
            statementTimeoutMs: config.databaseStatementTimeoutMs,
          }),
        ),
    },
    DataSourceCloser,
  ],
  exports: [DataSource],
})
export class PersistenceModule {}
