export * from './papers';
export * from './money';
export * from './signing';
