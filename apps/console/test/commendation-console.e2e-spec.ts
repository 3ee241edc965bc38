/**
 * The commendation stage in the console (Chromium, real API, worker, Temporal dev server and PostgreSQL):
 * a compressed ward campaign whose two units have sent their final reports (set up through the API). The
 * coordinator opens the stage at a desk; a ward's clerk sends its individuals from a 390×844 phone (each
 * mistake named beside its field); the coordinator, on a phone too, nominates the ward, seats the council by
 * name, records the ballots, posts the list (confirmed); the clerk objects from the phone, the coordinator
 * keeps the nomination with a reason; after the posting period the decision is issued (confirmed) and the
 * clerk downloads it. Every page is audited (axe, 390 and 360 px) with screenshots in test-artifacts/console/.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type ApiClient, campaignToFinalReports, eventually, scenario } from '@thidua/testing';
import { ARTIFACTS, startConsoleBrowser, type ConsoleBrowser } from './console-browser';

const PW = 'mat-khau-khen-thuong-2026';
const [AGENCY, HOOD] = ['phong-van-hoa-xa-hoi', 'khu-pho-4'];
const SECOND = 1000;

describe('the commendation stage in the console', () => {
  let cb: ConsoleBrowser;

  beforeAll(async () => {
    cb = await startConsoleBrowser('khen-console');
  });
  afterAll(async () => {
    await cb?.close();
  });

  it(
    'takes a ward from final reports to a downloaded decision, the clerk on a phone',
    scenario(async (step) => {
      step(
        'Set up through the API: the ward’s units and accounts, the coordinator, three council members, a campaign at its final reports',
      );
      const admin = cb.stack.admin;
      expect((await admin.post('/api/units/import', { templateId: 'phuong-cds-cchc-2026' })).status).toBe(201);
      for (const id of [AGENCY, HOOD])
        expect((await admin.post('/api/accounts', { username: id, password: PW, role: 'unit', unitId: id })).status).toBe(201);
      expect(
        (await admin.post('/api/accounts', { username: 'van-phong', password: PW, role: 'coordinator', displayName: 'Lê Minh Tâm' }))
          .status,
      ).toBe(201);
      const council = ['Trần Thị Hương', 'Nguyễn Văn Đức', 'Phạm Thị Ánh'];
      for (const [i, name] of council.entries())
        expect(
          (await admin.post('/api/accounts', { username: `hoi-dong-${i + 1}`, password: PW, role: 'coordinator', displayName: name }))
            .status,
        ).toBe(201);
      const units: Record<string, ApiClient> = Object.fromEntries(
        await Promise.all([AGENCY, HOOD].map(async (id) => [id, await cb.stack.anonymous.login(id, PW)] as const)),
      );
      const coordinatorApi = await cb.stack.anonymous.login('van-phong', PW);
      const values = { 'tra-loi-phan-anh': 2, 'khieu-nai-vuot-cap': 0 };
      const code = await campaignToFinalReports(admin, units, coordinatorApi, {
        prefix: 'khen-console',
        reporting: { [AGENCY]: { ...values, 'ho-so-truc-tuyen': 95 }, [HOOD]: { ...values, 'to-cong-nghe-so': 1 } },
      });

      step('The coordinator opens the stage at a desk: the issuer, the deadline for individuals, the posting period, a judged criterion');
      const desk = await cb.login('van-phong', PW);
      await desk.locator('header .who', { hasText: 'Lê Minh Tâm (Cán bộ theo dõi thi đua)' }).waitFor();
      await desk
        .getByRole('link', { name: /cải cách hành chính/ })
        .first()
        .click();
      await desk.getByRole('link', { name: /^Bình xét, khen thưởng/ }).click();
      await desk.getByLabel('Cơ quan ban hành quyết định').fill('Ủy ban nhân dân phường An Lạc');
      await desk.getByLabel('Địa danh ghi trên văn bản').fill('An Lạc');
      await desk.getByLabel('Họ tên người ký').fill('Trần Thị Hương');
      // Ten plan days of posting: 20 s in this compressed campaign.
      await desk.getByLabel('Số ngày công khai danh sách').fill('10');
      await desk.getByLabel('Tiêu chí do Thường trực chấm (tùy chọn)').fill('Đánh giá chung của Thường trực Hội đồng');
      await desk.getByRole('button', { name: 'Mở bình xét, khen thưởng' }).click();
      await desk.getByText('Đang nhận đề nghị').waitFor();
      await cb.audit(desk, 'commendation-stage');
      await cb.shot(desk, '10-commendation-stage');
      await cb.guideShot(desk, 'dieu-phoi-binh-xet');

      step('The ward’s clerk, on a phone: the nominating task, one person with a mistake named beside its field, then sent');
      const clerk = await cb.login(HOOD, PW, true);
      const task = clerk
        .getByRole('listitem')
        .filter({ has: clerk.getByRole('heading', { name: 'Đề nghị khen thưởng cá nhân', exact: true }) });
      await task.getByRole('link', { name: 'Thực hiện' }).tap();
      await clerk.getByRole('heading', { name: 'Cá nhân đề nghị khen thưởng' }).waitFor();
      await clerk.getByRole('button', { name: 'Thêm người' }).tap();
      await clerk.getByLabel('Chức vụ').fill('Tổ trưởng tổ dân phố 12');
      await clerk.getByLabel('Tóm tắt thành tích').fill('Vận động 100% hộ dân cài ứng dụng dịch vụ công; tổ dân phố văn hóa 3 năm liền.');
      await clerk.getByRole('button', { name: 'Gửi danh sách' }).tap();
      const name = clerk.getByLabel('Họ và tên');
      await clerk.locator('.field.invalid', { has: name }).locator('small.error').waitFor();
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      await cb.fits(clerk, 'unit-commendation-error');
      await name.fill('Nguyễn Thị Lan');
      await clerk.getByRole('button', { name: 'Gửi danh sách' }).tap();
      await eventually(
        () => coordinatorApi.get(`/api/campaigns/${code}/commendation`),
        (r) => r.body.units?.find((u: { unitId: string }) => u.unitId === HOOD)?.task?.status === 'submitted',
        30 * SECOND,
      );
      await clerk.getByRole('status').filter({ hasText: 'Đã gửi danh sách cá nhân' }).waitFor();
      await clerk.getByRole('listitem').filter({ hasText: 'Nguyễn Thị Lan' }).waitFor();
      await cb.audit(clerk, 'unit-commendation');

      step('The coordinator, on a phone: the ward nominated, the council seated by name, a ballot for each nominee, the list posted');
      const pocket = await cb.login('van-phong', PW, true);
      await pocket.goto(`${cb.stack.anonymous.base}/campaigns/${code}/commendation`);
      await pocket.getByRole('row', { name: /Khu phố 4.*Đã gửi/ }).waitFor();
      await pocket
        .locator('section', { has: pocket.getByRole('heading', { name: 'Đề nghị khen thưởng tập thể' }) })
        .getByLabel('Đơn vị')
        .selectOption({ label: 'Khu phố 4' });
      await pocket.getByRole('button', { name: 'Đề nghị khen thưởng tập thể' }).tap();
      await pocket.locator('tr[data-nominee]', { hasText: 'Khu phố 4' }).first().waitFor();
      for (const person of council) await pocket.getByRole('checkbox', { name: person }).check();
      await pocket.getByLabel('Chức danh trong Hội đồng (Trần Thị Hương)').waitFor();
      expect(await pocket.getByLabel('Chức danh trong Hội đồng (Trần Thị Hương)').inputValue()).toBe('Chủ tịch Hội đồng');
      await pocket.getByLabel('Địa điểm').fill('Hội trường UBND phường');
      await pocket.getByRole('button', { name: 'Lưu thành phần Hội đồng' }).tap();
      await pocket.getByText(/Trần Thị Hương \(Chủ tịch Hội đồng\); Nguyễn Văn Đức \(Thành viên\)/).waitFor();
      const nominees = pocket.locator('tr[data-nominee]');
      expect(await nominees.count()).toBe(2);
      for (const i of [0, 1]) {
        const row = nominees.nth(i);
        await row.getByLabel('Số thành viên có mặt').fill('3');
        await row.getByLabel('Số phiếu đồng ý').fill('3');
        await row.getByRole('button', { name: 'Ghi kết quả bỏ phiếu' }).tap();
        await row.locator('.badge.ok', { hasText: 'Đạt' }).waitFor();
      }
      await cb.fits(pocket, 'commendation-ballots');
      // A council member reads the nominations and the recorded ballots at a desk (the guide's picture of it).
      const member = await cb.login('hoi-dong-2', PW);
      await member.goto(`${cb.stack.anonymous.base}/campaigns/${code}/commendation`);
      await member.locator('tr[data-nominee] .badge.ok', { hasText: 'Đạt' }).first().waitFor();
      await member.getByRole('heading', { name: 'Danh sách đề nghị' }).evaluate((h: { scrollIntoView(): void }) => h.scrollIntoView());
      await cb.guideShot(member, 'hoi-dong-phieu');
      await member.context().close();
      await pocket.getByRole('button', { name: 'Công khai danh sách' }).tap();
      await pocket.getByText(/Bảng chấm điểm sẽ được chốt/).waitFor();
      await pocket.getByRole('button', { name: 'Xác nhận' }).tap();
      await pocket.getByText('Đang công khai danh sách').waitFor();

      step('The clerk objects from the phone; the coordinator keeps the nomination, with the reason');
      await clerk.reload();
      await clerk.getByRole('heading', { name: 'Danh sách công khai' }).waitFor();
      await clerk.getByLabel('Tập thể / cá nhân').selectOption({ label: 'Nguyễn Thị Lan (Khu phố 4)' });
      await clerk.getByLabel('Nội dung ý kiến').fill('Đề nghị làm rõ thời gian giữ chức tổ trưởng.');
      await clerk.getByRole('button', { name: 'Gửi ý kiến' }).tap();
      await clerk.getByText(/Đề nghị làm rõ thời gian giữ chức tổ trưởng\. — Chưa xử lý/).waitFor();
      await cb.fits(clerk, 'unit-objection');
      await pocket.reload();
      const objection = pocket.getByRole('listitem').filter({ hasText: 'Đề nghị làm rõ thời gian giữ chức tổ trưởng.' });
      await objection.getByRole('form', { name: 'Xử lý ý kiến' }).getByLabel('Kết quả xử lý').fill('Đã giữ chức từ 2019, đủ điều kiện.');
      await objection.getByRole('button', { name: 'Giữ nguyên đề nghị' }).tap();
      await objection.locator('.badge', { hasText: 'Đã giữ chức từ 2019, đủ điều kiện.' }).waitFor();
      await cb.audit(pocket, 'commendation-posted');

      step('After the posting period, the decision is issued (confirmed), numbered, and the clerk downloads it');
      await eventually(
        () => coordinatorApi.get(`/api/campaigns/${code}/commendation`),
        (r) => r.body.posting?.ended === true,
        60 * SECOND,
      );
      await pocket.reload();
      await pocket.getByRole('button', { name: 'Ban hành quyết định khen thưởng' }).tap();
      await pocket.getByText(/không thể thu hồi/).waitFor();
      await pocket.getByRole('button', { name: 'Xác nhận' }).tap();
      await pocket.getByText(/Quyết định 1\/QĐ-UBND/).waitFor();
      await cb.fits(pocket, 'commendation-decided');
      await clerk.reload();
      const paper = clerk.getByRole('listitem').filter({ hasText: 'Quyết định' });
      const [pdf] = await Promise.all([clerk.waitForEvent('download'), paper.getByRole('button', { name: 'Tải PDF' }).tap()]);
      const file = join(ARTIFACTS, 'decision-from-phone.pdf');
      await pdf.saveAs(file);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('1/QĐ-UBND');
      expect(text).toContain('Nguyễn Thị Lan');
      // Issued today: its legal basis is the decree in force since 01/07/2025, never the repealed 98/2023.
      expect(text.replace(/\s+/g, ' ')).toContain('Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025');
      expect(text).not.toContain('98/2023');
      await cb.audit(clerk, 'unit-commendation-decided');

      expect(cb.a11y.filter((a) => a.violations.length)).toEqual([]);
      expect(cb.overflow).toEqual([]);
    }),
  );
});
