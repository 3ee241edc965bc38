export * from './search-attributes';
export * from './task-queues';
export * from './campaign';
export * from './api/responses';
export * from './api/refusals';
export * from './api/live';
export * from './api/organisations';
export * from './api/cascade';
