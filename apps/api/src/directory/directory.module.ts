import { Module } from '@nestjs/common';
import { UnitsController } from './units.controller';
import { UnitsDirectoryService } from './units.service';

/** The unit directory: the units that campaigns can enrol. */
@Module({ controllers: [UnitsController], providers: [UnitsDirectoryService], exports: [UnitsDirectoryService] })
export class DirectoryModule {}
