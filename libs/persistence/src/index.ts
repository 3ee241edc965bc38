export * from './data-source';
export * from './persistence.module';
export * from './event-store';
export * from './notifications';
