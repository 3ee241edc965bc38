/**
 * Campaigns across levels in the console (Chromium, at a desk; each page audited, on a phone too): the city
 * defines a cluster; a ward's admin finds the city's campaign under "Việc với cấp trên", registers, runs it for
 * its khu phố and reviews the consolidation of their reports (who has not sent); the city's dashboard shows
 * each ward's sub-campaign and the cause of the late ward; the ward then sends its consolidated report.
 */
import { randomUUID } from 'node:crypto';
import { eventually, scenario, type ApiClient } from '@thidua/testing';
import { startConsoleBrowser, type ConsoleBrowser } from './console-browser';

const PW = 'mat-khau-kiem-thu-2026';

describe('campaigns across levels in the console', () => {
  let cb: ConsoleBrowser;
  let city: ApiClient;

  beforeAll(async () => {
    cb = await startConsoleBrowser('cascade-console');
    city = cb.stack.admin;
  });
  afterAll(async () => {
    await cb?.close();
  });

  it(
    'lets a ward run the city campaign for its khu phố and shows the city why a ward is late',
    scenario(async (step) => {
      const p = randomUUID().slice(0, 4);
      const wards = [
        [`hb-${p}`, 'Phường Hòa Bình'],
        [`tl-${p}`, 'Phường Tân Lập'],
      ] as const;
      step('Through the API: two wards with their admins, two khu phố each with a clerk');
      const clerk: Record<string, ApiClient> = {};
      for (const [id, name] of wards) {
        expect((await city.post('/api/organisations', { id, kind: 'ward', name })).status).toBe(201);
        expect((await city.post('/api/accounts', { username: `${id}-qt`, password: PW, role: 'admin', orgId: id })).status).toBe(201);
        const admin = await cb.stack.anonymous.login(`${id}-qt`, PW);
        for (const k of [1, 2]) {
          const kp = `${id}-kp${k}`;
          expect((await admin.post('/api/units', { id: kp, name: `Khu phố ${k}`, kind: 'neighbourhood' })).status).toBe(201);
          expect((await admin.post('/api/accounts', { username: kp, password: PW, role: 'unit', unitId: kp })).status).toBe(201);
          clerk[kp] = await cb.stack.anonymous.login(kp, PW);
        }
      }

      step('The city defines its cluster in the console');
      const desk = await cb.login('quan-tri', 'mat-khau-quan-tri-2026');
      await cb.go(desk, 'Cụm, khối thi đua');
      await desk.getByRole('heading', { level: 1, name: 'Cụm, khối thi đua' }).waitFor();
      const form = desk.getByRole('form', { name: 'Lập cụm, khối thi đua' });
      await form.getByLabel('Tên cụm, khối').fill('Cụm thi đua số 1');
      await form.getByLabel(/Mã cụm/).fill(`cum-${p}-2027`);
      await form.getByLabel('Năm').fill('2027');
      for (const [, name] of wards) await form.getByRole('checkbox', { name: new RegExp(name) }).check();
      await form.getByLabel('Cụm trưởng').selectOption({ label: wards[0][1] });
      await form.getByLabel('Cụm phó').selectOption({ label: wards[1][1] });
      await form.getByRole('button', { name: 'Lưu' }).click();
      await desk.getByRole('rowheader', { name: /Cụm thi đua số 1/ }).waitFor();
      await cb.audit(desk, 'clusters');

      step('Through the API: the city launches to its cluster (one plan day = one second)');
      const t0 = Date.now();
      const at = (s: number): string => new Date(t0 + s * 1000).toISOString();
      const code = `tp-${p}`;
      const definition = {
        code,
        title: 'Phong trào thi đua năm 2027',
        issuer: 'Ủy ban nhân dân Thành phố',
        coordinator: 'Ban Thi đua – Khen thưởng',
        timezone: 'Asia/Ho_Chi_Minh',
        clusters: [`cum-${p}-2027`],
        dayLength: 'PT1S',
        milestones: {
          launchAt: at(0),
          registrationDue: at(90),
          interimReviewAt: at(100),
          campaignEndsAt: at(110),
          finalReportDue: at(150),
        },
        chase: { reminderOffsets: ['PT3S'], overdueReminderInterval: 'PT5S', escalationDelay: 'PT5S' },
        reports: [{ id: 'quy-1', title: 'Báo cáo quý I', due: at(60) }],
        criteria: [{ id: 'ho-so', title: 'Tỷ lệ hồ sơ đúng hạn', kind: 'percent', rule: { op: '>=', value: 80 }, points: 50 }],
      };
      expect((await city.post('/api/campaigns', { definition })).status).toBe(201);
      await eventually(
        () => city.get(`/api/campaigns/${code}`),
        (r) => r.body.status === 'running',
      );

      step('The ward’s admin finds it above, registers, and runs it for its two khu phố, 5 plan days earlier');
      const ward = await cb.login(`${wards[0][0]}-qt`, PW);
      await cb.go(ward, 'Việc với cấp trên');
      await ward.getByRole('link', { name: 'Phong trào thi đua năm 2027' }).click();
      await ward.getByRole('heading', { name: 'Phần việc của tổ chức' }).waitFor();
      const reg = ward.getByRole('form', { name: 'Đăng ký thi đua với cấp trên' });
      await reg.getByLabel(/Nội dung đăng ký|cam kết/i).fill('Triển khai đến 100% khu phố');
      await reg.getByLabel(/Sáng kiến/).fill('Khu phố số');
      await reg.getByRole('button', { name: 'Lưu' }).click();
      const launch = ward.getByRole('form', { name: 'Triển khai đến các đơn vị trực thuộc' });
      for (const k of [1, 2]) await launch.getByRole('checkbox', { name: new RegExp(`Khu phố ${k}`) }).check();
      await launch.getByRole('button', { name: 'Lưu' }).click();
      await ward.getByText('Đã triển khai đến các đơn vị trực thuộc').waitFor();
      await cb.audit(ward, 'upward-ward');

      step('Through the API: khu phố 1 of each ward reports; khu phố 2 of the second ward too, of the first ward never');
      const sub = `${code}-${wards[0][0]}`;
      expect((await city.post(`/api/campaigns/${code}/units/${wards[0][0]}/registration/decision`, { decision: 'approve' })).status).toBe(
        201,
      );
      const ward2 = await cb.stack.anonymous.login(`${wards[1][0]}-qt`, PW);
      const sub2 = `${code}-${wards[1][0]}`;
      expect(
        (await ward2.post(`/api/upward/${code}/sub-campaign`, { code: sub2, units: [`${wards[1][0]}-kp1`, `${wards[1][0]}-kp2`] })).status,
      ).toBe(201);
      const report = async (s: string, kp: string, value: number) => {
        const path = `/api/campaigns/${s}/units/${kp}`;
        await eventually(
          () =>
            clerk[kp].post(`${path}/registration`, { commitments: 'Đăng ký', initiatives: [{ title: 'Sáng kiến', description: 'Mô tả' }] }),
          (r) => r.status === 201,
        );
        expect((await clerk[kp].post(`${path}/reports/quy-1`, { summary: 'Quý I', values: { 'ho-so': value } })).status).toBe(201);
      };
      await report(sub, `${wards[0][0]}-kp1`, 90);
      await report(sub2, `${wards[1][0]}-kp1`, 80);
      await report(sub2, `${wards[1][0]}-kp2`, 100);
      expect((await ward2.post(`/api/upward/${code}/reports`, { task: 'round:quy-1', summary: 'Tổng hợp quý I' })).status).toBe(201);

      step('The ward’s page shows the consolidation: one of two khu phố reported, which one has not');
      await ward.reload();
      const up = ward.getByRole('form', { name: 'Báo cáo tổng hợp gửi cấp trên' });
      await up.getByRole('status').filter({ hasText: '1/2 đơn vị đã gửi báo cáo; chưa gửi: Khu phố 2' }).waitFor();
      await up.getByText('Trung bình của 1/2 khu phố').waitFor();
      await cb.audit(ward, 'upward-consolidation');
      await cb.guideShot(ward, 'tong-hop-gui-cap-tren');

      step('The ward misses its deadline: the city’s dashboard names the khu phố behind it');
      await eventually(
        () => city.get(`/api/campaigns/${code}/rollup`),
        (r) => r.body.overdue === 1,
        120_000,
      );
      await cb.go(desk, 'Đợt thi đua');
      await desk.getByRole('link', { name: 'Phong trào thi đua năm 2027' }).click();
      await desk.getByRole('heading', { name: 'Tiến độ theo cấp' }).waitFor();
      await desk.getByRole('list', { name: 'Nguyên nhân chậm' }).getByText('Phường Hòa Bình: 1/2 khu phố chưa gửi báo cáo quý I').waitFor();
      await desk.getByRole('link', { name: '2 khu phố' }).first().waitFor();
      await cb.audit(desk, 'rollup');
      await desk.getByRole('heading', { name: 'Tiến độ theo cấp' }).scrollIntoViewIfNeeded();
      await cb.guideShot(desk, 'tien-do-theo-cap');

      step('The ward sends its consolidated report, late, with the computed value');
      await up.getByLabel('Nội dung báo cáo').fill('Tổng hợp quý I; khu phố 2 chưa báo cáo');
      await up.getByRole('button', { name: 'Lưu' }).click();
      await up
        .getByRole('status')
        .filter({ hasText: /Đã lưu/ })
        .waitFor();
      const sent = (await city.get(`/api/campaigns/${code}/units/${wards[0][0]}`)).body;
      expect(sent.submissions['round:quy-1']).toMatchObject({
        late: true,
        values: { 'ho-so': 90 },
        consolidated: { reported: 1, units: 2 },
      });
    }),
    300_000,
  );
});
