/**
 * A compressed current-law ward campaign with three report rounds and criteria of four kinds, through the
 * HTTP API only, on the real Temporal dev server and PostgreSQL: units see each round as a task by its own
 * title, a unit that misses the first round is reminded and escalated for that round and then sends it
 * late, every report's values are checked against the campaign's rules, and the per-round progress shows it.
 */
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { startApiStack, type ApiClient, type ApiStack, eventually, scenario } from '@thidua/testing';

const SECOND = 1000;

describe('a campaign with report rounds and criteria through the API', () => {
  let stack: ApiStack;
  let admin: ApiClient;

  beforeAll(async () => {
    stack = await startApiStack('roundsapi');
    admin = stack.admin;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it(
    'runs three rounds and the final report, chasing the late round and checking every criterion',
    scenario(async (step) => {
      step('the ward template’s units imported; unit and coordinator accounts created');
      expect((await admin.post('/api/units/import', { templateId: 'phuong-cds-cchc-2026' })).status).toBe(201);
      const [agency, service, hood] = ['phong-van-hoa-xa-hoi', 'trung-tam-phuc-vu-hcc', 'khu-pho-4'];
      const password = 'mat-khau-don-vi-2026';
      for (const unitId of [agency, service, hood])
        expect((await admin.post('/api/accounts', { username: unitId, password, role: 'unit', unitId })).status).toBe(201);
      expect((await admin.post('/api/accounts', { username: 'van-phong-ubnd', password, role: 'coordinator' })).status).toBe(201);

      step('the template compressed (one plan day = 0.5 s) and launched with windows wide enough for a busy machine');
      const code = `vong-${randomUUID().slice(0, 8)}`;
      const t0 = Date.now();
      const template = (
        await admin.get(`/api/campaign-templates/phuong-cds-cchc-2026?launchAt=${new Date(t0).toISOString()}&dayLength=PT0.5S&code=${code}`)
      ).body;
      const at = (s: number): string => new Date(t0 + s * SECOND).toISOString();
      const reports = [
        { ...template.reports[0], due: at(12), cutoffAt: at(40) },
        { ...template.reports[1], due: at(18), cutoffAt: at(40) },
        { ...template.reports[2], due: at(22), cutoffAt: at(40) },
      ];
      const milestones = {
        launchAt: at(0),
        registrationDue: at(10),
        registrationCutoffAt: at(14),
        interimReviewAt: at(15),
        campaignEndsAt: at(24),
        finalReportDue: at(36),
        finalReportCutoffAt: at(40),
      };
      const definition = {
        ...template,
        units: [agency, service, hood],
        milestones,
        reports,
        meetings: [
          { ...template.meetings[0], at: at(15) },
          { ...template.meetings[1], at: at(38) },
        ],
      };
      const launched = await admin.post('/api/campaigns', { definition });
      expect(launched.status).toBe(201);
      expect(launched.body.reports.map((r: { id: string }) => r.id)).toEqual(['quy-1', '6-thang', '9-thang']);
      await eventually(
        () => admin.get(`/api/campaigns/${code}`),
        (r) => r.body.counts.byPhase['awaiting-registration'] === 3 && r.body.status === 'running',
      );

      step('each unit sees its registration and the three rounds as tasks, each round by its title');
      const unit = Object.fromEntries(
        await Promise.all([agency, service, hood].map(async (id) => [id, await stack.anonymous.login(id, password)] as const)),
      );
      const coordinator = await stack.anonymous.login('van-phong-ubnd', password);
      const tasks = await unit[hood].get('/api/me/tasks');
      expect(tasks.body.map((t: { kind: string; title: string; dueAt: string }) => [t.kind, t.title, t.dueAt])).toEqual([
        ['registration', 'Đăng ký thi đua', milestones.registrationDue],
        ['round:quy-1', 'Báo cáo kết quả quý I', reports[0].due],
        ['round:6-thang', 'Báo cáo sơ kết 6 tháng', reports[1].due],
        ['round:9-thang', 'Báo cáo kết quả 9 tháng', reports[2].due],
      ]);
      const detail = await unit[hood].get(`/api/campaigns/${code}/units/${hood}`);
      // A neighbourhood reports three of the five criteria.
      expect(detail.body.criteria.map((c: { id: string }) => c.id)).toEqual(['tra-loi-phan-anh', 'khieu-nai-vuot-cap', 'to-cong-nghe-so']);
      expect(detail.body.rounds).toHaveLength(3);

      step('registrations sent and approved; the agency and the service unit send the first round on time');
      const path = (id: string): string => `/api/campaigns/${code}/units/${id}`;
      for (const id of [agency, service, hood]) {
        const r = await unit[id].post(`${path(id)}/registration`, {
          commitments: 'Cam kết hoàn thành các chỉ tiêu chuyển đổi số năm 2026.',
          initiatives: [{ title: 'Một cửa số', description: 'Tiếp nhận hồ sơ trực tuyến toàn trình' }],
        });
        expect(r.status).toBe(201);
        expect((await coordinator.post(`${path(id)}/registration/decision`, { decision: 'approve' })).status).toBe(201);
      }
      const values: Record<string, Record<string, number>> = {
        [agency]: { 'ho-so-truc-tuyen': 95, 'tra-loi-phan-anh': 2, 'khieu-nai-vuot-cap': 0 },
        [service]: { 'ho-so-truc-tuyen': 85, 'thoi-gian-cho': 20, 'tra-loi-phan-anh': 2.5, 'khieu-nai-vuot-cap': 0 },
        [hood]: { 'tra-loi-phan-anh': 5, 'khieu-nai-vuot-cap': 0, 'to-cong-nghe-so': 1 },
      };
      for (const id of [agency, service]) {
        const r = await unit[id].post(`${path(id)}/reports/quy-1`, { summary: 'Kết quả quý I', values: values[id] });
        expect(r.status).toBe(201);
        expect(r.body.submissions['round:quy-1']).toMatchObject({ late: false, values: values[id] });
      }
      const wrong = await unit[agency].post(`${path(agency)}/reports/quy-1`, { summary: 'Gửi lại', values: values[agency] });
      expect(wrong.status).toBe(409);
      const unknown = await unit[agency].post(`${path(agency)}/reports/quy-9`, { summary: 'Quý IX', values: {} });
      expect(unknown.status).toBe(409);
      expect(unknown.body.message).toMatch(/không có kỳ báo cáo "quy-9"/);
      const bad = await unit[service].post(`${path(service)}/reports/6-thang`, {
        summary: 'Sai số liệu',
        values: { 'ho-so-truc-tuyen': 130, 'to-cong-nghe-so': 1, 'khieu-nai-vuot-cap': 'không' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(
        /values\.ho-so-truc-tuyen .*không vượt quá 100; values\.to-cong-nghe-so: chỉ tiêu này không áp dụng cho đơn vị; values\.khieu-nai-vuot-cap .*phải là một số/,
      );

      step('the neighbourhood misses the first round: reminded, escalated to its head and the coordinator, then to the chairman');
      const escalated = await eventually(
        () => coordinator.get(path(hood)),
        (r) => r.body.deadlines['round:quy-1']?.escalationLevel === 2,
        30 * SECOND,
      );
      expect(escalated.body).toMatchObject({
        overdue: true,
        escalationLevel: 2,
        deadlines: { 'round:quy-1': { title: 'Báo cáo kết quả quý I', missed: true, status: 'open' } },
      });
      const inbox = (await unit[hood].get('/api/me/notifications')).body.items.map((n: { subject: string }) => n.subject);
      expect(inbox).toEqual(
        expect.arrayContaining(['Nhắc nhở báo cáo kết quả quý I: Khu phố 4', '[Quá hạn] Khu phố 4 chưa gửi báo cáo kết quả quý I']),
      );
      const progress = await coordinator.get(`/api/campaigns/${code}/tasks`);
      expect(progress.body.find((t: { task: string }) => t.task === 'round:quy-1')).toMatchObject({
        title: 'Báo cáo kết quả quý I',
        counts: { submitted: 2, open: 1 },
        overdue: 1,
      });

      step('the neighbourhood sends the first round late; the other rounds are sent; each report checked');
      const late = await unit[hood].post(`${path(hood)}/reports/quy-1`, { summary: 'Báo cáo muộn quý I', values: values[hood] });
      expect(late.status).toBe(201);
      expect(late.body.submissions['round:quy-1']).toMatchObject({
        late: true,
        criteriaCheck: [{ criterion: 'tra-loi-phan-anh', met: false }, { met: true }, { met: true }],
      });
      expect(late.body.deadlines['round:quy-1']).toMatchObject({ status: 'submitted', escalationLevel: 0 });
      // A round report is no result: the unit has no score sheet (nor a rank) before its final report.
      const early = await unit[hood].get(`${path(hood)}/score`);
      expect([early.status, early.body.message]).toEqual([404, expect.stringContaining('sau khi đơn vị gửi báo cáo cuối đợt')]);
      for (const round of ['6-thang', '9-thang']) {
        for (const id of [agency, service, hood])
          expect((await unit[id].post(`${path(id)}/reports/${round}`, { summary: `Báo cáo ${round}`, values: values[id] })).status).toBe(
            201,
          );
      }
      const rounds = (await coordinator.get(`/api/campaigns/${code}/tasks`)).body.map(
        (t: { task: string; counts: object; late: number }) => [t.task, t.counts, t.late],
      );
      expect(rounds).toEqual(
        expect.arrayContaining([
          ['round:quy-1', { submitted: 3 }, 1],
          ['round:6-thang', { submitted: 3 }, expect.any(Number)],
          ['round:9-thang', { submitted: 3 }, expect.any(Number)],
        ]),
      );

      step('the campaign ends: final reports state every criterion that applies, checked by the campaign’s rules; final reviews');
      // Each unit's workflow ends its campaign on its own timer: wait for all three, not the first.
      for (const id of [agency, service, hood])
        await eventually(
          () => unit[id].get('/api/me/tasks'),
          (r) => (r.body as Array<{ kind: string }>).some((t) => t.kind === 'final-report'),
          30 * SECOND,
        );
      const missing = await unit[service].post(`${path(service)}/final-report`, {
        summary: 'Tổng kết',
        values: { 'ho-so-truc-tuyen': 91 },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.message).toMatch(/values\.thoi-gian-cho .*báo cáo cuối đợt cần số liệu/);
      for (const id of [agency, service, hood]) {
        const r = await unit[id].post(`${path(id)}/final-report`, { summary: 'Tổng kết năm', values: values[id] });
        expect(r.status).toBe(201);
        if (id === service) {
          expect(r.body.submissions['final-report'].criteriaCheck.map((c: { target: string; met: boolean }) => [c.target, c.met])).toEqual([
            ['từ 90% trở lên', false],
            ['không quá 30 phút', true],
            ['không quá 3 ngày làm việc', true],
            ['không để xảy ra', true],
          ]);
        }
        expect((await coordinator.post(`${path(id)}/reviews`, { stage: 'final', rating: 'good' })).body.phase).toBe('completed');
      }
      const finished = await eventually(
        () => admin.get(`/api/campaigns/${code}`),
        (r) => r.body.status === 'finished',
        30 * SECOND,
      );
      expect(finished.body.counts.byPhase).toEqual({ completed: 3 });

      step('the score sheets: points per criterion met by the final reports, ranked; as a spreadsheet; each unit sees its own');
      const board = await coordinator.get(`/api/campaigns/${code}/scores`);
      expect(
        board.body.rows.map((r: { unitId: string; total: number; max: number; rank: number }) => [r.unitId, r.total, r.max, r.rank]),
      ).toEqual([
        [agency, 65, 65, 1],
        [service, 55, 85, 2],
        [hood, 30, 50, 3],
      ]);
      const own = await unit[hood].get(`${path(hood)}/score`);
      expect(own.body).toMatchObject({
        rank: 3,
        rankedAmong: 3,
        total: 30,
        lines: [{ criterion: 'tra-loi-phan-anh', value: 5, met: false, points: 0 }, { points: 15 }, { points: 15 }],
      });
      expect((await unit[hood].get(`${path(agency)}/score`)).status).toBe(404);
      const xlsx = await fetch(`${stack.anonymous.base}/api/campaigns/${code}/scores.xlsx`, {
        headers: { authorization: `Bearer ${coordinator.token}` },
      });
      expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await xlsx.arrayBuffer());
      const sheet = wb.getWorksheet('Bảng điểm')!;
      expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['Hạng', 'Đơn vị', 'Tổng điểm']));
      expect([sheet.getRow(3).getCell(3).value, sheet.getRow(3).getCell(1).value]).toEqual(['Phòng Văn hóa – Xã hội', 1]);
      expect(sheet.getRow(5).getCell(3).value).toBe('Khu phố 4');
    }),
  );
});
