/** Organisations: the tree in the caller's scope, a new body below, names and settings changed. Each change an event. */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OrganisationView, OrgKind, OrgSettings } from '@thidua/contracts';
import {
  appendAtEnd,
  insertOrganisation,
  insertParticipantUnit,
  organisationCounts,
  ROOT_ORG,
  streams,
  updateOrganisation,
} from '@thidua/persistence';
import { ApiException, forbidden, notFound } from '../common/http-errors';
import { policyOf } from '../auth/policy-of';
import type { Principal } from '../auth/principal';
import { OrgDirectory } from './org-directory';

@Injectable()
export class OrganisationsService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    private readonly orgs: OrgDirectory,
  ) {}

  /** The caller's organisation and every one below it, parents first, with their counts. */
  async list(caller: Principal): Promise<OrganisationView[]> {
    const ids = policyOf(caller).orgs('read', 'Organisation');
    return this.views(caller, ids);
  }

  async get(id: string, caller: Principal): Promise<OrganisationView> {
    const [view] = await this.views(caller, [id]);
    if (!view) throw notFound(`Không tìm thấy tổ chức "${id}"`);
    return view;
  }

  private async views(caller: Principal, ids: readonly string[]): Promise<OrganisationView[]> {
    const tree = this.orgs.tree;
    const known = ids.filter((id) => tree.get(id));
    const counts = await organisationCounts(this.ds, known);
    const ordered = [...known].sort((a, b) => tree.depth(a, caller.orgId) - tree.depth(b, caller.orgId));
    return ordered.map((id) => ({
      ...tree.get(id)!,
      depth: tree.depth(id, caller.orgId),
      counts: counts.get(id) ?? { units: 0, campaigns: 0, children: 0 },
    }));
  }

  /** Adds an organisation below one the caller manages (their own by default); 409 when the id or code is taken. */
  async create(
    input: { id: string; parentId?: string; kind: OrgKind; name: string; shortName?: string; code?: string },
    caller: Principal,
    actor: string,
  ): Promise<OrganisationView> {
    const parentId = input.parentId ?? caller.orgId;
    const policy = policyOf(caller);
    if (!this.orgs.tree.get(parentId) || !policy.can('read', 'Organisation', { orgId: parentId }))
      throw new ApiException(422, `Không có tổ chức cấp trên "${parentId}"`, [
        { field: 'parentId', rule: 'exists', message: 'parentId: không có tổ chức này' },
      ]);
    if (!policy.can('write', 'Organisation', { orgId: parentId })) throw forbidden();
    // The root's id is the root's own (the table refuses it below another).
    if (input.id === ROOT_ORG) throw new ApiException(409, `Mã tổ chức "${input.id}" đã được dùng`);
    const at = new Date().toISOString();
    const data = {
      parentId,
      kind: input.kind,
      name: input.name.trim(),
      shortName: input.shortName?.trim() ?? null,
      code: input.code ?? null,
    };
    await this.ds.transaction(async (m) => {
      const row = await insertOrganisation(m, { id: input.id, ...data }, actor, at);
      if (!row)
        throw new ApiException(409, `Mã tổ chức "${input.id}"${input.code ? ` hoặc mã hành chính "${input.code}"` : ''} đã được dùng`);
      await appendAtEnd(m, streams.organisation(input.id), { type: 'OrganisationRegistered', at, actor, data });
      // A ward, commune or department takes part in the campaigns of the body above it as a unit of its directory.
      await insertParticipantUnit(m, { id: input.id, ...data }, data.name, actor, at);
    });
    await this.orgs.refresh();
    return this.get(input.id, caller);
  }

  /** Changes names or settings of an organisation the caller manages. */
  async update(
    id: string,
    change: { name?: string; shortName?: string; settings?: OrgSettings },
    caller: Principal,
    actor: string,
  ): Promise<OrganisationView> {
    const data = {
      ...(change.name !== undefined ? { name: change.name.trim() } : {}),
      ...(change.shortName !== undefined ? { shortName: change.shortName.trim() } : {}),
      ...(change.settings !== undefined ? { settings: trimmed(change.settings) } : {}),
    };
    await this.ds.transaction(async (m) => {
      if (!(await updateOrganisation(m, id, data))) throw notFound(`Không tìm thấy tổ chức "${id}"`);
      await appendAtEnd(m, streams.organisation(id), { type: 'OrganisationChanged', at: new Date().toISOString(), actor, data });
    });
    await this.orgs.refresh();
    return this.get(id, caller);
  }
}

/** Settings as stored: trimmed, empty ones dropped. */
function trimmed(s: OrgSettings): OrgSettings {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s) as Array<[string, unknown]>) if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  return out;
}
