import { Module } from '@nestjs/common';
import { ClustersController } from './clusters.controller';
import { ClustersService } from './clusters.service';

/** Emulation clusters and blocks: defined per year, launched to, voted in at the year-end review. */
@Module({ controllers: [ClustersController], providers: [ClustersService], exports: [ClustersService] })
export class ClustersModule {}
