export * from './json-logger';
export * from './metrics';
export * from './tracing';
