/**
 * Campaign templates as data: built-ins seeded at start (read-only), templates saved by admins and the
 * coordinator with every version kept, clones. Every save is also an event in the log (`template:<id>`).
 */
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type TemplateSummary,
  type TemplateVersion,
  instantiateTemplate,
  InvalidCampaignDefinitionError,
  parseDefinition,
  SLUG,
  slugify,
  type CampaignDefinition,
  type TemplateOptions,
} from '@thidua/contracts';
import {
  appendAtEnd,
  findTemplate,
  insertTemplate,
  listTemplates,
  lockTemplate,
  saveTemplateVersion,
  streams,
  templateVersions,
  type TemplateContent,
  type TemplateRow,
  ROOT_ORG,
  setTemplateShared,
} from '@thidua/persistence';
import { ApiException, notFound, refusal } from '../common/http-errors';
import { policyOf } from '../auth/policy-of';
import type { Principal } from '../auth/principal';
import { problemsFromMessages } from '../common/validation';
import { BUILTIN_TEMPLATES, type BuiltinTemplate } from './templates';

const summary = (t: TemplateRow): TemplateSummary => ({
  id: t.id,
  orgId: t.orgId,
  shared: t.shared,
  title: t.title,
  description: t.description,
  version: t.version,
  builtin: t.builtin,
  historical: t.historical,
  clonedFrom: t.clonedFrom,
  issuer: t.definition.issuer,
  coordinator: t.definition.coordinator,
  units: t.definition.units.length,
  criteria: t.definition.criteria?.length ?? 0,
  reports: t.definition.reports?.length ?? 0,
  meetings: t.definition.meetings?.length ?? 0,
  savedAt: t.savedAt.toISOString(),
  savedBy: t.savedBy,
});

/** Who saves the built-ins' shipped versions. */
const SYSTEM = 'system';

/** JSON with every object's keys sorted (PostgreSQL's jsonb reorders them), for comparing contents. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(JSON.parse(JSON.stringify(value))));
}

/** A template id from a title: its words without diacritics, and a short random tail so two titles never clash. */
function idFrom(title: string): string {
  const words = slugify(title);
  return `${words.slice(0, 50).replace(/-$/, '') || 'mau'}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The definition as a template holds it (only the fields a definition has), or 400 naming every problem (`definition.` fields). */
function templateDefinition(raw: Record<string, unknown>): CampaignDefinition {
  let def: CampaignDefinition;
  try {
    def = parseDefinition(raw, { template: true });
  } catch (err) {
    if (!(err instanceof InvalidCampaignDefinitionError)) throw err;
    throw new ApiException(400, err.message, problemsFromMessages(err.problems, 'definition', 'definition.'));
  }
  const {
    code,
    title,
    issuer,
    coordinator,
    coordinatorEmail,
    issuerEmail,
    timezone,
    units,
    milestones,
    chase,
    dayLength,
    criteria,
    reports,
    meetings,
  } = def;
  const optional = { coordinatorEmail, issuerEmail, dayLength, criteria, reports, meetings };
  const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return { code, title, issuer, coordinator, timezone, units, milestones, chase, ...present };
}

@Injectable()
export class TemplatesService implements OnApplicationBootstrap {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Seeds the built-in templates that are missing (idempotent; several API processes may start at once). */
  async onApplicationBootstrap(): Promise<void> {
    await this.seed(BUILTIN_TEMPLATES);
  }

  /**
   * Seeds the built-in templates: a missing one at version 1; one whose shipped content changed (a new
   * release) as its next version, the earlier ones kept — unless a person saved the current version (their
   * edit stands; the new release's content is not forced on it). Safe with several API processes starting
   * at once (the row lock orders them; the second finds the content already current).
   */
  async seed(builtins: readonly BuiltinTemplate[]): Promise<void> {
    for (const t of builtins) {
      await this.ds.transaction(async (m) => {
        // Built-ins belong to the root organisation and are offered to every organisation below.
        if (await this.create(m, { ...t, builtin: true, orgId: ROOT_ORG, shared: true }, null)) return;
        const locked = await lockTemplate(m, t.id);
        const current = await findTemplate(m, t.id);
        if (!locked?.builtin || !current) return;
        if (current.savedBy !== null && current.savedBy !== SYSTEM) return; // edited by a person: theirs stands
        const same =
          current.title === t.title && current.description === t.description && canonical(current.definition) === canonical(t.definition);
        if (same) return;
        const version = locked.currentVersion + 1;
        await saveTemplateVersion(m, t.id, version, { title: t.title, description: t.description, definition: t.definition }, SYSTEM);
        await appendAtEnd(m, streams.template(t.id), {
          type: 'TemplateSaved',
          at: new Date().toISOString(),
          actor: SYSTEM,
          data: { version, title: t.title, builtin: true },
        });
      });
    }
  }

  /** The caller's organisation's templates, those below it, and those shared by the organisations above. */
  async list(caller: Principal): Promise<TemplateSummary[]> {
    return (await listTemplates(this.ds, policyOf(caller).where('read', 'Template', { orgId: 't.org_id', shared: 't.shared' }, 1))).map(
      summary,
    );
  }

  /** Offers the template to the organisations below its owner (or stops): an event of its stream. */
  async share(id: string, shared: boolean, actor: string): Promise<TemplateSummary> {
    await this.ds.transaction(async (m) => {
      if (!(await setTemplateShared(m, id, shared))) throw notFound(`Không có mẫu kế hoạch "${id}"`);
      await appendAtEnd(m, streams.template(id), { type: 'TemplateShared', at: new Date().toISOString(), actor, data: { shared } });
    });
    return this.get(id);
  }

  /** A template's summary; 404 when unknown. */
  async get(id: string): Promise<TemplateSummary> {
    return summary(await this.row(id));
  }

  /** The template's definition (at `version`, its current one by default), shifted and compressed when asked. */
  async definition(id: string, options: Partial<TemplateOptions> & { version?: number }, caller?: Principal): Promise<CampaignDefinition> {
    const row = await this.row(id, options.version);
    // Reached without the path's guard (a unit import names a template in its body): the same rule, the same 404.
    if (caller && !policyOf(caller).can('read', 'Template', { orgId: row.orgId, shared: row.shared }))
      throw notFound(`Không có mẫu kế hoạch "${id}"`);
    const { definition } = row;
    const { launchAt, dayLength, code } = options;
    if (launchAt === undefined && dayLength === undefined) return code ? { ...definition, code } : definition;
    return instantiateTemplate(definition, { launchAt: launchAt ?? definition.milestones.launchAt, dayLength, code });
  }

  async versions(id: string): Promise<TemplateVersion[]> {
    await this.row(id);
    return (await templateVersions(this.ds, id)).map((v) => ({ ...v, savedAt: v.savedAt.toISOString() }));
  }

  /** Saves a new template at version 1; 409 when the id is taken. */
  async add(
    body: { id?: string; title?: string; description?: string; definition: Record<string, unknown>; shared?: boolean },
    caller: Principal,
    actor: string,
  ): Promise<TemplateSummary> {
    const definition = templateDefinition(body.definition);
    const title = body.title ?? definition.title;
    const id = body.id ?? idFrom(title);
    const created = await this.ds.transaction((m) =>
      this.create(
        m,
        { id, title, description: body.description ?? '', definition, orgId: caller.orgId, shared: body.shared ?? false },
        actor,
      ),
    );
    if (!created) throw refusal('template-id-taken', `Mã mẫu kế hoạch "${id}" đã có`);
    return this.get(id);
  }

  /** A copy of the template's current version under a new id, editable whatever the original was. */
  async clone(sourceId: string, body: { id?: string; title?: string }, caller: Principal, actor: string): Promise<TemplateSummary> {
    const source = await this.row(sourceId);
    const title = body.title ?? `${source.title} (bản sao)`;
    const id = body.id ?? idFrom(title);
    const created = await this.ds.transaction((m) =>
      this.create(
        m,
        {
          id,
          title,
          description: source.description,
          definition: source.definition,
          clonedFrom: `${source.id}@${source.version}`,
          orgId: caller.orgId,
          shared: false,
        },
        actor,
      ),
    );
    if (!created) throw refusal('template-id-taken', `Mã mẫu kế hoạch "${id}" đã có`);
    return this.get(id);
  }

  /**
   * Saves the next version (a built-in too: the shipped version stays readable with ?version=).
   * `baseVersion`, when given, must be the current one (someone else saved in between: 409, nothing saved).
   */
  async save(
    id: string,
    body: { title?: string; description?: string; definition: Record<string, unknown>; baseVersion?: number },
    actor: string,
  ): Promise<TemplateSummary> {
    const definition = templateDefinition(body.definition);
    await this.ds.transaction(async (m) => {
      const locked = await lockTemplate(m, id);
      if (!locked) throw notFound(`Không có mẫu kế hoạch "${id}"`);
      if (body.baseVersion !== undefined && body.baseVersion !== locked.currentVersion) {
        throw refusal(
          'version-moved',
          `Mẫu kế hoạch đã được lưu phiên bản ${locked.currentVersion} sau phiên bản ${body.baseVersion} bạn đang sửa; hãy tải lại rồi sửa tiếp`,
        );
      }
      const current = (await findTemplate(m, id))!;
      const version = locked.currentVersion + 1;
      const content: TemplateContent = {
        title: body.title ?? current.title,
        description: body.description ?? current.description,
        definition,
      };
      await saveTemplateVersion(m, id, version, content, actor);
      await appendAtEnd(m, streams.template(id), {
        type: 'TemplateSaved',
        at: new Date().toISOString(),
        actor,
        data: { version, title: content.title },
      });
    });
    return this.get(id);
  }

  private async row(id: string, version?: number): Promise<TemplateRow> {
    const row = SLUG.test(id) ? await findTemplate(this.ds, id, version) : undefined;
    if (!row)
      throw notFound(version === undefined ? `Không có mẫu kế hoạch "${id}"` : `Mẫu kế hoạch "${id}" không có phiên bản ${version}`);
    return row;
  }

  private async create(
    m: EntityManager,
    t: TemplateContent & { id: string; orgId: string; shared: boolean; builtin?: boolean; historical?: boolean; clonedFrom?: string },
    actor: string | null,
  ): Promise<boolean> {
    const at = new Date().toISOString();
    const created = await insertTemplate(m, { ...t, actor, at });
    if (created) {
      const data = {
        version: 1,
        title: t.title,
        ...(t.clonedFrom ? { clonedFrom: t.clonedFrom } : {}),
        ...(t.builtin ? { builtin: true } : {}),
        ...(t.historical ? { historical: true } : {}),
        org: t.orgId,
        shared: t.shared,
      };
      await appendAtEnd(m, streams.template(t.id), {
        type: 'TemplateCreated',
        at,
        ...(actor ? { actor } : {}),
        data,
      });
    }
    return created;
  }
}
