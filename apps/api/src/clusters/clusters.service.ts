/**
 * Emulation clusters and blocks of an organisation, per year: members of its directory, a head and a deputy, the
 * covenant and its criteria, and the rules of the cluster's meeting. Each change is an event on the cluster's
 * stream; the year-end review elects next year's officers, which makes next year's cluster.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { clusterProblems, criteriaProblems, DEFAULT_CLUSTER_FORM, DEFAULT_CLUSTER_VOTE, type ClusterRecord } from '@thidua/contracts';
import { findClusters, listClusters, listUnits, recordCluster } from '@thidua/persistence';
import { notFound, refusal } from '../common/http-errors';
import { InvalidInputException, problemsFromMessages } from '../common/validation';
import type { CreateClusterDto, RotationDto, UpdateClusterDto } from './clusters.dto';

@Injectable()
export class ClustersService {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async list(orgs: readonly string[], year?: number): Promise<ClusterRecord[]> {
    return (await listClusters(this.ds, orgs, year)).map((r) => r.cluster);
  }

  async get(id: string): Promise<ClusterRecord> {
    const [row] = await findClusters(this.ds, [id]);
    if (!row) throw notFound(`Không tìm thấy cụm, khối thi đua "${id}"`);
    return row.cluster;
  }

  /** Defines a cluster of the organisation's directory (409 when the id is taken). */
  async create(body: CreateClusterDto, orgId: string, actor: string): Promise<ClusterRecord> {
    const cluster = await this.checked(
      {
        id: body.id,
        orgId,
        year: body.year,
        name: body.name.trim(),
        kind: body.kind ?? 'cluster',
        members: body.members,
        head: body.head,
        ...(body.deputy ? { deputy: body.deputy } : {}),
        quota: body.quota ?? 1,
        voters: body.voters ?? 'officers',
        vote: body.vote ?? DEFAULT_CLUSTER_VOTE,
        formId: body.formId ?? DEFAULT_CLUSTER_FORM,
        ...(body.covenant ? { covenant: body.covenant } : {}),
        ...(body.criteria ? { criteria: body.criteria } : {}),
      },
      orgId,
    );
    const at = new Date().toISOString();
    if (!(await this.ds.transaction((m) => recordCluster(m, cluster, true, actor, at))))
      throw refusal('code-taken', `Mã cụm, khối thi đua "${cluster.id}" đã được dùng`);
    return cluster;
  }

  /** Changes what is given; the rest stands. */
  async update(id: string, body: UpdateClusterDto, actor: string): Promise<ClusterRecord> {
    const current = await this.get(id);
    const { name, ...rest } = body;
    const next = await this.checked({ ...current, ...rest, ...(name ? { name: name.trim() } : {}) }, current.orgId);
    await this.ds.transaction((m) => recordCluster(m, next, false, actor, new Date().toISOString()));
    return next;
  }

  /** Next year's cluster: the same members, covenant and rules, with the officers the year-end review elected. */
  async rotate(id: string, body: RotationDto, actor: string): Promise<ClusterRecord> {
    const current = await this.get(id);
    const year = current.year + 1;
    const nextId = body.id ?? `${current.id.replace(/-\d{4}$/, '')}-${year}`;
    const next = await this.checked(
      {
        ...current,
        deputy: undefined,
        id: nextId,
        year,
        head: body.head,
        ...(body.deputy ? { deputy: body.deputy } : {}),
        previousId: current.id,
      },
      current.orgId,
    );
    const at = new Date().toISOString();
    if (!(await this.ds.transaction((m) => recordCluster(m, next, true, actor, at))))
      throw refusal('code-taken', `Mã cụm, khối thi đua "${nextId}" đã được dùng`);
    return next;
  }

  /** The cluster, once its members are units of the organisation's directory and every field is right (400 naming each problem). */
  private async checked(cluster: ClusterRecord, orgId: string): Promise<ClusterRecord> {
    const units = new Set((await listUnits(this.ds, [orgId])).map((u) => u.id));
    const problems = [
      ...clusterProblems(cluster, 'cluster', units).map((p) => p.replace(/^cluster\./, '')),
      ...(cluster.criteria ? criteriaProblems(cluster.criteria) : []),
    ];
    if (problems.length) throw new InvalidInputException(problemsFromMessages(problems, 'cluster', ''));
    return cluster;
  }
}
