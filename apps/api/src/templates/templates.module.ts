import { Module } from '@nestjs/common';
import { TemplatesController } from './templates.controller';

/** Campaign templates that the console's new-campaign form starts from. */
@Module({ controllers: [TemplatesController] })
export class TemplatesModule {}
