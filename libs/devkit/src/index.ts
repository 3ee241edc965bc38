export * from './embedded-postgres';
export * from './processes';
export * from './temporal-dev-server';
export * from './tools';
export * from './supervisor';
export * from './dynamic-config';
export * from './temporal-cluster';
export * from './databases';
