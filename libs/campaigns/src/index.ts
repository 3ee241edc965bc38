export * from './campaign-launcher';
export * from './pool';
export * from './sub-campaign';
export * from './cascade-reads';
export * from './cluster-launch';
export * from './task-tally';
