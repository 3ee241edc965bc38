export * from './campaign-launcher';
export * from './pool';
export * from './sub-campaign';
