import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import type { RoundTripResult } from '../../../../libs/contracts/src';
import type { RoundTripEntity } from '../../../../libs/persistence/src';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/principal';
import { CreateRoundTripDto } from './dto/create-round-trip.dto';
import { RoundTripsService } from './round-trips.service';

/** Diagnostic endpoints proving api → Temporal → worker → PostgreSQL. */
@ApiTags('diagnostics')
@ApiBearerAuth()
@Roles('admin')
@Controller('round-trips')
export class RoundTripsController {
  constructor(private readonly service: RoundTripsService) {}

  @Post()
  create(@Body() body: CreateRoundTripDto): Promise<RoundTripResult> {
    return this.service.run({ id: body.id, message: body.message });
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<RoundTripEntity> {
    return this.service.get(id);
  }
}
