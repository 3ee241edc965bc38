export * from './lunar';
export * from './holidays';
export * from './calendar';
export * from './announcements';
export * from './deadlines';
export * from './lateness';
export * from './cascade';
