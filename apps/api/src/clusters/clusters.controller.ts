/** Emulation clusters and blocks (cụm, khối thi đua) of the organisation: defined per year, changed, rotated at the year-end review. */
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClusterRecord } from '@thidua/contracts';
import { actorOf, Caller, Roles, STAFF, type Principal } from '../auth/principal';
import { policyOf } from '../auth/policy-of';
import { Owned } from '../auth/scope.guard';
import { Idempotent } from '../idempotency/idempotency.interceptor';
import { ClustersQueryDto, CreateClusterDto, RotationDto, UpdateClusterDto } from './clusters.dto';
import { ClustersService } from './clusters.service';

@ApiTags('clusters')
@ApiBearerAuth()
@Owned('Cluster')
@Controller('clusters')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @Get()
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Các cụm, khối thi đua của tổ chức đang làm việc (below=true: cả của tổ chức cấp dưới), theo năm' })
  @ApiOkResponse({ description: '[{id, orgId, year, name, kind, members, head, deputy, quota, voters, vote, formId, covenant, criteria}]' })
  list(@Caller() caller: Principal, @Query() q: ClustersQueryDto): Promise<ClusterRecord[]> {
    return this.clusters.list(q.below ? policyOf(caller).orgs('read', 'Cluster') : [caller.orgId], q.year);
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Một cụm, khối thi đua' })
  get(@Param('id') id: string): Promise<ClusterRecord> {
    return this.clusters.get(id);
  }

  @Post()
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'Lập cụm, khối thi đua cho một năm: thành viên, cụm trưởng, cụm phó, giao ước, quy chế bỏ phiếu' })
  @ApiCreatedResponse({ description: 'The cluster' })
  create(@Body() body: CreateClusterDto, @Caller() caller: Principal): Promise<ClusterRecord> {
    return this.clusters.create(body, caller.orgId, actorOf(caller));
  }

  @Patch(':id')
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'Sửa cụm, khối thi đua (đợt thi đua đã phát động giữ bản của lúc phát động)' })
  update(@Param('id') id: string, @Body() body: UpdateClusterDto, @Caller() caller: Principal): Promise<ClusterRecord> {
    return this.clusters.update(id, body, actorOf(caller));
  }

  @Post(':id/rotation')
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ summary: 'Luân phiên sau tổng kết: lập cụm năm sau với cụm trưởng, cụm phó được bầu' })
  @ApiCreatedResponse({ description: "Next year's cluster" })
  rotate(@Param('id') id: string, @Body() body: RotationDto, @Caller() caller: Principal): Promise<ClusterRecord> {
    return this.clusters.rotate(id, body, actorOf(caller));
  }
}
