/** Validation of campaign definitions: every problem listed, nothing thrown half-way. */
import { parentProblems, rollUpProblems } from './cascade';
import { clusterProblems } from './clusters';
import { valueProblems, type CriterionKind } from './criteria';
import { MILESTONE_ORDER, MIN_CHASE_INTERVAL_MS, type CampaignDefinition, type Milestones } from './definition';
import { formatDuration, parseDuration } from './duration';
import { CRITERION_KIND_LABELS, RULE_OP_LABELS, UNIT_KIND_LABELS, valuesOf } from './labels';
import { LIMITS, SLUG } from './limits';

const UNIT_KINDS = valuesOf(UNIT_KIND_LABELS);
const CRITERION_KINDS = valuesOf(CRITERION_KIND_LABELS);
const RULE_OPS = valuesOf(RULE_OP_LABELS);

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * True for an ISO-8601 instant with an explicit offset (or Z) whose every part is real: JavaScript shifts
 * 2026-02-30 to 2 March and accepts hour 24, PostgreSQL refuses some of what JavaScript accepts; this
 * refuses them all. Years 1970-9999.
 */
export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_INSTANT.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second, , offH, offM] = [
    m[1],
    m[2],
    m[3],
    m[4],
    m[5],
    m[6] ?? '0',
    m[7],
    m[8] ?? '0',
    m[9] ?? '0',
  ].map(Number);
  if (year < 1970 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || offH > 14 || offM > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth && !Number.isNaN(Date.parse(value));
}
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Thrown with every problem of a definition. */
export class InvalidCampaignDefinitionError extends Error {
  override readonly name = 'InvalidCampaignDefinitionError';
  constructor(readonly problems: readonly string[]) {
    super(`Định nghĩa đợt thi đua không hợp lệ: ${problems.join('; ')}`);
  }
}

/** Untrusted JSON seen as an object (fields still unknown). */
type Loose = { readonly [key: string]: unknown };
const loose = (value: unknown): Loose | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : undefined;

function validateUnit(value: unknown, i: number, problems: string[]): void {
  const unit = loose(value);
  const at = `units[${i}]`;
  if (typeof unit?.id !== 'string' || !SLUG.test(unit.id))
    problems.push(`${at}.id phải là mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang`);
  if (typeof unit?.name !== 'string' || !unit.name.trim() || unit.name.length > LIMITS.name)
    problems.push(`${at}.name phải có từ 1 đến ${LIMITS.name} ký tự`);
  if (!(UNIT_KINDS as readonly string[]).includes(String(unit?.kind)))
    problems.push(`${at}.kind phải là một trong: ${UNIT_KINDS.join(', ')}`);
  for (const field of ['headEmail', 'contactEmail'] as const) {
    const v = unit?.[field];
    if (v !== undefined && (typeof v !== 'string' || !EMAIL.test(v))) problems.push(`${at}.${field} không phải địa chỉ e-mail hợp lệ`);
  }
}

/** Milestones a campaign cannot do without. */
export const REQUIRED_MILESTONES = [
  'launchAt',
  'registrationDue',
  'interimReviewAt',
  'campaignEndsAt',
  'finalReportDue',
] as const satisfies ReadonlyArray<keyof Milestones>;

/** One problem of a set of milestones, for a message in any language. */
export type MilestoneProblem =
  | { readonly milestone: string; readonly kind: 'required' | 'not-instant' | 'unsupported' }
  | { readonly milestone: keyof Milestones; readonly kind: 'before'; readonly previous: keyof Milestones }
  | { readonly milestone: keyof Milestones; readonly kind: 'needs'; readonly other: keyof Milestones };

/**
 * Every milestone must be a valid instant (required ones present) and they must come in order: the one
 * check of the API, the deciders and the console's form.
 */
export function checkMilestones(value: unknown): MilestoneProblem[] {
  const m = loose(value);
  if (!m) return [{ milestone: '', kind: 'required' }];
  const problems: MilestoneProblem[] = [];
  let previous: { name: keyof Milestones; at: number } | undefined;
  for (const name of MILESTONE_ORDER) {
    const at = m[name];
    if (at === undefined || at === null) {
      if ((REQUIRED_MILESTONES as readonly string[]).includes(name)) problems.push({ milestone: name, kind: 'required' });
      continue;
    }
    if (!isIsoInstant(at)) {
      problems.push({ milestone: name, kind: 'not-instant' });
      continue;
    }
    if (previous && Date.parse(at) < previous.at) problems.push({ milestone: name, kind: 'before', previous: previous.name });
    previous = { name, at: Date.parse(at) };
  }
  if (m.interimReportCutoffAt && !m.interimReportDue)
    problems.push({ milestone: 'interimReportCutoffAt', kind: 'needs', other: 'interimReportDue' });
  for (const extra of Object.keys(m)) {
    if (!(MILESTONE_ORDER as readonly string[]).includes(extra)) problems.push({ milestone: extra, kind: 'unsupported' });
  }
  return problems;
}

/** A milestone problem in Vietnamese, led by the field's path (the API names the field from it). */
function milestoneMessage(p: MilestoneProblem): string {
  const field = p.milestone ? `milestones.${p.milestone}` : 'milestones';
  switch (p.kind) {
    case 'required':
      return `${field} là bắt buộc`;
    case 'not-instant':
      return `${field} phải là thời điểm ISO-8601 có múi giờ, ví dụ 2019-03-15T00:00:00+07:00`;
    case 'unsupported':
      return `${field} không phải mốc thời gian được hỗ trợ`;
    case 'before':
      return `${field} không được trước milestones.${p.previous}`;
    case 'needs':
      return `${field} cần có milestones.${p.other}`;
  }
}

function validateChase(def: Loose, problems: string[]): void {
  const c = loose(def.chase);
  if (!c) {
    problems.push('chase là bắt buộc');
    return;
  }
  if (!Array.isArray(c.reminderOffsets) || c.reminderOffsets.length > 10) {
    problems.push('chase.reminderOffsets phải là danh sách tối đa 10 khoảng thời gian ISO-8601');
  } else {
    c.reminderOffsets.forEach((o, i) => {
      if (typeof o !== 'string' || !parseDuration(o))
        problems.push(`chase.reminderOffsets[${i}] phải là khoảng thời gian ISO-8601 dương, ví dụ P7D`);
    });
  }
  for (const field of ['overdueReminderInterval', 'escalationDelay'] as const) {
    const v = c[field];
    if (typeof v !== 'string' || !parseDuration(v))
      problems.push(`chase.${field} phải là khoảng thời gian ISO-8601 dương, ví dụ P1D hoặc PT30S`);
  }
  // A floor on chasing, so a definition cannot flood units and the outbox with reminders.
  const dayMs = def.dayLength === undefined ? 86_400_000 : typeof def.dayLength === 'string' ? parseDuration(def.dayLength) : undefined;
  if (dayMs === undefined || dayMs <= 0) {
    problems.push('dayLength phải là khoảng thời gian ISO-8601 dương, ví dụ PT1S (một ngày của kế hoạch kéo dài 1 giây)');
    return;
  }
  const floor = (MIN_CHASE_INTERVAL_MS * dayMs) / 86_400_000;
  const tooShort = (d: unknown): boolean => typeof d === 'string' && (parseDuration(d) ?? floor) < floor;
  const label = def.dayLength === undefined ? '1 giờ' : `${formatDuration(floor)} (1 giờ của kế hoạch)`;
  if (Array.isArray(c.reminderOffsets))
    c.reminderOffsets.forEach((o, i) => tooShort(o) && problems.push(`chase.reminderOffsets[${i}] phải từ ${label} trở lên`));
  if (tooShort(c.overdueReminderInterval)) problems.push(`chase.overdueReminderInterval phải từ ${label} trở lên`);
}

/** Problems of a set of milestones alone (for moving milestones of a running campaign). */
export function milestoneProblems(milestones: unknown): string[] {
  return checkMilestones(milestones).map(milestoneMessage);
}

/**
 * Lists every problem of a definition, as received (empty when valid). A template (`template: true`) may
 * list no units yet: they are chosen when a campaign is launched from it.
 */
export function definitionProblems(value: unknown, options: { template?: boolean } = {}): string[] {
  const def = loose(value);
  const problems: string[] = [];
  if (typeof def?.code !== 'string' || !SLUG.test(def.code))
    problems.push('code phải là mã tối đa 64 ký tự gồm chữ thường không dấu, số và dấu gạch ngang');
  for (const field of ['title', 'issuer', 'coordinator'] as const) {
    const v = def?.[field];
    if (typeof v !== 'string' || !v.trim() || v.length > LIMITS.campaignText)
      problems.push(`${field} phải có từ 1 đến ${LIMITS.campaignText} ký tự`);
  }
  if (typeof def?.timezone !== 'string' || !isTimeZone(def.timezone))
    problems.push('timezone phải là múi giờ IANA, ví dụ Asia/Ho_Chi_Minh');
  if (!Array.isArray(def?.units) || (def.units.length === 0 && !options.template)) {
    problems.push(options.template ? 'units phải là danh sách đơn vị (có thể để trống)' : 'units cần ít nhất một đơn vị');
  } else {
    const seen = new Set<string>();
    def.units.forEach((u: unknown, i) => {
      validateUnit(u, i, problems);
      const id = String(loose(u)?.id);
      if (seen.has(id)) problems.push(`units[${i}].id "${id}" bị liệt kê nhiều lần`);
      seen.add(id);
    });
  }
  if (def) {
    problems.push(...milestoneProblems(def.milestones));
    validateChase(def, problems);
    problems.push(...planProblems(def));
    problems.push(...calendarProblems(def.calendar));
    problems.push(...scoringProblems(def.scoring));
    problems.push(...parentProblems(def.parent));
    problems.push(...clustersProblems(def, options.template === true));
  }
  return problems;
}

/** Problems of the clusters a campaign is launched to, and of the units' and criteria's references to them. */
function clustersProblems(def: Loose, template: boolean): string[] {
  const units = Array.isArray(def.units) ? def.units.map((u: unknown) => loose(u)) : [];
  const problems: string[] = [];
  const clusters = def.clusters;
  if (clusters !== undefined && (!Array.isArray(clusters) || clusters.length === 0))
    return ['clusters phải là danh sách các cụm, khối thi đua'];
  const list = (clusters ?? []) as unknown[];
  const ids = new Set(list.map((c) => String(loose(c)?.id)));
  const unitIds = new Set(units.map((u) => String(u?.id)));
  const memberOf = new Map<string, string>();
  list.forEach((c, i) => {
    problems.push(...clusterProblems(c, `clusters[${i}]`, template ? undefined : unitIds));
    for (const m of (Array.isArray(loose(c)?.members) ? loose(c)!.members : []) as unknown[]) {
      const other = memberOf.get(String(m));
      if (other !== undefined) problems.push(`clusters[${i}].members: đơn vị "${String(m)}" đã thuộc cụm "${other}"`);
      memberOf.set(String(m), String(loose(c)?.id));
    }
  });
  units.forEach((u, i) => {
    if (u?.cluster === undefined) return;
    if (typeof u.cluster !== 'string' || !ids.has(u.cluster))
      problems.push(`units[${i}].cluster ${JSON.stringify(u.cluster)} không phải cụm thi đua của đợt này`);
    else if (memberOf.get(String(u.id)) !== u.cluster)
      problems.push(`units[${i}].cluster: đơn vị không có trong danh sách thành viên của cụm`);
  });
  const criteria = Array.isArray(def.criteria) ? def.criteria : [];
  criteria.forEach((raw: unknown, i) => {
    const c = loose(raw);
    if (c?.clusters !== undefined && (!Array.isArray(c.clusters) || c.clusters.length === 0 || c.clusters.some((x) => !ids.has(String(x)))))
      problems.push(`criteria[${i}].clusters phải là danh sách mã cụm thi đua của đợt này`);
  });
  return problems;
}

/** Problems of a deduction policy (optional): each deduction a number of points from 0 to the points limit. */
function scoringProblems(value: unknown): string[] {
  if (value === undefined) return [];
  const s = loose(value);
  if (!s) return ['scoring phải là một đối tượng { lateRegistration?, lateReport?, nonCompliant? }'];
  const problems: string[] = [];
  for (const [key, v] of Object.entries(s)) {
    if (!['lateRegistration', 'lateReport', 'nonCompliant'].includes(key)) problems.push(`scoring.${key} không phải mức trừ điểm`);
    else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > PLAN_LIMITS.points)
      problems.push(`scoring.${key} phải là số điểm trừ từ 0 đến ${PLAN_LIMITS.points}`);
  }
  return problems;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Problems of a calendar policy (optional), each naming its field. */
function calendarProblems(value: unknown): string[] {
  if (value === undefined) return [];
  const c = loose(value);
  if (!c) return ['calendar phải là một đối tượng { workingDays?, officeHours?, shiftDeadlines? }'];
  const problems: string[] = [];
  for (const field of ['workingDays', 'shiftDeadlines'] as const) {
    if (c[field] !== undefined && typeof c[field] !== 'boolean') problems.push(`calendar.${field} phải là true hoặc false`);
  }
  if (c.officeHours !== undefined && c.officeHours !== false) {
    const h = loose(c.officeHours);
    const start = h?.start;
    const end = h?.end;
    if (typeof start !== 'string' || !HH_MM.test(start)) problems.push('calendar.officeHours.start phải là giờ dạng HH:MM, ví dụ 07:30');
    if (typeof end !== 'string' || !HH_MM.test(end)) problems.push('calendar.officeHours.end phải là giờ dạng HH:MM, ví dụ 17:00');
    else if (typeof start === 'string' && HH_MM.test(start) && end <= start)
      problems.push('calendar.officeHours.end phải sau calendar.officeHours.start');
  }
  if (c.cutoffAfter !== undefined && (typeof c.cutoffAfter !== 'string' || !parseDuration(c.cutoffAfter)))
    problems.push('calendar.cutoffAfter phải là khoảng thời gian ISO-8601 dương, ví dụ P3D');
  for (const key of Object.keys(c))
    if (!['workingDays', 'officeHours', 'shiftDeadlines', 'cutoffAfter'].includes(key))
      problems.push(`calendar.${key} không phải thiết lập lịch làm việc`);
  return problems;
}

/** Most criteria, report rounds and meetings one campaign may have. */
export const PLAN_LIMITS = { criteria: 50, reports: 24, meetings: 24, points: 1000 } as const;

/** Problems of a list of criteria alone (a cluster's covenant), each naming its field under `criteria`. */
export function criteriaProblems(criteria: unknown): string[] {
  return planProblems({ criteria });
}

/** Problems of a campaign's criteria, report rounds and meetings (all optional), each naming its field. */
function planProblems(def: Loose): string[] {
  const problems: string[] = [];
  const list = (field: 'criteria' | 'reports' | 'meetings', max: number, check: (item: Loose, at: string) => void): void => {
    const value = def[field];
    if (value === undefined) return;
    if (!Array.isArray(value) || value.length > max) {
      problems.push(`${field} phải là danh sách tối đa ${max} mục`);
      return;
    }
    const seen = new Set<string>();
    value.forEach((raw: unknown, i) => {
      const at = `${field}[${i}]`;
      const item = loose(raw);
      if (!item) return void problems.push(`${at} phải là một đối tượng`);
      if (typeof item.id !== 'string' || !SLUG.test(item.id))
        problems.push(`${at}.id phải là mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang`);
      else if (seen.has(item.id)) problems.push(`${at}.id "${item.id}" bị trùng`);
      else seen.add(item.id);
      if (typeof item.title !== 'string' || !item.title.trim() || item.title.length > LIMITS.campaignText)
        problems.push(`${at}.title phải có từ 1 đến ${LIMITS.campaignText} ký tự`);
      check(item, at);
    });
  };
  const criterionIds = Array.isArray(def.criteria) ? def.criteria.map((c: unknown) => String(loose(c)?.id)) : [];
  list('criteria', PLAN_LIMITS.criteria, (c, at) => problems.push(...criterionProblems(c, at), ...rollUpProblems(c, criterionIds, at)));
  const launch = Date.parse(String(loose(def.milestones)?.launchAt));
  const finalDue = Date.parse(String(loose(def.milestones)?.finalReportDue));
  list('reports', PLAN_LIMITS.reports, (r, at) => {
    if (!isIsoInstant(r.due)) return void problems.push(`${at}.due phải là thời điểm ISO-8601 có múi giờ`);
    const due = Date.parse(r.due);
    if (due < launch) problems.push(`${at}.due không được trước milestones.launchAt`);
    if (due > finalDue) problems.push(`${at}.due không được sau milestones.finalReportDue`);
    if (r.cutoffAt !== undefined && (!isIsoInstant(r.cutoffAt) || Date.parse(r.cutoffAt) < due))
      problems.push(`${at}.cutoffAt phải là thời điểm ISO-8601 không trước ${at}.due`);
  });
  list('meetings', PLAN_LIMITS.meetings, (m, at) => {
    if (!isIsoInstant(m.at)) return void problems.push(`${at}.at phải là thời điểm ISO-8601 có múi giờ`);
    if (Date.parse(m.at) < launch) problems.push(`${at}.at không được trước milestones.launchAt`);
  });
  return problems;
}

/** Problems of one criterion: its kind, its rule (an operator its value fits), its points and units. */
function criterionProblems(c: Loose, at: string): string[] {
  const problems: string[] = [];
  const kind = c.kind as CriterionKind;
  if (!(CRITERION_KINDS as readonly unknown[]).includes(kind)) {
    problems.push(`${at}.kind "${String(c.kind)}" không phải loại chỉ tiêu; chọn một trong: ${CRITERION_KINDS.join(', ')}`);
  }
  const rule = loose(c.rule);
  if (!rule) {
    problems.push(`${at}.rule là bắt buộc: { op, value } (op là một trong ${RULE_OPS.join(' ')})`);
  } else if (!(RULE_OPS as readonly unknown[]).includes(rule.op)) {
    problems.push(`${at}.rule.op "${String(rule.op)}" không hợp lệ; chọn một trong: ${RULE_OPS.join(' ')}`);
  } else {
    const known = (CRITERION_KINDS as readonly unknown[]).includes(kind);
    for (const p of known ? valueProblems({ kind }, rule.value) : typeof rule.value === 'number' ? [] : ['phải là một số'])
      problems.push(`${at}.rule.value ${p}`);
    if (rule.op === 'between') {
      if (typeof rule.max !== 'number' || typeof rule.value !== 'number' || !(rule.max > rule.value))
        problems.push(`${at}.rule.max phải là số lớn hơn ${at}.rule.value khi op là "between"`);
      else if (known) for (const p of valueProblems({ kind }, rule.max)) problems.push(`${at}.rule.max ${p}`);
    } else if (rule.max !== undefined) {
      problems.push(`${at}.rule.max chỉ dùng khi op là "between"`);
    }
    if (kind === 'yes-no' && rule.op !== '==') problems.push(`${at}.rule.op phải là "==" với chỉ tiêu Có/Không`);
  }
  if (typeof c.points !== 'number' || !Number.isFinite(c.points) || c.points < 0 || c.points > PLAN_LIMITS.points)
    problems.push(`${at}.points phải là số điểm từ 0 đến ${PLAN_LIMITS.points}`);
  if (
    c.appliesTo !== undefined &&
    (!Array.isArray(c.appliesTo) || c.appliesTo.length === 0 || c.appliesTo.some((k) => !(UNIT_KINDS as readonly unknown[]).includes(k)))
  ) {
    problems.push(`${at}.appliesTo phải là danh sách loại đơn vị: ${UNIT_KINDS.join(', ')}`);
  }
  return problems;
}

/**
 * Problems of the report rounds' new dates in a re-plan of a running campaign: the same rounds (a move
 * changes dates and titles, it neither adds nor removes a round, whose units are already chasing it), each
 * valid against the new milestones; every problem named by its field.
 */
export function movedReportProblems(current: readonly { id: string }[] | undefined, next: unknown, milestones: unknown): string[] {
  if (!Array.isArray(next)) return ['reports phải là danh sách kỳ báo cáo'];
  const problems = planProblems({ milestones, reports: next });
  const before = new Set((current ?? []).map((r) => r.id));
  const after = new Set(next.map((r: unknown) => String(loose(r)?.id)));
  next.forEach((r: unknown, i) => {
    const id = String(loose(r)?.id);
    if (!before.has(id))
      problems.push(`reports[${i}].id "${id}" không phải kỳ báo cáo của đợt thi đua này (chỉ dời hạn, không thêm kỳ mới)`);
  });
  for (const id of before) if (!after.has(id)) problems.push(`reports: thiếu kỳ báo cáo "${id}" (chỉ dời hạn, không bỏ kỳ đã có)`);
  return problems;
}

/** The definition, typed, once it has no problem; throws InvalidCampaignDefinitionError listing every problem. */
export function parseDefinition(value: unknown, options: { template?: boolean } = {}): CampaignDefinition {
  const problems = definitionProblems(value, options);
  if (problems.length) throw new InvalidCampaignDefinitionError(problems);
  return value as CampaignDefinition;
}

/** Throws InvalidCampaignDefinitionError listing every problem. */
export function assertValidDefinition(def: CampaignDefinition): void {
  parseDefinition(def);
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
