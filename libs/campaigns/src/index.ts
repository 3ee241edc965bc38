export * from './campaign-launcher';
export * from './pool';
