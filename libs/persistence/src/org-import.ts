/**
 * Seeding a province from the official list of administrative units (2025): the root organisation becomes the
 * province (an installation not yet named after one adopts it: its data stay its own), and each commune, ward
 * and special zone becomes an organisation below it, with a unit of the province's directory that stands for it
 * in the province's campaigns. Idempotent: a second run adds only what is missing. Every change is an event.
 */
import type { DataSource } from 'typeorm';
import type { OrgKind, OrgSettings } from '@thidua/contracts';
import { appendAtEnd, streams } from './event-store';
import { insertOrganisation, insertParticipantUnit, ROOT_ORG, updateOrganisation, type OrgRow } from './organisations';

/** A division as the official list gives it. */
export interface OfficialDivisionRow {
  readonly name: string;
  readonly code: number;
  readonly codename: string;
  readonly division_type: string;
}

/** An organisation to seed. */
export interface OrgSeed {
  readonly id: string;
  readonly kind: OrgKind;
  readonly name: string;
  readonly shortName: string;
  readonly code: string;
  readonly settings: OrgSettings;
}

const KINDS: Readonly<Record<string, { kind: OrgKind; prefix: string; committee: string }>> = {
  'thành phố trung ương': { kind: 'province', prefix: 'Thành phố', committee: 'THÀNH PHỐ' },
  tỉnh: { kind: 'province', prefix: 'Tỉnh', committee: 'TỈNH' },
  phường: { kind: 'ward', prefix: 'Phường', committee: 'PHƯỜNG' },
  xã: { kind: 'commune', prefix: 'Xã', committee: 'XÃ' },
  'đặc khu': { kind: 'special-zone', prefix: 'Đặc khu', committee: 'ĐẶC KHU' },
};

/** What one official division becomes (pure). */
export function seedOf(d: OfficialDivisionRow, id: string): OrgSeed {
  const k = KINDS[d.division_type];
  if (!k) throw new Error(`Unknown division type "${d.division_type}" of ${d.name} (${d.code})`);
  // The list has the odd doubled space ("Phường  An Nhơn"): names are written with single spaces.
  const name = d.name.replace(/\s+/g, ' ').trim();
  const shortName = name.startsWith(`${k.prefix} `) ? name.slice(k.prefix.length + 1) : name;
  return {
    id,
    kind: k.kind,
    name,
    shortName,
    code: String(d.code),
    settings: { issuer: `ỦY BAN NHÂN DÂN ${k.committee} ${shortName.toLocaleUpperCase('vi')}`, issuerAbbreviation: 'UBND' },
  };
}

/** The ids of a province's divisions: their official code names as slugs, unique within the province (pure). */
export function divisionIds(divisions: readonly OfficialDivisionRow[]): string[] {
  const slugs = divisions.map((d) => d.codename.replace(/_/g, '-').toLowerCase());
  return slugs.map((s, i) => (slugs.indexOf(s) === i && slugs.lastIndexOf(s) === i ? s : `${s}-${divisions[i].code}`));
}

/** What an import did. */
export interface ProvinceImport {
  readonly province: string;
  /** The root organisation was named after the province by this run. */
  readonly adopted: boolean;
  readonly created: number;
  readonly existing: number;
}

/** Seeds the province and its divisions in one transaction; refuses a province other than the one the installation has. */
export async function importProvince(
  ds: DataSource,
  province: OfficialDivisionRow & { readonly wards: readonly OfficialDivisionRow[] },
  actor: string,
): Promise<ProvinceImport> {
  const top = seedOf(province, ROOT_ORG);
  const ids = divisionIds(province.wards);
  return ds.transaction(async (m) => {
    const at = new Date().toISOString();
    const [root]: OrgRow[] = await m.query('SELECT * FROM organisations WHERE id = $1 FOR UPDATE', [ROOT_ORG]);
    if (root.code !== null && root.code !== top.code)
      throw new Error(`Hệ thống này thuộc ${root.name} (mã ${root.code}); không nhập được ${top.name} (mã ${top.code}) vào đây`);
    const adopted = root.code === null;
    if (adopted) {
      const change = {
        kind: top.kind,
        name: top.name,
        shortName: top.shortName,
        code: top.code,
        settings: { ...top.settings, ...root.settings },
      };
      await updateOrganisation(m, ROOT_ORG, change);
      await appendAtEnd(m, streams.organisation(ROOT_ORG), { type: 'OrganisationChanged', at, actor, data: change });
    }
    let created = 0;
    for (const [i, d] of province.wards.entries()) {
      const seed = seedOf(d, ids[i]);
      const data = { parentId: ROOT_ORG, kind: seed.kind, name: seed.name, shortName: seed.shortName, code: seed.code };
      if (!(await insertOrganisation(m, { id: seed.id, ...data }, actor, at))) continue;
      await appendAtEnd(m, streams.organisation(seed.id), { type: 'OrganisationRegistered', at, actor, data });
      await updateOrganisation(m, seed.id, { settings: seed.settings });
      await appendAtEnd(m, streams.organisation(seed.id), { type: 'OrganisationChanged', at, actor, data: { settings: seed.settings } });
      // The ward as a participant of the province's campaigns: a unit of the province's directory.
      await insertParticipantUnit(m, { id: seed.id, ...data }, `UBND ${seed.name.charAt(0).toLowerCase()}${seed.name.slice(1)}`, actor, at);
      created += 1;
    }
    return { province: top.name, adopted, created, existing: province.wards.length - created };
  });
}
