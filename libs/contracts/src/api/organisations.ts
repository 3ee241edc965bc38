/**
 * Organisations: the province's tree of bodies, each with its own accounts, units, campaigns, templates and
 * papers. Types only: the console imports this file directly.
 */
import type { UnitKind } from '../campaign/definition';
import type { GrantView, Role } from './responses';

/**
 * What an organisation is: the province or city; a department-level body (sở, ban, ngành); a ward, commune or
 * special zone; an office under one of them; `agency` for an installation not yet named after its province.
 */
export type OrgKind = 'agency' | 'province' | 'department' | 'ward' | 'commune' | 'special-zone' | 'office';

export const ORG_KINDS: readonly OrgKind[] = ['agency', 'province', 'department', 'ward', 'commune', 'special-zone', 'office'];

/** What a person reads for each kind. */
/**
 * The kind of unit an organisation of each kind is in the directory of the body above it: its place in that
 * body's campaigns. An office (a khu phố, a school, a health station) is added to the directory by hand, with the
 * kind that fits it.
 */
export const PARTICIPANT_UNIT_KINDS: Readonly<Partial<Record<OrgKind, UnitKind>>> = {
  ward: 'ward',
  commune: 'commune',
  'special-zone': 'commune',
  department: 'agency',
};

export const ORG_KIND_LABELS: Readonly<Record<OrgKind, string>> = {
  agency: 'Cơ quan',
  province: 'Tỉnh, thành phố',
  department: 'Sở, ban, ngành',
  ward: 'Phường',
  commune: 'Xã',
  'special-zone': 'Đặc khu',
  office: 'Phòng, ban, đơn vị',
};

/** What each role is called. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Quản trị',
  coordinator: 'Thường trực thi đua – khen thưởng',
  leader: 'Lãnh đạo ký văn bản',
  council: 'Thành viên Hội đồng',
  unit: 'Cán bộ đơn vị',
};

/** What an organisation puts on its papers and mail; every field optional (the campaign's own plan stands). */
export interface OrgSettings {
  /** The issuing body as printed at the top left ("ỦY BAN NHÂN DÂN PHƯỜNG AN LẠC"). */
  readonly issuer?: string;
  /** Its abbreviation in document numbers ("UBND"). */
  readonly issuerAbbreviation?: string;
  /** Who coordinates the work (Phòng Nội vụ, Ban Thi đua – Khen thưởng). */
  readonly coordinator?: string;
  /** The signer's title and name ("Chủ tịch", "Nguyễn Văn A"). */
  readonly signerTitle?: string;
  readonly signerName?: string;
  /** The address e-mails of this organisation come from. */
  readonly mailFrom?: string;
  /** Office hours as written for people ("Thứ Hai – Thứ Sáu, 7:30–11:30, 13:30–17:00"). */
  readonly officeHours?: string;
}

/** An organisation as the API shows it. */
export interface OrganisationView {
  readonly id: string;
  readonly parentId: string | null;
  readonly kind: OrgKind;
  readonly name: string;
  readonly shortName: string | null;
  /** The official administrative code where there is one (79 for Thành phố Hồ Chí Minh). */
  readonly code: string | null;
  readonly settings: OrgSettings;
  /** How many levels below the caller's organisation (0: the caller's own). */
  readonly depth: number;
  /** Its directory units, its campaigns and the organisations directly below it. */
  readonly counts: { readonly units: number; readonly campaigns: number; readonly children: number };
}

/** Who is signed in, where they act, and every role they may switch to. */
export interface MeView {
  readonly accountId: string;
  readonly username: string;
  readonly displayName: string | null;
  /** The role the current token acts in. */
  readonly acting: GrantView;
  readonly grants: readonly GrantView[];
}

/** An organisation's signing certificate as the API shows it (never its key). */
export interface SigningCertificateView {
  readonly subject: string;
  /** SHA-256 of the certificate (DER), hex. */
  readonly fingerprint: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** Whether images of the signature and of the seal were given. */
  readonly signatureImage: boolean;
  readonly sealImage: boolean;
  readonly updatedAt: string;
  readonly updatedBy: string;
}
