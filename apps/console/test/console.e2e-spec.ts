/**
 * The web console in a real browser (Debian's Chromium through playwright-core), on the real API, worker,
 * Temporal dev server and PostgreSQL: an admin launches a compressed campaign, a unit registers with two
 * initiatives, the coordinator returns it, the unit resubmits, the coordinator approves, the admin's
 * dashboard shows the unit registered and the unit that did nothing overdue and escalated. Screenshots of
 * every main page go to test-artifacts/console/, and every page passes axe without serious violations.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ADMIN, type ApiStack, eventually, scenario, eventType } from '@thidua/testing';
import { ARTIFACTS, sentOrFailed, startConsoleBrowser, TZ, type ConsoleBrowser } from './console-browser';
import { REPO_ROOT } from '@thidua/devkit';
import { isoWithOffset } from '@thidua/contracts';

const PW = 'mat-khau-kiem-thu-2026';

/** Now in the campaign's local time, as a datetime-local value (yyyy-MM-ddTHH:mm:ss). */
function localNow(): string {
  return isoWithOffset(new Date(), TZ).slice(0, 19);
}

describe('web console in Chromium', () => {
  let cb: ConsoleBrowser;
  let stack: ApiStack;
  let browser: Browser;
  let base: string;
  const shot = (page: Page, name: string) => cb.shot(page, name);
  const audit = (page: Page, name: string) => cb.audit(page, name);
  const login = (username: string, password: string, phone = false) => cb.login(username, password, phone);

  beforeAll(async () => {
    cb = await startConsoleBrowser('console');
    ({ stack, browser } = cb);
    base = stack.anonymous.base;
  });
  afterAll(async () => {
    await cb?.close();
  });

  it(
    'runs a campaign from launch to registration and escalation',
    scenario(async (step) => {
      step('The login page, and a wrong password answered in Vietnamese');
      const anon = await (await browser.newContext({ locale: 'vi-VN' })).newPage();
      await anon.goto(base);
      await audit(anon, 'login');
      await shot(anon, '01-login');
      await anon.getByLabel('Tên đăng nhập').fill(ADMIN.username);
      await anon.getByLabel('Mật khẩu').fill('sai-mat-khau');
      await anon.getByRole('button', { name: 'Đăng nhập' }).click();
      await anon.getByText('Sai tên đăng nhập hoặc mật khẩu').waitFor();

      step('The admin fills the unit directory and creates the accounts, all in the console');
      const admin = await login(ADMIN.username, ADMIN.password);
      await admin.getByRole('link', { name: 'Quản trị' }).click();
      await admin.getByRole('button', { name: /^Nhập 26 đơn vị/ }).click();
      await admin.getByText('Đã thêm 26 đơn vị').waitFor();
      const accounts: Array<[string, string, string?]> = [
        ['can-bo-noi-vu', 'coordinator'],
        ['ubnd-phuong-an-lac', 'unit', 'UBND phường An Lạc'],
        ['phong-tu-phap', 'unit', 'Phòng Tư pháp'],
      ];
      for (const [username, role, unitName] of accounts) {
        const form = admin.getByRole('form', { name: 'Tạo tài khoản' });
        await form.getByLabel('Tên đăng nhập').fill(username);
        await form.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill(PW);
        await form.getByLabel('Vai trò').selectOption(role);
        if (unitName) await form.getByLabel('Đơn vị').selectOption({ label: unitName });
        await form.getByRole('button', { name: 'Lưu' }).click();
        await admin.getByRole('region', { name: 'Tài khoản' }).getByRole('cell', { name: username, exact: true }).waitFor();
      }
      // A second account with a taken name is refused beside the form, in Vietnamese.
      const form = admin.getByRole('form', { name: 'Tạo tài khoản' });
      await form.getByLabel('Tên đăng nhập').fill('can-bo-noi-vu');
      await form.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill(PW);
      await form.getByLabel('Vai trò').selectOption('coordinator');
      await form.getByRole('button', { name: 'Lưu' }).click();
      await admin.getByText('Tên đăng nhập "can-bo-noi-vu" đã được dùng').waitFor();
      // A bad unit code is named beside its field in words, never by the API's field name ("id: …").
      const unitForm = admin.getByRole('form', { name: 'Bổ sung đơn vị' });
      await unitForm.getByLabel('Mã đơn vị (chữ thường không dấu, số, gạch ngang)').fill('Phường 1');
      await unitForm.getByLabel('Tên đơn vị').fill('Phường 1');
      await unitForm.getByRole('button', { name: 'Lưu' }).click();
      const idError = unitForm.locator('.field.invalid small.error').first();
      await idError.waitFor();
      expect(await idError.textContent()).toMatch(/^[A-ZĐ]/u);
      expect(await unitForm.getByRole('alert').last().textContent()).not.toMatch(/\bid\b|không hợp lệ: /);
      // Search, edit, disable and reset in place: a person who left is locked out, a forgotten password reset.
      await admin.getByLabel('Tìm đơn vị (tên, mã)').fill('binh tri dong a');
      await admin.locator('table.directory tbody tr').first().and(admin.locator('[data-unit="ubnd-phuong-binh-tri-dong-a"]')).waitFor();
      expect(await admin.locator('table.directory tbody tr').count()).toBe(1);
      await admin.getByRole('button', { name: 'Sửa UBND phường Bình Trị Đông A' }).click();
      await admin.locator('table.directory').getByLabel('E-mail đầu mối').fill('vanthu.btda@binhtan.example.vn');
      await admin.locator('table.directory').getByRole('button', { name: 'Lưu' }).click();
      await admin.getByRole('button', { name: 'Sửa UBND phường Bình Trị Đông A' }).waitFor();
      expect(
        (await stack.admin.get('/api/units')).body.find((u: { id: string }) => u.id === 'ubnd-phuong-binh-tri-dong-a').contactEmail,
      ).toBe('vanthu.btda@binhtan.example.vn');
      await form.getByLabel('Tên đăng nhập').fill('nguoi-da-nghi');
      await form.getByLabel('Mật khẩu (ít nhất 10 ký tự)').fill(PW);
      await form.getByLabel('Vai trò').selectOption('coordinator');
      await form.getByRole('button', { name: 'Lưu' }).click();
      await admin.getByLabel('Tìm tài khoản (tên đăng nhập, tên, đơn vị)').fill('nguoi-da');
      const leaver = admin.locator('tr[data-account="nguoi-da-nghi"]');
      await leaver.waitFor();
      const leaverSession = await stack.anonymous.login('nguoi-da-nghi', PW);
      expect((await leaverSession.get('/api/me')).status).toBe(200);
      await leaver.getByRole('button', { name: 'Khóa tài khoản' }).click();
      await leaver.getByRole('button', { name: 'Xác nhận' }).click();
      await leaver.getByText('Đã khóa').waitFor();
      expect((await stack.anonymous.post('/api/auth/login', { username: 'nguoi-da-nghi', password: PW })).status).toBe(401);
      // A token the person still holds stops working at once.
      expect((await leaverSession.get('/api/me')).status).toBe(401);
      await leaver.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
      await leaver.getByLabel('Mật khẩu mới (ít nhất 10 ký tự) (nguoi-da-nghi)').fill('mat-khau-moi-cap-lai-2026');
      await leaver.getByRole('button', { name: 'Lưu' }).click();
      await leaver.getByRole('status').waitFor();
      await leaver.getByRole('button', { name: 'Mở khóa' }).click();
      await leaver.getByRole('button', { name: 'Xác nhận' }).click();
      await leaver.getByText('Đã khóa').waitFor({ state: 'detached' });
      expect(
        (await stack.anonymous.post('/api/auth/login', { username: 'nguoi-da-nghi', password: 'mat-khau-moi-cap-lai-2026' })).status,
      ).toBe(200);
      await admin.getByLabel('Tìm tài khoản (tên đăng nhập, tên, đơn vị)').fill('');
      await admin.getByLabel('Tìm đơn vị (tên, mã)').fill('');
      await audit(admin, 'admin');
      await shot(admin, '02-admin-accounts');
      await cb.guideShot(admin, 'quan-tri-danh-muc');

      step('The admin launches a compressed campaign (one plan day = 3 s) with two units');
      await admin.getByRole('link', { name: 'Đợt thi đua', exact: true }).click();
      await admin.getByRole('link', { name: 'Đợt thi đua mới' }).click();
      const code = `console-${Date.now().toString(36)}`;
      await admin.getByLabel('Mã đợt').fill(code);
      await admin.getByLabel(/^Ngày phát động/).fill(localNow());
      await admin.getByLabel('Diễn tập (nén thời gian)').check();
      await admin.getByLabel('Một ngày của kế hoạch kéo dài (giây)').fill('3');
      await admin.getByRole('button', { name: 'Áp dụng mẫu' }).click();
      await admin.getByLabel('Chọn tất cả').uncheck();
      await admin.getByLabel('UBND phường An Lạc', { exact: true }).check();
      await admin.getByLabel('Phòng Tư pháp').check();
      // A milestone out of order is flagged beside its field, in Vietnamese, and nothing is sent.
      const due = admin.getByLabel('Hạn đăng ký', { exact: true });
      const dueValue = await due.inputValue();
      await due.fill('2000-01-01T00:00:00');
      await admin.getByRole('button', { name: 'Phát động' }).click();
      await admin.getByText('Không được trước mốc "Phát động"').waitFor();
      await audit(admin, 'new-campaign');
      await shot(admin, '02b-new-campaign-validation');
      await due.fill(dueValue);
      await admin.getByRole('button', { name: 'Phát động' }).click();
      // The launch asks first, naming the units it will start.
      const confirm = admin.getByRole('alertdialog', { name: 'Phát động cho 2 đơn vị?' });
      expect(await confirm.getByRole('listitem').allTextContents()).toEqual(['UBND phường An Lạc', 'Phòng Tư pháp']);
      await confirm.getByRole('button', { name: 'Phát động' }).click();
      await admin.locator('table.units tbody tr').nth(1).waitFor({ timeout: 60_000 });
      await audit(admin, 'dashboard');
      await shot(admin, '03-dashboard-launched');

      step('The unit registers with two initiatives');
      const unit = await login('ubnd-phuong-an-lac', PW);
      await unit.getByRole('heading', { name: 'Đăng ký thi đua' }).waitFor();
      await audit(unit, 'my-tasks');
      await shot(unit, '04-unit-tasks');
      // The current-law ward template: the registration and three report rounds, each a task of its own.
      await unit.getByRole('heading', { name: 'Báo cáo kết quả quý I' }).waitFor();
      const actOn = (task: string) =>
        unit
          .getByRole('listitem')
          .filter({ has: unit.getByRole('heading', { name: task, exact: true }) })
          .getByRole('link', { name: 'Thực hiện' });
      await actOn('Đăng ký thi đua').click();
      await unit.getByLabel('Nội dung đăng ký (cam kết)').fill('Phường cam kết hoàn thành các chỉ tiêu cải cách hành chính.');
      await unit.getByLabel('Tên sáng kiến 1').fill('Một cửa điện tử');
      await unit.getByLabel('Mô tả 1').fill('Tiếp nhận và trả kết quả hồ sơ trực tuyến');
      await unit.getByRole('button', { name: 'Thêm sáng kiến' }).click();
      // Sent with the second initiative empty: each empty field is flagged beside itself, the first one focused.
      await unit.getByRole('button', { name: 'Gửi' }).click();
      const secondTitle = unit.getByLabel('Tên sáng kiến 2');
      await unit.locator('.field.invalid', { has: secondTitle }).getByText('Bắt buộc').waitFor();
      expect(await secondTitle.getAttribute('aria-invalid')).toBe('true');
      expect(await unit.getByLabel('Tên sáng kiến 1').getAttribute('aria-invalid')).toBeNull();
      expect(await secondTitle.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      await shot(unit, '04b-registration-errors');
      await unit.getByLabel('Tên sáng kiến 2').fill('Hẹn giờ qua Zalo');
      await unit.getByLabel('Mô tả 2').fill('Đặt lịch làm thủ tục qua ứng dụng');
      await audit(unit, 'registration-form');
      await unit.getByRole('button', { name: 'Gửi' }).click();
      await sentOrFailed(unit);
      await shot(unit, '05-unit-registered');

      step('The coordinator returns it with a reason');
      const coordinator = await login('can-bo-noi-vu', PW);
      // The campaign list: each campaign's period, rehearsals marked.
      await coordinator.locator('.badge', { hasText: 'Diễn tập' }).first().waitFor();
      await audit(coordinator, 'campaign-list');
      await coordinator
        .getByRole('link', { name: /cải cách hành chính/ })
        .first()
        .click();
      await coordinator.getByRole('link', { name: 'UBND phường An Lạc', exact: true }).click();
      // Nothing to review before the registration is approved: no review form yet.
      expect(await coordinator.getByRole('form', { name: 'Đánh giá' }).count()).toBe(0);
      await coordinator.getByLabel('Lý do trả lại').fill('Sáng kiến 2 cần nêu chỉ tiêu đo lường');
      await audit(coordinator, 'unit-page');
      await cb.guideShot(coordinator, 'dieu-phoi-don-vi');
      await coordinator.getByRole('button', { name: 'Trả lại' }).click();
      await coordinator.locator('.title-row .badge', { hasText: 'Đăng ký bị trả lại' }).waitFor();
      await shot(coordinator, '06-coordinator-returned');

      step('The unit is told: a notification with the reason that leads to the task; reading it clears the badge at once');
      await unit.reload();
      await unit.locator('header .who', { hasText: 'UBND phường An Lạc' }).waitFor();
      expect(await unit.locator('header .who').textContent()).toBe('UBND phường An Lạc (Đơn vị)');
      await unit.locator('nav .count').waitFor();
      await unit.getByRole('link', { name: /^Thông báo/ }).click();
      const returnedNotice = unit
        .getByRole('listitem')
        .filter({ has: unit.getByRole('heading', { name: 'Đăng ký thi đua được trả lại: UBND phường An Lạc' }) });
      await returnedNotice.getByText(/Lý do: Sáng kiến 2 cần nêu chỉ tiêu đo lường/).waitFor();
      await audit(unit, 'inbox-unit');
      await unit.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
      await unit.locator('nav .count').waitFor({ state: 'detached' });
      await returnedNotice.getByRole('link', { name: 'Đăng ký thi đua được trả lại: UBND phường An Lạc' }).click();
      await unit.getByRole('heading', { name: 'Đăng ký thi đua' }).first().waitFor();

      step('The unit sees the reason and resubmits (its previous answers are kept in the form)');
      await unit.getByRole('link', { name: 'Việc cần làm', exact: true }).click();
      await unit.getByText('Sáng kiến 2 cần nêu chỉ tiêu đo lường').waitFor();
      await actOn('Đăng ký thi đua').click();
      await unit.getByLabel('Mô tả 2').fill('Đặt lịch qua ứng dụng; mục tiêu 30% hồ sơ đặt lịch trước');
      await unit.getByRole('button', { name: 'Gửi' }).click();
      await sentOrFailed(unit);

      step(`The coordinator finds it in the work queue across campaigns and approves; the admin's dashboard shows the unit registered`);
      await coordinator.getByRole('link', { name: 'Việc chờ xử lý' }).click();
      const queued = coordinator.locator('table.queue tr[data-unit="ubnd-phuong-an-lac"]');
      await queued.getByText('Duyệt đăng ký').waitFor();
      await audit(coordinator, 'work-queue');
      await shot(coordinator, '06g-work-queue');
      await cb.guideShot(coordinator, 'dieu-phoi-hang-doi');
      await queued.getByRole('link', { name: 'UBND phường An Lạc' }).click();
      // Approving asks first (it sits apart from the return), then says what happened.
      await coordinator.getByRole('button', { name: 'Duyệt' }).click();
      await coordinator.getByRole('button', { name: 'Xác nhận' }).click();
      await coordinator.getByRole('status').filter({ hasText: 'Đã duyệt đăng ký; đơn vị đã được thông báo.' }).waitFor();
      await coordinator.locator('.title-row .badge', { hasText: 'Đã đăng ký' }).waitFor();
      await admin.reload();
      await admin.locator('tr[data-unit="ubnd-phuong-an-lac"] .badge', { hasText: 'Đã đăng ký' }).waitFor({ timeout: 30_000 });
      await unit.getByRole('link', { name: /^Thông báo/ }).click();
      await unit.getByRole('heading', { name: 'Đăng ký thi đua đã được duyệt: UBND phường An Lạc' }).waitFor();

      step(
        "The unit sends the first quarter's report: the campaign's own criteria, each with its rule; a wrong value is flagged beside its field",
      );
      await unit.getByRole('link', { name: 'Việc cần làm', exact: true }).click();
      await actOn('Báo cáo kết quả quý I').click();
      await unit.getByLabel('Nội dung báo cáo').fill('Quý I: tiếp nhận 1.240 hồ sơ, trả lời phản ánh trong 2 ngày làm việc.');
      // A ward reports the two criteria that apply to it; the others are not asked.
      await unit.getByText('Yêu cầu: không quá 3 ngày làm việc').waitFor();
      expect(await unit.getByLabel('Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến toàn trình').count()).toBe(0);
      await unit.getByLabel('Thời hạn trả lời phản ánh, kiến nghị của người dân').fill('2');
      const complaints = unit.getByLabel('Khiếu nại, tố cáo vượt cấp, kéo dài');
      await complaints.fill('1,5');
      await unit.getByRole('button', { name: 'Gửi' }).click();
      await unit.getByText('Phải là số nguyên').waitFor();
      expect(await complaints.getAttribute('aria-invalid')).toBe('true');
      await audit(unit, 'round-report-form');
      await shot(unit, '06b-round-report-invalid');
      await complaints.fill('0');
      await unit.getByRole('button', { name: 'Gửi' }).click();
      await sentOrFailed(unit);
      const check = unit.getByRole('table', { name: 'Đối chiếu chỉ tiêu của kế hoạch' });
      await check.getByRole('row', { name: /không quá 3 ngày làm việc.*Đạt/ }).waitFor();
      await shot(unit, '06c-round-report-sent');

      step("The dashboard shows each task's progress, the first round sent by one of two units");
      await admin.reload();
      await admin.locator('tr[data-task="round:quy-1"] td', { hasText: /^1$/ }).first().waitFor({ timeout: 30_000 });
      expect(await admin.locator('tr[data-task="round:quy-1"] th').textContent()).toBe('Báo cáo kết quả quý I');
      // The score sheets rank the units live by the campaign's criteria: the ward's first-round report scores already.
      await admin.getByRole('link', { name: /^Bảng chấm điểm, xếp hạng/ }).click();
      await admin.locator('table.scores tr[data-unit="ubnd-phuong-an-lac"] td', { hasText: /^1$/ }).first().waitFor();
      await audit(admin, 'scores');
      await shot(admin, '06e-scores');
      await admin.goBack();
      await admin.locator('table.units').waitFor();

      step('The commendation stage cannot open before the final reports: a bad field is flagged beside it, then the rule');
      await admin.getByRole('link', { name: /^Bình xét, khen thưởng/ }).click();
      await admin.getByRole('heading', { name: 'Mở bình xét, khen thưởng' }).waitFor();
      await admin.getByLabel('Cơ quan ban hành quyết định').fill('Ủy ban nhân dân phường An Lạc');
      await admin.getByLabel('Chữ viết tắt trên số quyết định (ví dụ UBND)').fill('ubnd');
      await admin.getByLabel('Địa danh ghi trên văn bản').fill('An Lạc');
      await admin.getByLabel('Họ tên người ký').fill('Trần Thị Hương');
      await admin.getByRole('button', { name: 'Mở bình xét, khen thưởng' }).click();
      const abbreviation = admin.getByLabel('Chữ viết tắt trên số quyết định (ví dụ UBND)');
      await admin.locator('.field.invalid small.error', { hasText: 'chữ in hoa' }).waitFor();
      expect(await abbreviation.getAttribute('aria-invalid')).toBe('true');
      await audit(admin, 'commendation-open');
      await shot(admin, '06f-commendation-open');
      await abbreviation.fill('UBND');
      await admin.getByRole('button', { name: 'Mở bình xét, khen thưởng' }).click();
      await admin.getByRole('alert').filter({ hasText: 'chưa gửi báo cáo cuối đợt' }).waitFor();
      await admin.goBack();
      await admin.locator('table.units').waitFor();

      step('The coordinator pastes the 2019 plan into the designer: the values beside the plan’s words, saved as a template');
      await coordinator.getByRole('link', { name: 'Thiết kế kế hoạch thi đua' }).click();
      await coordinator
        .getByLabel(/^Dán nội dung kế hoạch/)
        .fill(readFileSync(join(REPO_ROOT, 'libs/planning/src/__fixtures__/binh-tan-2019.txt'), 'utf8'));
      await coordinator.getByRole('button', { name: 'Đọc kế hoạch' }).click();
      await coordinator.locator('mark.evidence', { hasText: 'trước ngày 15 tháng 3 năm 2019' }).first().waitFor();
      expect(await coordinator.locator('.criterion-edit').count()).toBe(5);
      // The plan never states its issue date: the designer asks, and the coordinator answers.
      await coordinator
        .getByRole('region', { name: /chưa nêu rõ/ })
        .getByText(/^Ngày phát động/)
        .waitFor();
      await coordinator.getByLabel('Phát động', { exact: true }).fill('2019-03-01T08:00');
      await coordinator
        .getByRole('button', { name: /^Chọn tất cả: UBND phường/ })
        .first()
        .click();
      await audit(coordinator, 'designer');
      await shot(coordinator, '06d-designer');
      await coordinator.getByRole('button', { name: 'Lưu thành mẫu kế hoạch' }).click();
      await coordinator.getByText(/^Đã lưu mẫu ".+" \(phiên bản 1\)\.$/).waitFor();
      // Saved templates are versioned: a change saved again is version 2, the first kept.
      await coordinator.locator('.criterion-edit').first().getByLabel('Điểm').fill('25');
      await coordinator.getByRole('button', { name: 'Lưu phiên bản mới của mẫu' }).click();
      await coordinator.getByText(/^Đã lưu mẫu ".+" \(phiên bản 2\)\.$/).waitFor();

      step('The unit that did nothing: overdue, then escalated to the issuer (level 2), and its row stands out');
      const silent = admin.locator('tr[data-unit="phong-tu-phap"]');
      await admin.locator('tr.overdue.escalated-2[data-unit="phong-tu-phap"]').waitFor({ timeout: 90_000 });
      expect(await silent.textContent()).toContain('Mức 2');
      // One vocabulary: the red "Quá hạn" beside its phase, lateness in words, never a bare "0".
      await silent.locator('.badge.late', { hasText: 'Quá hạn' }).waitFor();
      expect(await silent.locator('td').nth(3).textContent()).toMatch(/^(dưới 1 ngày|\d+ ngày)$/);
      await shot(admin, '07-dashboard-escalated');

      step('The coordinator reminds every late unit now, in one click (confirmed): the unit gets one reminder of its own');
      await admin.getByRole('button', { name: 'Nhắc ngay 1 đơn vị quá hạn' }).click();
      await admin.getByRole('button', { name: 'Xác nhận' }).click();
      await admin.getByRole('status').filter({ hasText: 'Đã gửi nhắc nhở cho 1 đơn vị quá hạn.' }).waitFor();
      await eventually(
        () => stack.admin.get(`/api/campaigns/${code}/units/phong-tu-phap/events`),
        (r) =>
          r.body.filter(
            (e: { type: string; data: { key?: string } }) => e.type === eventType('ReminderSent') && e.data.key?.startsWith('manual:'),
          ).length === 1,
      );

      step('Who is late, at a glance: sorted by days overdue, filtered by kind, exported as filtered, printed on one page');
      await admin.getByRole('button', { name: 'Số ngày quá hạn' }).click();
      await admin.locator('table.units tbody tr').first().and(admin.locator('[data-unit="phong-tu-phap"]')).waitFor();
      // The workbook says lateness in the screen's words (never "0 ngày"); the compressed clock may move between the two reads.
      const readXlsx = async (): Promise<unknown[][]> => {
        const [xlsx] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: 'Xuất Excel' }).click()]);
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(await xlsx.path());
        return book.worksheets[0]
          .getSheetValues()
          .slice(3)
          .map((r) => (r as unknown[]).slice(1));
      };
      const lateness = /^(dưới 1 ngày|[1-9]\d* ngày)$/;
      expect(await admin.locator('tr[data-unit="phong-tu-phap"] td').nth(3).textContent()).toMatch(lateness);
      expect((await readXlsx()).find((r) => r[0] === 'phong-tu-phap')?.[6]).toMatch(lateness);
      await admin.getByLabel('Loại đơn vị').selectOption({ label: 'UBND phường' });
      await admin.locator('table.units tbody tr[data-unit="phong-tu-phap"]').waitFor({ state: 'detached' });
      const exported = (await readXlsx()).map((r) => r[1]);
      expect(exported).toEqual(['UBND phường An Lạc']);
      await admin.getByLabel('Loại đơn vị').selectOption('');
      // Adding a unit offers only the units the campaign does not have.
      const addable = admin.locator('section.actions').getByLabel('Đơn vị', { exact: true });
      await addable.locator('option', { hasText: 'UBND phường Bình Hưng Hòa' }).first().waitFor({ state: 'attached' });
      expect(await addable.locator('option').allTextContents()).not.toContain('UBND phường An Lạc');
      await admin.emulateMedia({ media: 'print' });
      const summaryPdf = join(ARTIFACTS, 'campaign-summary.pdf');
      await admin.pdf({ path: summaryPdf, format: 'A4', printBackground: true });
      await admin.emulateMedia({ media: 'screen' });
      expect(execFileSync('pdfinfo', [summaryPdf], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);

      step('A ward clerk on a 390×844 phone: the tasks, a task page with its countdown and form, the inbox; nothing scrolls sideways');
      const phone = await login('phong-tu-phap', PW, true);
      await phone.getByRole('heading', { name: 'Đăng ký thi đua' }).waitFor();
      const fits = (page: Page, name: string) => cb.fits(page, name);
      await fits(phone, 'tasks');
      await phone
        .getByRole('listitem')
        .filter({ has: phone.getByRole('heading', { name: 'Đăng ký thi đua', exact: true }) })
        .getByRole('link', { name: 'Thực hiện' })
        .click();
      await phone.locator('.countdown').first().waitFor();
      await phone.getByLabel('Nội dung đăng ký (cam kết)').waitFor();
      await fits(phone, 'registration');
      await phone.getByRole('link', { name: /^Thông báo/ }).click();
      await phone.locator('.inbox li').first().waitFor();
      await fits(phone, 'inbox');
      await phone.context().close();

      step('The coordinator on a 390×844 phone: the work queue, who is late first on the dashboard, the late unit’s page');
      const pocket = await login('can-bo-noi-vu', PW, true);
      await cb.go(pocket, 'Việc chờ xử lý');
      await pocket.getByRole('heading', { name: /^Việc chờ xử lý/ }).waitFor();
      await fits(pocket, 'work-queue');
      await cb.go(pocket, 'Đợt thi đua');
      await pocket
        .getByRole('link', { name: /cải cách hành chính/ })
        .first()
        .click();
      // A phone's cards have no column headers: the order is chosen in the filters.
      await pocket.getByLabel('Sắp xếp theo').selectOption('late');
      const first = pocket.locator('table.units tbody tr').first();
      await first.and(pocket.locator('[data-unit="phong-tu-phap"]')).waitFor();
      // The late unit's lateness is on its card.
      await first.locator('.badge.late', { hasText: 'Quá hạn' }).scrollIntoViewIfNeeded();
      await pocket.getByRole('button', { name: 'Nhắc ngay 1 đơn vị quá hạn' }).waitFor();
      await fits(pocket, 'dashboard');
      await first.getByRole('link', { name: 'Phòng Tư pháp' }).tap();
      await pocket.getByRole('heading', { name: 'Phòng Tư pháp', level: 1 }).waitFor();
      await fits(pocket, 'unit-page');
      await pocket.context().close();

      step(`The silent unit's inbox has its reminders, with an unread count`);
      const late = await login('phong-tu-phap', PW);
      await late.getByRole('link', { name: /Thông báo/ }).click();
      await late.locator('.inbox li.unread').first().waitFor();
      await audit(late, 'inbox');
      await shot(late, '08-inbox');
      await late.getByRole('link', { name: 'Việc cần làm', exact: true }).click();
      await late.locator('.task.overdue').waitFor();
      expect(await late.locator('.task.overdue .countdown').textContent()).toMatch(/^quá hạn/);

      step('The unit puts its deadlines in its phone: a secret calendar address with a QR code; the admin sees the year’s holidays');
      await unit.getByRole('link', { name: 'Lịch', exact: true }).click();
      await unit.getByRole('button', { name: 'Tạo địa chỉ lịch' }).click();
      const address = await unit.getByLabel('Địa chỉ lịch').inputValue();
      expect(address).toMatch(/\/api\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
      await unit.getByRole('img', { name: /Mã QR của địa chỉ lịch/ }).waitFor();
      const ics = await fetch(address);
      expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      expect(await ics.text()).toContain('BEGIN:VEVENT');
      await audit(unit, 'calendar');
      await shot(unit, '08b-calendar-feed');
      await admin.getByRole('link', { name: 'Lịch', exact: true }).click();
      await admin.getByLabel('Năm', { exact: true }).selectOption('2025');
      await admin.getByRole('row', { name: /26\/04\/2025.*Làm việc bù/ }).waitFor();
      await audit(admin, 'calendar-admin');
      await admin.goBack();
      await admin.locator('table.units').waitFor();

      step('English is one click away');
      await admin.getByRole('button', { name: 'English' }).click();
      await admin.getByRole('heading', { name: 'Units' }).waitFor();
      await shot(admin, '09-dashboard-english');

      expect(cb.a11y.filter((a) => a.violations.length)).toEqual([]);
      expect(cb.overflow).toEqual([]);
    }),
  );
});
