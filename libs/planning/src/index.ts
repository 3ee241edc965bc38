export * from './dates';
export * from './plan-import';
