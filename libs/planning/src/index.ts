export * from './dates';
export * from './plan-import';
export * from './draft';
