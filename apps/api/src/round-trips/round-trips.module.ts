import { Module } from '@nestjs/common';
import { RoundTripsController } from './round-trips.controller';
import { RoundTripsService } from './round-trips.service';

/** The diagnostic round-trip feature. */
@Module({ controllers: [RoundTripsController], providers: [RoundTripsService] })
export class RoundTripsModule {}
