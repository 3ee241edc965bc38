/**
 * Campaigns brought to a later stage through the HTTP API, for tests that start there: a compressed ward
 * campaign (one plan day = 2 s) whose units register, are approved and send their final reports.
 */
import { randomUUID } from 'node:crypto';
import type { AttachmentRef, Criterion, Milestones } from '@thidua/contracts';
import type { ApiClient } from './api-stack';
import { eventually } from './poll';

const SECOND = 1000;

export interface FinalReportsPlan {
  /** Units that register, are approved and send their final report, with their criteria values. */
  readonly reporting: Readonly<Record<string, Record<string, number>>>;
  /** A unit withdrawn from the campaign after registration closes. */
  readonly withdrawn?: string;
  /** Units that never register (non-compliant when the campaign ends). */
  readonly silent?: readonly string[];
  /** The campaign's code prefix. */
  readonly prefix?: string;
  /** Files a unit attaches to its final report (uploaded before, with POST /api/files). */
  readonly attachments?: Readonly<Record<string, readonly AttachmentRef[]>>;
}

/** The ward that issues the commendation decisions of the fixtures' campaigns, and its chairwoman. */
export const AN_LAC_ISSUER = {
  name: 'Ủy ban nhân dân phường An Lạc',
  abbreviation: 'UBND',
  place: 'An Lạc',
  signerTitle: 'Chủ tịch',
  signerName: 'Trần Thị Hương',
} as const;

/**
 * Launches the Bình Tân 2019 template through the API, shifted to now and compressed (one plan day = 0.5 s), for
 * `units`, each milestone the given seconds from now (windows wide enough for HTTP round trips on a busy
 * machine, as an admin would set them); returns its code.
 */
export async function launchCompressed(
  admin: ApiClient,
  prefix: string,
  units: readonly string[],
  seconds: { readonly [K in keyof Milestones]: number },
): Promise<string> {
  const code = `${prefix}-${randomUUID().slice(0, 8)}`;
  const t0 = Date.now();
  const template = await admin.get(
    `/api/campaign-templates/binh-tan-cchc-2019?launchAt=${new Date(t0).toISOString()}&dayLength=PT0.5S&code=${code}`,
  );
  const milestones = Object.fromEntries(Object.entries(seconds).map(([k, s]) => [k, new Date(t0 + s * SECOND).toISOString()]));
  const launched = await admin.post('/api/campaigns', { definition: { ...template.body, units, milestones } });
  if (launched.status !== 201) throw new Error(`launch answered ${launched.status}: ${JSON.stringify(launched.body)}`);
  return code;
}

/** Launches a compressed ward campaign and takes it to the end of its final reports; returns its code. */
export async function campaignToFinalReports(
  admin: ApiClient,
  units: Readonly<Record<string, ApiClient>>,
  coordinator: ApiClient,
  p: FinalReportsPlan,
): Promise<string> {
  const code = `${p.prefix ?? 'khen'}-${randomUUID().slice(0, 8)}`;
  const reporting = Object.keys(p.reporting);
  const silent = p.silent ?? [];
  const everyone = [...reporting, ...(p.withdrawn ? [p.withdrawn] : []), ...silent];
  const t0 = Date.now();
  const template = (
    await admin.get(`/api/campaign-templates/phuong-cds-cchc-2026?launchAt=${new Date(t0).toISOString()}&dayLength=PT2S&code=${code}`)
  ).body;
  const at = (s: number): string => new Date(t0 + s * SECOND).toISOString();
  const milestones = {
    launchAt: at(0),
    registrationDue: at(8),
    registrationCutoffAt: at(12),
    interimReviewAt: at(13),
    campaignEndsAt: at(14),
    finalReportDue: at(60),
    finalReportCutoffAt: at(80),
  };
  // No report rounds or meetings: the stage starts from the final reports.
  const plan = { ...template, reports: undefined, meetings: undefined };
  const launched = await admin.post('/api/campaigns', { definition: { ...plan, units: everyone, milestones } });
  if (launched.status !== 201) throw new Error(`launch refused: ${JSON.stringify(launched.body)}`);
  await eventually(
    () => admin.get(`/api/campaigns/${code}`),
    (r) => r.body.status === 'running' && r.body.counts.byPhase['awaiting-registration'] === everyone.length,
  );
  const path = (id: string): string => `/api/campaigns/${code}/units/${id}`;
  const expectStatus = (what: string, status: number, want: number): void => {
    if (status !== want) throw new Error(`${what}: ${status}, expected ${want}`);
  };
  for (const id of reporting) {
    expectStatus(
      `${id} registers`,
      (
        await units[id].post(`${path(id)}/registration`, {
          commitments: 'Cam kết hoàn thành các chỉ tiêu năm 2026.',
          initiatives: [{ title: 'Một cửa số', description: 'Tiếp nhận hồ sơ trực tuyến' }],
        })
      ).status,
      201,
    );
    expectStatus(`${id} approved`, (await coordinator.post(`${path(id)}/registration/decision`, { decision: 'approve' })).status, 201);
  }
  if (p.withdrawn)
    expectStatus(
      `${p.withdrawn} withdrawn`,
      (await admin.call('DELETE', path(p.withdrawn), { reason: 'Sáp nhập vào đơn vị khác' })).status,
      200,
    );
  await eventually(
    () => admin.get(`/api/campaigns/${code}`),
    (r) => r.body.counts.byPhase['awaiting-final-report'] === reporting.length,
    40 * SECOND,
  );
  for (const id of reporting)
    expectStatus(
      `${id} final report`,
      (
        await units[id].post(`${path(id)}/final-report`, {
          summary: 'Tổng kết năm',
          values: p.reporting[id],
          ...(p.attachments?.[id] ? { attachments: p.attachments[id] } : {}),
        })
      ).status,
      201,
    );
  if (silent.length)
    await eventually(
      () => admin.get(`/api/campaigns/${code}`),
      (r) => r.body.counts.byPhase['non-compliant'] === silent.length,
      40 * SECOND,
    );
  return code;
}

/**
 * A city's criteria for campaigns across levels, one of each roll-up: a count summed, a percentage averaged, a
 * duration by its worst value, a yes/no that holds only when every unit below says yes.
 */
export const CITY_CRITERIA: Criterion[] = [
  { id: 'vu-viec', title: 'Số vụ việc phức tạp', kind: 'count', rule: { op: '<=', value: 3 }, points: 20 },
  { id: 'ho-so', title: 'Tỷ lệ hồ sơ giải quyết đúng hạn', kind: 'percent', rule: { op: '>=', value: 80 }, points: 30 },
  {
    id: 'tra-loi',
    title: 'Thời gian trả lời phản ánh',
    kind: 'working-days',
    rule: { op: '<=', value: 5 },
    points: 20,
    rollUp: { method: 'worst' },
  },
  { id: 'to-cntt', title: 'Tổ công nghệ số cộng đồng hoạt động', kind: 'yes-no', rule: { op: '==', value: 1 }, points: 30 },
];
