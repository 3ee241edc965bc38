export * from './data-source';
export * from './entities/round-trip.entity';
export * from './persistence.module';
export * from './event-store';
