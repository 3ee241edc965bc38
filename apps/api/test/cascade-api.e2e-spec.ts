/**
 * Campaigns across levels through the HTTP API only, compressed (one plan day = one second), on the Temporal
 * dev server and on the cluster backend: the city creates its wards and clusters and launches to the clusters;
 * each ward's admin launches the campaign to its khu phố, registers up, reviews the consolidation of its khu
 * phố's reports and sends it up; one khu phố is late, its ward is late, and the city's roll-up names the cause;
 * a move of the city's milestones reaches the khu phố; each cluster votes (one tie settled by the chair); the
 * council's decision gives one Cờ thi đua per cluster and the papers and the cluster's score sheet name it.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CITY_CRITERIA, eventually, scenario, startApiStack, temporalBackends, type ApiClient, type ApiStack } from '@thidua/testing';

const SECOND = 1000;
const PW = 'mat-khau-kiem-thu-2026';

describe.each(temporalBackends())('a city campaign carried by its wards through the API on the %s', (_backend, temporalAddress) => {
  let stack: ApiStack;

  beforeAll(async () => {
    stack = await startApiStack('cascade', { TEMPORAL_ADDRESS: temporalAddress });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(
    'runs the campaign at two levels, rolls it up with the cause of lateness, and flags one ward per cluster',
    scenario(async (step) => {
      const city = stack.admin;
      const p = `ca${randomUUID().slice(0, 5)}`;
      const wardIds = [1, 2, 3, 4, 5, 6].map((n) => `${p}-w${n}`);
      const wardName = (n: number): string => `Phường ${p.toUpperCase()} ${n}`;
      const kpIds = (n: number): string[] => [1, 2, 3].map((k) => `${wardIds[n - 1]}-kp${k}`);

      step('the city creates its 6 wards (each also a unit of its directory) and each ward its admin and 3 khu phố');
      const ward: Record<number, ApiClient> = {};
      const clerk: Record<string, ApiClient> = {};
      for (const [i, id] of wardIds.entries()) {
        expect((await city.post('/api/organisations', { id, kind: 'ward', name: wardName(i + 1) })).status).toBe(201);
        expect((await city.post('/api/accounts', { username: `${id}-admin`, password: PW, role: 'admin', orgId: id })).status).toBe(201);
        ward[i + 1] = await stack.anonymous.login(`${id}-admin`, PW);
        for (const [k, kp] of kpIds(i + 1).entries()) {
          expect((await ward[i + 1].post('/api/units', { id: kp, name: `Khu phố ${k + 1}`, kind: 'neighbourhood' })).status).toBe(201);
          expect((await ward[i + 1].post('/api/accounts', { username: kp, password: PW, role: 'unit', unitId: kp })).status).toBe(201);
          clerk[kp] = await stack.anonymous.login(kp, PW);
        }
      }
      const directory = (await city.get('/api/units')).body as Array<{ id: string; kind: string }>;
      expect(directory.filter((u) => wardIds.includes(u.id)).map((u) => u.kind)).toEqual(Array(6).fill('ward'));
      for (let i = 1; i <= 5; i++)
        expect((await city.post('/api/accounts', { username: `${p}-hd-${i}`, password: PW, role: 'council' })).status).toBe(201);

      step('the city defines 3 clusters of 2 wards for 2027; a cluster naming a unit of another directory is refused');
      const clusterIds = [1, 2, 3].map((c) => `${p}-cum-${c}-2027`);
      const foreign = await city.post('/api/clusters', {
        id: `${p}-sai`,
        year: 2027,
        name: 'Cụm sai',
        members: [wardIds[0], kpIds(1)[0]],
        head: wardIds[0],
      });
      expect(foreign.status).toBe(400);
      expect(foreign.body.details.map((d: { message: string }) => d.message).join(' ')).toContain(`không có đơn vị "${kpIds(1)[0]}"`);
      for (const [i, id] of clusterIds.entries()) {
        const made = await city.post('/api/clusters', {
          id,
          year: 2027,
          name: `Cụm thi đua số ${i + 1}`,
          members: wardIds.slice(i * 2, i * 2 + 2),
          head: wardIds[i * 2],
          deputy: wardIds[i * 2 + 1],
        });
        expect(made.status).toBe(201);
        expect(made.body).toMatchObject({ quota: 1, voters: 'officers', formId: 'co-thi-dua-tinh' });
      }

      step("the city launches to its clusters, compressed: its wards are the clusters' members");
      const t0 = Date.now();
      const at = (s: number): string => new Date(t0 + s * SECOND).toISOString();
      const code = `${p}-tp`;
      const definition = {
        code,
        title: 'Phong trào thi đua năm 2027 của Thành phố',
        issuer: 'Ủy ban nhân dân Thành phố',
        coordinator: 'Ban Thi đua – Khen thưởng Thành phố',
        timezone: 'Asia/Ho_Chi_Minh',
        clusters: clusterIds,
        dayLength: 'PT1S',
        milestones: { launchAt: at(0), registrationDue: at(40), interimReviewAt: at(75), campaignEndsAt: at(80), finalReportDue: at(110) },
        // A rehearsal's chase is in clock time (its plan days last a second); the sub-campaigns' lead is in plan days.
        chase: { reminderOffsets: ['PT3S', 'PT1S'], overdueReminderInterval: 'PT1S', escalationDelay: 'PT2S' },
        reports: [{ id: 'quy-1', title: 'Báo cáo quý I', due: at(70) }],
        criteria: CITY_CRITERIA,
      };
      const launched = await city.post('/api/campaigns', { definition });
      expect(launched.status).toBe(201);
      expect(launched.body.clusters.map((c: { id: string }) => c.id)).toEqual(clusterIds);
      await eventually(
        () => city.get(`/api/campaigns/${code}`),
        (r) => r.body.status === 'running' && r.body.counts.byPhase['awaiting-registration'] === 6,
      );

      step('each ward sees the campaign above, registers up, and launches it to its khu phố 5 plan days earlier');
      const subOf = (n: number): string => `${wardIds[n - 1]}-trien-khai`;
      for (let n = 1; n <= 6; n++) {
        const above = await ward[n].get('/api/upward');
        expect(above.body.map((c: { campaignId: string; orgName: string }) => [c.campaignId, c.orgName])).toEqual([
          [code, expect.any(String)],
        ]);
        // Ward 1 sends its signed registration with it: nothing it sends is dropped on the way up.
        const form = new FormData();
        form.append('file', new Blob([new TextEncoder().encode('%PDF-1.7\n% Bản đăng ký, đã ký\n%%EOF\n')]), 'Bản đăng ký.pdf');
        const signed = n === 1 ? (await ward[n].post('/api/files', form)).body : undefined;
        const reg = await ward[n].post(`/api/upward/${code}/registration`, {
          commitments: 'Triển khai phong trào đến 100% khu phố',
          initiatives: [{ title: 'Khu phố số', description: 'Tổ công nghệ số cộng đồng ở mọi khu phố' }],
          ...(signed ? { attachments: [{ fileId: signed.id, kind: 'proposal' }] } : {}),
        });
        expect(reg.status).toBe(201);
        if (signed)
          expect(reg.body.submissions.registration.attachments).toEqual([
            expect.objectContaining({ id: signed.id, name: 'Bản đăng ký.pdf', kind: 'proposal' }),
          ]);
        const sub = await ward[n].post(`/api/upward/${code}/sub-campaign`, { code: subOf(n), units: kpIds(n), lead: 'P5D' });
        expect(sub.status).toBe(201);
        expect(sub.body).toMatchObject({ orgId: wardIds[n - 1], parent: { campaignId: code, unitId: wardIds[n - 1], lead: 'P5D' } });
        expect(sub.body.reports[0].due).toBe(at(65));
        expect(sub.body.milestones.finalReportDue).toBe(at(105));
      }
      const again = await ward[1].post(`/api/upward/${code}/sub-campaign`, { code: `${subOf(1)}-2`, units: kpIds(1) });
      expect(again.status).toBe(409);
      expect((await ward[2].get(`/api/campaigns/${code}/rollup`)).status).toBe(404);
      expect((await city.get(`/api/campaigns/${subOf(1)}`)).status).toBe(200);
      expect((await city.post(`/api/campaigns/${subOf(1)}/cancel`, {})).status).toBe(403);
      for (const id of wardIds)
        expect((await city.post(`/api/campaigns/${code}/units/${id}/registration/decision`, { decision: 'approve' })).status).toBe(201);

      step('the khu phố register and report quarter I, all but khu phố 3 of ward 1; the other wards send their consolidated reports');
      const late = kpIds(1)[2];
      for (let n = 1; n <= 6; n++) {
        await eventually(
          () => ward[n].get(`/api/campaigns/${subOf(n)}`),
          (r) => r.body.status === 'running',
        );
        for (const [k, kp] of kpIds(n).entries()) {
          const path = `/api/campaigns/${subOf(n)}/units/${kp}`;
          expect(
            (
              await clerk[kp].post(`${path}/registration`, {
                commitments: 'Đăng ký thi đua',
                initiatives: [{ title: 'Sáng kiến', description: 'Mô tả' }],
              })
            ).status,
          ).toBe(201);
          expect((await ward[n].post(`${path}/registration/decision`, { decision: 'approve' })).status).toBe(201);
          if (kp === late) continue;
          const values = { 'vu-viec': k % 2, 'ho-so': 80 + (k + 1) * 2, 'tra-loi': k + 1, 'to-cntt': 1 };
          expect((await clerk[kp].post(`${path}/reports/quy-1`, { summary: 'Báo cáo quý I', values })).status).toBe(201);
        }
      }
      for (let n = 2; n <= 6; n++) {
        const c = await ward[n].get(`/api/upward/${code}/consolidation?task=round:quy-1`);
        expect(c.status).toBe(200);
        // vụ việc 0+1+0; hồ sơ (82+84+86)/3; trả lời: the worst of 1, 2, 3; tổ công nghệ số: all three.
        expect(Object.fromEntries(c.body.lines.map((l: { criterion: string; value: number }) => [l.criterion, l.value]))).toEqual({
          'vu-viec': 1,
          'ho-so': 84,
          'tra-loi': 3,
          'to-cntt': 1,
        });
        expect(c.body.lines[1].sources.map((s: { value: number }) => s.value)).toEqual([82, 84, 86]);
        // Ward 2 sends its signed report with it; only it (and the city) read the file back.
        const signed = n === 2 ? Buffer.from('%PDF-1.7\n% Báo cáo quý I, đã ký\n%%EOF\n') : undefined;
        const upload = new FormData();
        if (signed) upload.append('file', new Blob([new Uint8Array(signed)]), 'Báo cáo quý I.pdf');
        const file = signed ? (await ward[n].post('/api/files', upload)).body : undefined;
        const sent = await ward[n].post(`/api/upward/${code}/reports`, {
          task: 'round:quy-1',
          summary: 'Tổng hợp quý I',
          ...(file ? { attachments: [{ fileId: file.id, kind: 'report' }] } : {}),
        });
        expect(sent.status).toBe(201);
        if (file) {
          expect(sent.body.submissions['round:quy-1'].attachments).toEqual([expect.objectContaining({ id: file.id, sha256: file.sha256 })]);
          for (const [reader, path, status] of [
            [ward[2], `/api/upward/${code}/files/${file.id}`, 200],
            [city, `/api/campaigns/${code}/files/${file.id}`, 200],
            [ward[3], `/api/upward/${code}/files/${file.id}`, 404],
          ] as const) {
            const got = await fetch(`${reader.base}${path}`, { headers: { authorization: `Bearer ${reader.token}` } });
            expect({ path, status: got.status }).toEqual({ path, status });
            if (status === 200) expect(Buffer.from(await got.arrayBuffer()).equals(signed!)).toBe(true);
          }
        }
        expect(sent.body.submissions['round:quy-1']).toMatchObject({
          late: false,
          consolidated: { campaignId: subOf(n), reported: 3, edited: [] },
        });
      }
      const wrongTask = await ward[2].post(`/api/upward/${code}/reports`, { task: 'round:quy-9', summary: 'Sai' });
      expect(wrongTask.status).toBe(400);
      expect(wrongTask.body.message).toContain('round:quy-9');

      step("the late khu phố is escalated in its ward's campaign; ward 1 misses its own deadline and the city's roll-up names the cause");
      const kpEvents = await eventually(
        () => ward[1].get(`/api/campaigns/${subOf(1)}/units/${late}/events`),
        (r) =>
          (r.body as Array<{ type: string; data: { task?: string } }>).filter(
            (e) => e.type === 'UnitEscalated' && e.data.task === 'round:quy-1',
          ).length >= 2,
        120_000,
      );
      const quarter = (kpEvents.body as Array<{ type: string; data: { task?: string; level?: number } }>).filter(
        (e) => e.data.task === 'round:quy-1',
      );
      expect(quarter.filter((e) => e.type === 'ReminderSent').length).toBeGreaterThanOrEqual(2);
      expect(quarter.filter((e) => e.type === 'UnitEscalated').map((e) => e.data.level)).toEqual([1, 2]);
      const rollup = await eventually(
        () => city.get(`/api/campaigns/${code}/rollup`),
        (r) => r.body.overdue === 1,
        120_000,
      );
      expect(rollup.body.rows[0]).toMatchObject({
        unitId: wardIds[0],
        overdue: true,
        cause: `${wardName(1)}: 1/3 khu phố chưa gửi báo cáo quý I`,
        sub: { campaignId: subOf(1), units: 3, noun: 'khu phố' },
      });
      expect(rollup.body.withSubCampaign).toBe(6);

      step('the khu phố reports late, ward 1 corrects one value and sends its consolidated report late');
      expect(
        (
          await clerk[late].post(`/api/campaigns/${subOf(1)}/units/${late}/reports/quy-1`, {
            summary: 'Muộn',
            values: { 'vu-viec': 2, 'ho-so': 86, 'tra-loi': 6, 'to-cntt': 0 },
          })
        ).status,
      ).toBe(201);
      const c1 = (await ward[1].get(`/api/upward/${code}/consolidation?task=round:quy-1`)).body;
      expect(Object.fromEntries(c1.lines.map((l: { criterion: string; value: number }) => [l.criterion, l.value]))).toEqual({
        'vu-viec': 3,
        'ho-so': 84,
        'tra-loi': 6,
        'to-cntt': 0,
      });
      const sentLate = await ward[1].post(`/api/upward/${code}/reports`, {
        task: 'round:quy-1',
        summary: 'Tổng hợp quý I (muộn)',
        values: { 'vu-viec': 3, 'ho-so': 85, 'tra-loi': 6, 'to-cntt': 0 },
      });
      expect(sentLate.status).toBe(201);
      expect(sentLate.body.submissions['round:quy-1']).toMatchObject({
        late: true,
        consolidated: { computed: { 'ho-so': 84 }, edited: ['ho-so'] },
      });

      step("the city moves its final report 10 plan days later: the khu phố's deadline follows, 5 plan days earlier");
      const moved = await city.call('PATCH', `/api/campaigns/${code}/milestones`, {
        milestones: { ...definition.milestones, finalReportDue: at(120) },
      });
      expect(moved.status).toBe(200);
      await eventually(
        () => ward[3].get(`/api/campaigns/${subOf(3)}/units/${kpIds(3)[0]}`),
        (r) => r.body.deadlines?.['final-report']?.dueAt === at(115),
      );

      step('the year ends: the khu phố send their final reports, the wards theirs, and the city reviews each ward');
      const finals = (n: number, k: number) => ({
        'vu-viec': 0,
        'ho-so': 90,
        'tra-loi': n === 4 && k === 2 ? 7 : k + 1,
        'to-cntt': n === 5 && k === 2 ? 0 : 1,
      });
      for (let n = 1; n <= 6; n++)
        for (const [k, kp] of kpIds(n).entries()) {
          const path = `/api/campaigns/${subOf(n)}/units/${kp}/final-report`;
          const r = await eventually(
            () => clerk[kp].post(path, { summary: 'Báo cáo cuối năm', values: finals(n, k) }),
            (x) => x.status === 201,
            60_000,
          );
          expect(r.status).toBe(201);
        }
      for (let n = 1; n <= 6; n++) {
        const up = await eventually(
          () => ward[n].post(`/api/upward/${code}/reports`, { task: 'final-report', summary: 'Báo cáo tổng kết năm' }),
          (x) => x.status === 201,
          60_000,
        );
        expect(up.status).toBe(201);
        expect(
          (await city.post(`/api/campaigns/${code}/units/${wardIds[n - 1]}/reviews`, { stage: 'final', rating: 'excellent' })).status,
        ).toBe(201);
      }

      step('each cluster meets; in cluster 1 two wards tie on score and the chair chooses');
      const stage = `/api/campaigns/${code}/commendation`;
      const issuer = {
        name: 'Ủy ban nhân dân Thành phố',
        abbreviation: 'UBND',
        place: 'Thành phố',
        signerTitle: 'Chủ tịch',
        signerName: 'Nguyễn Văn A',
      };
      expect(
        (await city.post(stage, { setup: { issuer, nominationsDue: new Date(Date.now() + 600 * SECOND).toISOString(), postingDays: 2 } }))
          .status,
      ).toBe(201);
      const vote = (c: number, counts: number[], chairChoice?: string[]) =>
        city.post(`${stage}/cluster-votes`, {
          clusterId: clusterIds[c - 1],
          round: 1,
          present: 4,
          votes: counts.map((inFavour, i) => ({ unitId: wardIds[(c - 1) * 2 + i], inFavour })),
          ...(chairChoice ? { chairChoice } : {}),
        });
      const tie = await vote(1, [4, 3]);
      expect(tie.status).toBe(400);
      expect(tie.body.message).toContain('bằng điểm');
      expect((await vote(1, [4, 3], [wardIds[1]])).status).toBe(201);
      expect((await vote(2, [3, 4])).status).toBe(201);
      const voted = await vote(3, [4, 4]);
      expect(voted.status).toBe(201);
      const flags = voted.body.nominees.filter((n: { clusterId?: string }) => n.clusterId);
      // Cluster 2: ward 4 answered slowly (80 points) and loses to ward 3 on score; cluster 3: ward 5 lacks a tổ công nghệ số.
      expect(flags.map((n: { unitId: string }) => n.unitId)).toEqual([wardIds[1], wardIds[2], wardIds[5]]);

      step('the council votes, the list is posted and the decision gives one Cờ thi đua per cluster');
      const members = [1, 2, 3, 4, 5].map((i) => ({ username: `${p}-hd-${i}`, role: i === 1 ? 'Chủ tịch Hội đồng' : 'Thành viên' }));
      expect((await city.call('PUT', `${stage}/council`, { members, meetingAt: new Date().toISOString() })).status).toBe(200);
      for (const n of flags) expect((await city.post(`${stage}/votes`, { nomineeId: n.id, present: 5, inFavour: 5 })).status).toBe(201);
      expect((await city.post(`${stage}/posting`, {})).status).toBe(201);
      const decided = await eventually(
        () => city.post(`${stage}/decision`, {}),
        (r) => r.status === 201,
        60_000,
      );
      expect(decided.body.decision.awarded).toEqual(flags.map((n: { id: string }) => n.id));
      const pdf = await fetch(`${city.base}${stage}/papers/quyet-dinh.pdf`, { headers: { authorization: `Bearer ${city.token}` } });
      expect(pdf.status).toBe(200);
      const file = join(mkdtempSync(join(tmpdir(), 'cascade-')), 'quyet-dinh.pdf');
      writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
      for (const [n, c] of [
        [2, 1],
        [3, 2],
        [6, 3],
      ])
        expect(text).toContain(`${wardName(n)} (Cụm thi đua số ${c})`);

      step("cluster 1's score sheet: its two wards ranked, the officers' roles and the meeting's votes");
      const xlsx = await fetch(`${city.base}/api/campaigns/${code}/scores.xlsx?cluster=${clusterIds[0]}`, {
        headers: { authorization: `Bearer ${city.token}` },
      });
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
      const rows = wb.worksheets[0].getSheetValues().filter(Boolean) as unknown[][];
      expect(String(rows[0][1])).toContain('Cụm thi đua số 1 (năm 2027)');
      const header = rows[1].slice(1) as string[];
      const body = rows.slice(2).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i + 1]])));
      const sheet = body.map((r) => [r['Mã đơn vị'], r['Tổng điểm'], r['Vai trò trong cụm'], r['Cụm suy tôn']]);
      expect(sheet.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
        [wardIds[0], 100, 'Cụm trưởng', 'Không'],
        [wardIds[1], 100, 'Cụm phó', 'Có'],
      ]);
    }),
    420_000,
  );
});
