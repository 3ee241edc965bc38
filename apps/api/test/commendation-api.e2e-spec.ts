/**
 * The commendation stage through the HTTP API on the real dev server and PostgreSQL: two compressed ward
 * campaigns (one plan day = 2 s) run from final reports to issued decisions. Scores with a judged criterion
 * and the ranking, collective and individual nominations (with one consolidated return), the council's secret
 * ballots (one nominee below the form's threshold), the public posting with an objection raised and resolved,
 * the decision refused before the period ends and issued after, both decisions issued at once by a worker
 * that dies right after committing one of them: the numbers are 1 and 2 of the issuer's register, once each.
 * The papers are read back (pdftotext, exceljs) and drawn to PNG under test-artifacts/papers/.
 */
import ExcelJS from 'exceljs';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataSource } from 'typeorm';
import { stopChild } from '@thidua/devkit';
import { createDataSource } from '@thidua/persistence';
import {
  AN_LAC_ISSUER,
  campaignToFinalReports,
  dbFingerprint,
  eventually,
  PROJECTION_TABLES,
  projectionSnapshot,
  scenario,
  startApiStack,
  type ApiClient,
  type ApiStack,
  ofType,
} from '@thidua/testing';

const SECOND = 1000;
const root = join(__dirname, '../../..');
const ARTIFACTS = join(root, 'test-artifacts/papers');
const PASSWORD = 'mat-khau-don-vi-2026';
const [AGENCY, SERVICE, HOOD, LEFT, SILENT] = ['phong-van-hoa-xa-hoi', 'trung-tam-phuc-vu-hcc', 'khu-pho-4', 'khu-pho-5', 'khu-pho-6'];
const VALUES: Record<string, Record<string, number>> = {
  [AGENCY]: { 'ho-so-truc-tuyen': 95, 'tra-loi-phan-anh': 2, 'khieu-nai-vuot-cap': 0 },
  [SERVICE]: { 'ho-so-truc-tuyen': 85, 'thoi-gian-cho': 20, 'tra-loi-phan-anh': 2.5, 'khieu-nai-vuot-cap': 0 },
  [HOOD]: { 'tra-loi-phan-anh': 2, 'khieu-nai-vuot-cap': 0, 'to-cong-nghe-so': 1 },
};
const SETUP = {
  issuer: AN_LAC_ISSUER,
  postingDays: 10,
  judged: [{ id: 'danh-gia-chung', title: 'Đánh giá chung của Thường trực Hội đồng', points: 10 }],
};

describe('the commendation stage through the API', () => {
  let stack: ApiStack;
  let admin: ApiClient;
  let ds: DataSource;
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'commendation-'));

  beforeAll(async () => {
    stack = await startApiStack('khenthuong');
    admin = stack.admin;
    ds = await createDataSource({ url: stack.config.databaseUrl, poolSize: 2 }).initialize();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => stopChild(c, 5000)));
    await stack?.close();
    await ds?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'takes two campaigns from final reports to numbered decisions, with the council, the posting and an objection',
    scenario(async (step) => {
      step('the ward’s units, their accounts, the coordinator and five council members');
      expect((await admin.post('/api/units/import', { templateId: 'phuong-cds-cchc-2026' })).status).toBe(201);
      for (const id of [AGENCY, SERVICE, HOOD, LEFT, SILENT])
        expect((await admin.post('/api/accounts', { username: id, password: PASSWORD, role: 'unit', unitId: id })).status).toBe(201);
      expect(
        (await admin.post('/api/accounts', { username: 'van-phong', password: PASSWORD, role: 'coordinator', displayName: 'Lê Minh Tâm' }))
          .status,
      ).toBe(201);
      const council = ['Trần Thị Hương', 'Nguyễn Văn Đức', 'Phạm Thị Ánh', 'Hoàng Quốc Việt', 'Đặng Thu Trang'];
      for (const [i, name] of council.entries())
        expect(
          (await admin.post('/api/accounts', { username: `hoi-dong-${i + 1}`, password: PASSWORD, role: 'coordinator', displayName: name }))
            .status,
        ).toBe(201);
      const unit = Object.fromEntries(
        await Promise.all(
          [AGENCY, SERVICE, HOOD, LEFT, SILENT].map(async (id) => [id, await stack.anonymous.login(id, PASSWORD)] as const),
        ),
      );
      const coordinator = await stack.anonymous.login('van-phong', PASSWORD);

      step('the catalogue of forms: the built-ins with their vote rules and legal basis; admins edit it, a bad rule is named');
      const forms = (await coordinator.get('/api/commendation-forms')).body as Array<{
        id: string;
        recipient: string;
        vote: { share: { num: number; den: number }; of: string };
        legalBasis: string;
        version: number;
      }>;
      expect(forms.map((f) => f.id)).toEqual(
        expect.arrayContaining([
          'giay-khen-tap-the',
          'giay-khen-ca-nhan',
          'tap-the-lao-dong-tien-tien',
          'tap-the-lao-dong-xuat-sac',
          'chien-si-thi-dua-co-so',
          'bang-khen-chu-tich-tinh',
          'co-thi-dua-tinh',
          'chien-si-thi-dua-tinh',
        ]),
      );
      expect(forms.find((f) => f.id === 'chien-si-thi-dua-tinh')).toMatchObject({
        recipient: 'individual',
        vote: { share: { num: 90, den: 100 }, of: 'members' },
        legalBasis: expect.stringContaining('khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP'),
      });
      const advanced = forms.find((f) => f.id === 'tap-the-lao-dong-tien-tien')!;
      const edit = {
        id: advanced.id,
        title: 'Tập thể Lao động tiên tiến',
        recipient: 'collective',
        legalBasis: 'Quy chế Hội đồng phường An Lạc, Điều 7',
        vote: { share: { num: 2, den: 3 }, of: 'present', quorum: { num: 2, den: 3 } },
      };
      const badRule = await admin.call('PUT', `/api/commendation-forms/${advanced.id}`, {
        ...edit,
        vote: { share: { num: 4, den: 3 }, of: 'everyone', quorum: { num: 2, den: 3 } },
      });
      expect(badRule.status).toBe(400);
      expect(badRule.body.details.map((d: { field: string }) => d.field)).toEqual(['vote.share', 'vote.of']);
      expect((await coordinator.call('PUT', `/api/commendation-forms/${advanced.id}`, edit)).status).toBe(403);
      const edited = await admin.call('PUT', `/api/commendation-forms/${advanced.id}`, { ...edit, baseVersion: advanced.version });
      expect(edited.body).toMatchObject({
        version: advanced.version + 1,
        vote: { share: { num: 2, den: 3 } },
        legalBasis: 'Quy chế Hội đồng phường An Lạc, Điều 7',
      });
      expect((await admin.call('PUT', `/api/commendation-forms/${advanced.id}`, { ...edit, baseVersion: advanced.version })).status).toBe(
        409,
      );
      expect((await admin.post('/api/commendation-forms', { ...edit, id: 'giay-khen-tap-the' })).status).toBe(409);

      step('two campaigns of the same ward run to their final reports (one unit withdrawn, one never registered)');
      const plan = {
        reporting: { [AGENCY]: VALUES[AGENCY], [SERVICE]: VALUES[SERVICE], [HOOD]: VALUES[HOOD] },
        withdrawn: LEFT,
        silent: [SILENT],
      };
      const [a, b] = await Promise.all([
        campaignToFinalReports(admin, unit, coordinator, plan),
        campaignToFinalReports(admin, unit, coordinator, plan),
      ]);
      const stage = (code: string): string => `/api/campaigns/${code}/commendation`;

      step('bad setups are refused naming each field; nothing is opened');
      const badSetup = await coordinator.post(stage(a), {
        setup: { ...SETUP, issuer: { ...SETUP.issuer, abbreviation: 'ubnd' }, postingDays: 0, nominationsDue: '2020-01-01T00:00:00Z' },
      });
      expect(badSetup.status).toBe(400);
      expect(badSetup.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['setup.issuer.abbreviation', 'setup.nominationsDue', 'setup.postingDays']),
      );
      expect((await coordinator.get(stage(a))).status).toBe(404);

      step('both stages opened: each unit with its final report in gets a nominating task, with a deadline');
      const due = new Date(Date.now() + 40 * SECOND).toISOString();
      for (const code of [a, b]) {
        const opened = await coordinator.post(stage(code), { setup: { ...SETUP, nominationsDue: due } });
        expect(opened.status).toBe(201);
        expect(
          opened.body.units
            .filter((u: { task?: unknown }) => u.task)
            .map((u: { unitId: string }) => u.unitId)
            .sort(),
        ).toEqual([AGENCY, SERVICE, HOOD].sort());
      }
      expect((await coordinator.post(stage(a), { setup: { ...SETUP, nominationsDue: due } })).status).toBe(409);
      const todo = (await unit[HOOD].get('/api/me/tasks')).body as Array<{
        campaignId: string;
        kind: string;
        title: string;
        dueAt: string;
      }>;
      expect(
        todo
          .filter((t) => t.kind === 'commendation')
          .map((t) => [t.campaignId, t.title, t.dueAt])
          .sort(),
      ).toEqual(
        [
          [a, 'Đề nghị khen thưởng cá nhân', due],
          [b, 'Đề nghị khen thưởng cá nhân', due],
        ].sort(),
      );

      step('judged scores: a negative one is refused; the ranking counts them; a unit sees its own sheet');
      const before = await dbFingerprint(ds);
      const negative = await coordinator.call('PUT', `${stage(a)}/scores/${HOOD}/danh-gia-chung`, { points: -2 });
      expect(negative.status).toBe(400);
      expect(negative.body.details.map((d: { field: string }) => d.field)).toEqual(['points']);
      expect((await coordinator.call('PUT', `${stage(a)}/scores/${HOOD}/danh-gia-chung`, { points: 11 })).status).toBe(400);
      expect(await dbFingerprint(ds)).toBe(before);
      for (const code of [a, b]) {
        expect(
          (
            await coordinator.call('PUT', `${stage(code)}/scores/${HOOD}/danh-gia-chung`, {
              points: 10,
              note: 'Phong trào sôi nổi, nhiều mô hình hay',
            })
          ).status,
        ).toBe(200);
        expect((await coordinator.call('PUT', `${stage(code)}/scores/${SERVICE}/danh-gia-chung`, { points: 6 })).status).toBe(200);
      }
      const board = (await coordinator.get(`/api/campaigns/${a}/scores`)).body;
      const ranking = board.rows.map((r: { unitId: string; total: number; rank: number }) => [r.unitId, r.total, r.rank]);
      // The agency: 30 + 20 + 15; the service unit misses 90% online: 20 + 20 + 15 + 6 judged; Khu phố 4: 20 + 15 + 15 + 10 judged.
      expect(ranking.slice(0, 3)).toEqual([
        [AGENCY, 65, 1],
        [SERVICE, 61, 2],
        [HOOD, 60, 3],
      ]);
      const own = await unit[HOOD].get(`/api/campaigns/${a}/units/${HOOD}/score`);
      expect(own.body.lines.find((l: { criterion: string }) => l.criterion === 'danh-gia-chung')).toMatchObject({
        points: 10,
        judged: true,
        note: 'Phong trào sôi nổi, nhiều mô hình hay',
      });

      step('collective nominations: a withdrawn and a non-compliant unit are refused by name, nothing recorded');
      const fp = await dbFingerprint(ds);
      const withdrawn = await coordinator.post(`${stage(a)}/nominations`, { unitId: LEFT, formId: 'giay-khen-tap-the' });
      expect(withdrawn.status).toBe(400);
      expect(withdrawn.body.details[0]).toMatchObject({ field: 'unitId', message: expect.stringContaining('đã rút khỏi đợt thi đua') });
      const silent = await coordinator.post(`${stage(a)}/nominations`, { unitId: SILENT, formId: 'giay-khen-tap-the' });
      expect(silent.status).toBe(400);
      expect(silent.body.details[0].message).toContain('không hoàn thành');
      const wrongForm = await coordinator.post(`${stage(a)}/nominations`, { unitId: HOOD, formId: 'chien-si-thi-dua-co-so' });
      expect(wrongForm.status).toBe(400);
      expect(wrongForm.body.details[0].field).toBe('formId');
      expect(await dbFingerprint(ds)).toBe(fp);
      for (const code of [a, b]) {
        for (const id of [HOOD, AGENCY, SERVICE])
          expect((await coordinator.post(`${stage(code)}/nominations`, { unitId: id, formId: 'giay-khen-tap-the' })).status).toBe(201);
      }

      step('a unit nominates its individuals; one consolidated return; it sends them again');
      const people = [
        {
          name: 'Nguyễn Thị Thu Hà',
          position: 'Tổ trưởng tổ công nghệ số cộng đồng',
          achievement: 'Hướng dẫn 320 hộ dân nộp hồ sơ trực tuyến toàn trình.',
          initiative: 'Sổ tay “Một cửa số” cho người cao tuổi',
          formId: 'chien-si-thi-dua-co-so',
        },
        {
          name: 'Võ Đức Thắng',
          position: 'Trưởng khu phố 4',
          achievement: 'Khu phố không để xảy ra khiếu nại vượt cấp.',
          formId: 'giay-khen-ca-nhan',
        },
      ];
      const noInitiative = await unit[HOOD].post(`/api/campaigns/${a}/units/${HOOD}/commendation/individuals`, {
        people: [{ ...people[0], initiative: undefined }],
      });
      expect(noInitiative.status).toBe(400);
      expect(noInitiative.body.details[0].field).toBe('people.0.initiative');
      expect((await unit[AGENCY].post(`/api/campaigns/${a}/units/${HOOD}/commendation/individuals`, { people })).status).toBe(404);
      for (const code of [a, b]) {
        expect(
          (await unit[HOOD].post(`/api/campaigns/${code}/units/${HOOD}/commendation/individuals`, { people: [people[0]] })).status,
        ).toBe(201);
        for (const id of [AGENCY, SERVICE])
          expect((await unit[id].post(`/api/campaigns/${code}/units/${id}/commendation/individuals`, { people: [] })).status).toBe(201);
      }
      const returned = await coordinator.post(`${stage(a)}/units/${HOOD}/return`, {
        reason: 'Bổ sung ông Võ Đức Thắng (Trưởng khu phố) vào danh sách; ghi rõ số hộ dân được hướng dẫn.',
      });
      expect(returned.status).toBe(201);
      const mine = await unit[HOOD].get(`/api/campaigns/${a}/units/${HOOD}/commendation`);
      expect(mine.body.unit.task).toMatchObject({ status: 'returned', returnedReason: expect.stringContaining('Võ Đức Thắng') });
      const inbox = await unit[HOOD].get('/api/me/notifications');
      expect(inbox.body.items.map((i: { subject: string }) => i.subject)).toContain(
        'Đề nghị bổ sung, chỉnh sửa hồ sơ khen thưởng: Khu phố 4',
      );
      const resent = await unit[HOOD].post(`/api/campaigns/${a}/units/${HOOD}/commendation/individuals`, { people });
      expect(resent.status).toBe(201);
      expect(((await unit[HOOD].get('/api/me/tasks')).body as Array<{ kind: string }>).filter((t) => t.kind === 'commendation')).toEqual(
        [],
      );
      expect(
        resent.body.nominees
          .filter((n: { status: string }) => n.status !== 'removed')
          .map((n: { person?: { name: string } }) => n.person?.name ?? 'tập thể'),
      ).toEqual(['tập thể', 'Nguyễn Thị Thu Hà', 'Võ Đức Thắng']);
      const firstIds = resent.body.nominees
        .filter((n: { person?: unknown; status: string }) => n.person && n.status !== 'removed')
        .map((n: { id: string }) => n.id);
      expect(firstIds).toContain(`cn:${HOOD}:1`); // Nguyễn Thị Thu Hà kept her id when the list was sent again
      const fpReturn = await dbFingerprint(ds);
      const secondReturn = await coordinator.post(`${stage(a)}/units/${HOOD}/return`, { reason: 'Bổ sung thêm một lần nữa' });
      expect(secondReturn.status).toBe(409);
      expect(secondReturn.body.message).toContain('chỉ được yêu cầu bổ sung, chỉnh sửa một lần');
      expect(await dbFingerprint(ds)).toBe(fpReturn);

      step('the council: five members from accounts; a ballot above the member count is refused');
      const members = council.map((_, i) => ({
        username: `hoi-dong-${i + 1}`,
        role: i === 0 ? 'Chủ tịch Hội đồng' : i === 4 ? 'Thư ký' : 'Thành viên',
      }));
      for (const code of [a, b])
        expect(
          (
            await coordinator.call('PUT', `${stage(code)}/council`, {
              members,
              meetingAt: new Date().toISOString(),
              place: 'Hội trường UBND phường',
            })
          ).status,
        ).toBe(200);
      const ghost = await coordinator.call('PUT', `${stage(a)}/council`, {
        members: [...members, { username: 'khong-co', role: 'Thành viên' }],
        meetingAt: new Date().toISOString(),
      });
      expect(ghost.status).toBe(400);
      expect(ghost.body.details[0].field).toBe('members.5.username');
      const clerk = await coordinator.call('PUT', `${stage(a)}/council`, {
        members: [...members, { username: HOOD, role: 'Thành viên' }],
        meetingAt: new Date().toISOString(),
      });
      expect(clerk.status).toBe(400);
      expect(clerk.body.details).toEqual([
        expect.objectContaining({ field: 'members.5', message: expect.stringContaining('tài khoản của đơn vị') }),
      ]);
      expect(
        (await admin.post('/api/accounts', { username: 'da-nghi', password: PASSWORD, role: 'coordinator', displayName: 'Đã nghỉ' }))
          .status,
      ).toBe(201);
      const retired = (await admin.get('/api/accounts')).body.find((x: { username: string }) => x.username === 'da-nghi');
      expect((await admin.call('PATCH', `/api/accounts/${retired.id}`, { disabled: true })).status).toBe(200);
      const disabled = await coordinator.call('PUT', `${stage(a)}/council`, {
        members: [{ username: 'da-nghi', role: 'Thành viên' }, ...members],
        meetingAt: new Date().toISOString(),
      });
      expect(disabled.status).toBe(400);
      expect(disabled.body.details).toEqual([
        expect.objectContaining({ field: 'members.0', message: expect.stringContaining('đã bị khóa') }),
      ]);
      const fp2 = await dbFingerprint(ds);
      const tooMany = await coordinator.post(`${stage(a)}/votes`, { nomineeId: `tt:${HOOD}:giay-khen-tap-the`, present: 6, inFavour: 6 });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.details[0]).toMatchObject({
        field: 'present',
        message: expect.stringContaining('không được lớn hơn số thành viên (5)'),
      });
      expect(await dbFingerprint(ds)).toBe(fp2);

      step('the secret ballots: the result is computed from the counts and each form’s rule');
      const nominees = (await coordinator.get(stage(a))).body.nominees
        .filter((n: { status: string }) => n.status === 'proposed')
        .map((n: { id: string }) => n.id);
      expect(nominees).toHaveLength(5);
      for (const code of [a, b]) {
        const ids = (await coordinator.get(stage(code))).body.nominees
          .filter((n: { status: string }) => n.status === 'proposed')
          .map((n: { id: string }) => n.id);
        for (const id of ids) {
          // The service unit gets 3 of 5 (60% < 70% of members): rejected. Everyone else 4 or 5.
          const inFavour = id === `tt:${SERVICE}:giay-khen-tap-the` ? 3 : 4;
          expect((await coordinator.post(`${stage(code)}/votes`, { nomineeId: id, present: 5, inFavour })).status).toBe(201);
        }
      }
      const voted = (await coordinator.get(stage(a))).body;
      const result = (id: string): unknown => voted.nominees.find((n: { id: string }) => n.id === id).vote;
      expect(result(`tt:${SERVICE}:giay-khen-tap-the`)).toMatchObject({ passed: false, percent: 60, needed: 4, quorate: true });
      expect(result(`tt:${HOOD}:giay-khen-tap-the`)).toMatchObject({ passed: true, percent: 80 });

      step('the list is posted for 10 plan days: the sheets freeze, every unit sees the list, a unit objects');
      const posted = await coordinator.post(`${stage(a)}/posting`);
      expect(posted.status).toBe(201);
      expect(posted.body.posting.sheets.map((s: { unitId: string }) => s.unitId)).toEqual(
        board.rows.map((r: { unitId: string }) => r.unitId),
      );
      expect((await coordinator.post(`${stage(b)}/posting`)).status).toBe(201);
      expect((await coordinator.call('PUT', `${stage(a)}/scores/${AGENCY}/danh-gia-chung`, { points: 9 })).status).toBe(409);
      expect((await coordinator.get(`/api/campaigns/${a}/scores`)).body.frozenAt).toBe(posted.body.posting.postedAt);
      const seen = await unit[AGENCY].get(`/api/campaigns/${a}/units/${AGENCY}/commendation`);
      expect(seen.body.posting.list.map((n: { name: string }) => n.name)).toEqual([
        'Khu phố 4',
        'Phòng Văn hóa – Xã hội',
        'Nguyễn Thị Thu Hà (Khu phố 4)',
        'Võ Đức Thắng (Khu phố 4)',
      ]);
      const objected = await unit[AGENCY].post(`/api/campaigns/${a}/units/${AGENCY}/commendation/objections`, {
        nomineeId: `cn:${HOOD}:2`,
        reason: 'Đề nghị làm rõ số hộ được hướng dẫn.',
      });
      expect(objected.status).toBe(201);
      expect((await coordinator.get('/api/me/notifications')).body.items.map((i: { subject: string }) => i.subject)).toContain(
        'Ý kiến về danh sách khen thưởng: Võ Đức Thắng (Khu phố 4)',
      );

      step('no decision while the period runs or an objection is open; the objection is resolved');
      const early = await coordinator.post(`${stage(a)}/decision`);
      expect(early.status).toBe(409);
      expect(early.body.message).toContain('Chưa hết thời gian công khai');
      expect(
        (
          await coordinator.post(`${stage(a)}/objections/yk-1/resolution`, {
            outcome: 'dismissed',
            resolution: 'Đã xác minh: 320 hộ, đúng với hồ sơ.',
          })
        ).status,
      ).toBe(201);

      step('the period ends (a durable timer); an objection after it is refused');
      for (const code of [a, b])
        await eventually(
          () => coordinator.get(stage(code)),
          (r) => r.body.posting.ended === true,
          60 * SECOND,
        );
      const late = await unit[SERVICE].post(`/api/campaigns/${a}/units/${SERVICE}/commendation/objections`, {
        nomineeId: `tt:${HOOD}:giay-khen-tap-the`,
        reason: 'Ý kiến muộn',
      });
      expect(late.status).toBe(409);
      expect(late.body.message).toContain('Đã hết thời gian công khai');

      step('both decisions at once, by a worker that dies right after committing one: numbers 1 and 2, once each');
      await stack.stopWorker();
      const marker = join(dir, 'DecisionIssued');
      const armed = spawn(process.execPath, ['-r', join(root, 'test/swc-register.js'), join(root, 'apps/worker/src/main.ts')], {
        env: {
          ...process.env,
          DATABASE_URL: stack.config.databaseUrl,
          TEMPORAL_TASK_QUEUE: stack.config.taskQueue,
          // The decision's papers go where the API reads them.
          STORAGE_URL: stack.config.storageUrl!,
          DIGEST_CRON: '',
          LOG_LEVEL: 'error',
          SHUTDOWN_GRACE_MS: '1000',
          FAULT_CRASH_AFTER_COMMIT_MARKER: marker,
          FAULT_CRASH_AFTER_EVENT: 'DecisionIssued',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(armed);
      const keys = { [a]: randomUUID(), [b]: randomUUID() };
      /** Issues the decision, repeating with the same key while no worker answers (503). */
      const issue = async (
        code: string,
      ): Promise<{ status: number; body: { campaignId: string; decision: { numberText: string; issuedAt: string } } }> =>
        eventually(
          () => coordinator.post(`${stage(code)}/decision`, {}, { 'idempotency-key': keys[code] }),
          (r) => r.status !== 503,
          90 * SECOND,
        );
      const pending = Promise.all([issue(a), issue(b)]);
      await eventually(
        async () => existsSync(marker) && (armed.exitCode !== null || armed.signalCode !== null),
        (done) => done,
        60 * SECOND,
      );
      expect(armed.signalCode).toBe('SIGKILL');
      await stack.startWorker();
      const decided = await pending;
      expect(decided.map((r) => r.status)).toEqual([201, 201]);
      expect(decided.map((r) => r.body.decision.numberText).sort()).toEqual(['1/QĐ-UBND', '2/QĐ-UBND']);
      const register = await ds.query("SELECT last_number FROM decision_registers WHERE issuer_key = 'ubnd:ủy ban nhân dân phường an lạc'");
      expect(register).toEqual([{ last_number: 2 }]);
      const issued = await ds.query(
        `SELECT stream, data->>'numberText' AS number FROM events WHERE type IN (${ofType('DecisionIssued')}) ORDER BY stream`,
      );
      expect(issued).toHaveLength(2);
      expect(new Set(issued.map((e: { number: string }) => e.number)).size).toBe(2);
      const again = await coordinator.post(`${stage(a)}/decision`);
      expect(again.status).toBe(409);

      step('the papers: text with its diacritics (pdftotext), each drawn to PNG; the list as .xlsx');
      const decision = decided.find((r) => r.body.campaignId === a)!.body.decision;
      const texts: Record<string, string> = {};
      for (const paper of ['to-trinh', 'danh-sach', 'bien-ban', 'quyet-dinh', 'giay-khen']) {
        const res = await fetch(`${stack.anonymous.base}${stage(a)}/papers/${paper}.pdf`, {
          headers: { authorization: `Bearer ${coordinator.token}` },
        });
        expect([paper, res.status, res.headers.get('content-type')]).toEqual([paper, 200, 'application/pdf']);
        const file = join(ARTIFACTS, `${paper}.pdf`);
        writeFileSync(file, Buffer.from(await res.arrayBuffer()));
        // Reading order (table cells wrap names over lines), whitespace collapsed.
        texts[paper] = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
        execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(ARTIFACTS, paper)]);
      }
      expect(texts['quyet-dinh']).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(texts['quyet-dinh']).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(texts['quyet-dinh']).toContain(`Số: ${decision.numberText}`);
      expect(texts['quyet-dinh']).toContain('Trần Thị Hương');
      expect(texts['quyet-dinh']).toContain('Nguyễn Thị Thu Hà');
      // Issued after 01/07/2025: the decree in force is 152/2025, which replaced 98/2023.
      expect(Date.parse(decision.issuedAt)).toBeGreaterThanOrEqual(Date.parse('2025-07-01T00:00:00+07:00'));
      expect(texts['quyet-dinh']).toContain('Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025');
      expect(texts['quyet-dinh']).not.toContain('98/2023');
      expect(texts['bien-ban']).toContain('Không đạt');
      expect(texts['bien-ban']).toContain('Đặng Thu Trang');
      expect(texts['danh-sach']).toContain('Võ Đức Thắng');
      expect(texts['to-trinh']).toContain('TỜ TRÌNH');
      expect(texts['giay-khen']).toContain('GIẤY KHEN');
      expect(texts['giay-khen']).toContain('Nguyễn Thị Thu Hà');
      expect(texts['giay-khen']).not.toContain('Trung tâm Phục vụ hành chính công phường'); // rejected by the council
      const pages = execFileSync('pdfinfo', [join(ARTIFACTS, 'giay-khen.pdf')], { encoding: 'utf8' });
      expect(pages).toMatch(/Pages:\s+4/); // one certificate per awardee
      const fonts = execFileSync('pdffonts', [join(ARTIFACTS, 'quyet-dinh.pdf')], { encoding: 'utf8' });
      expect(fonts).toMatch(/DejaVuSerif.*yes\s+yes/); // embedded, subset
      const xlsx = await fetch(`${stack.anonymous.base}${stage(a)}/list.xlsx`, {
        headers: { authorization: `Bearer ${coordinator.token}` },
      });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
      const rows: unknown[][] = wb.worksheets[0]
        .getSheetValues()
        .slice(3)
        .map((r) => (r as unknown[]).slice(1));
      expect(rows.map((r) => [r[2], r[11], r[13]])).toEqual([
        ['Khu phố 4', 'Đạt', 'Có'],
        ['Phòng Văn hóa – Xã hội', 'Đạt', 'Có'],
        ['Trung tâm Phục vụ hành chính công phường', 'Không đạt', 'Không'],
        // Sent again after the return, she kept her place on the list (stable ids): one row, not a removed one and a new one.
        ['Nguyễn Thị Thu Hà', 'Đạt', 'Có'],
        ['Võ Đức Thắng', 'Đạt', 'Có'],
      ]);

      step('a unit reads the decision and its own certificate, not another unit’s');
      expect(
        (
          await fetch(`${stack.anonymous.base}${stage(a)}/papers/quyet-dinh.pdf`, {
            headers: { authorization: `Bearer ${unit[HOOD].token}` },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await fetch(`${stack.anonymous.base}${stage(a)}/papers/giay-khen.pdf?nominee=cn:${HOOD}:2`, {
            headers: { authorization: `Bearer ${unit[HOOD].token}` },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await fetch(`${stack.anonymous.base}${stage(a)}/papers/giay-khen.pdf?nominee=cn:${HOOD}:2`, {
            headers: { authorization: `Bearer ${unit[AGENCY].token}` },
          })
        ).status,
      ).toBe(403);

      step('every projection rebuilt from the log alone is the projection the system kept');
      await stack.stopWorker(); // nothing writes while the tables are compared
      const kept = await projectionSnapshot(ds);
      const rebuilt = spawnSync(
        process.execPath,
        ['-r', join(root, 'test/swc-register.js'), join(root, 'scripts/rebuild-projections.ts')],
        {
          env: { ...process.env, DATABASE_URL: stack.config.databaseUrl },
          encoding: 'utf8',
        },
      );
      expect({ status: rebuilt.status, stderr: rebuilt.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
      expect(rebuilt.stdout).toMatch(/"family":"commendations".*"rows":2/);
      const fromLog = await projectionSnapshot(ds);
      for (const table of PROJECTION_TABLES) expect({ table, rows: fromLog[table] }).toEqual({ table, rows: kept[table] });
      expect(kept.campaigns.length).toBe(2);
      expect(kept.commendations.length).toBe(2);
    }),
    600 * SECOND,
  );
});
