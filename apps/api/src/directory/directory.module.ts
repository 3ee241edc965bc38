import { Module } from '@nestjs/common';
import { TemplatesModule } from '../templates/templates.module';
import { UnitsController } from './units.controller';
import { UnitsDirectoryService } from './units.service';

/** The unit directory: the units that campaigns can enrol. */
@Module({
  imports: [TemplatesModule],
  controllers: [UnitsController],
  providers: [UnitsDirectoryService],
  exports: [UnitsDirectoryService],
})
export class DirectoryModule {}
