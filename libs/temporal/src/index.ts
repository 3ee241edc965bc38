export * from './temporal-client.module';
export * from './workflow-bundle';
export * from './health';
export * from './runtime';
