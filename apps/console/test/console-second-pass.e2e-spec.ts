/**
 * What a walk through the console as its daily users found, each checked at a desk (1280 px) and on a 390×844
 * phone, in Chromium on the real stack: lateness in a rehearsal counted in plan days; the unread badge equal to
 * the inbox on every device of one person, pushed live (no reload, no polling); no score or rank before the final
 * report; the units of a launch chosen in plain sight (chips, an announced and undoable suggestion, a confirmation
 * that lists them); the dashboard's units as cards and a one-line header on a phone; text areas that grow. The
 * user guide's pictures of these pages are taken here (docs/guide/images).
 */
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import type { Inbox } from '@thidua/contracts';
import { ADMIN, type ApiClient, eventually, scenario } from '@thidua/testing';
import { sentOrFailed, startConsoleBrowser, type ConsoleBrowser } from './console-browser';

const PW = 'mat-khau-kiem-thu-2026';
const [WARD, SILENT] = ['ubnd-phuong-an-lac', 'phong-tu-phap'];
const SECOND = 1000;

/** The box of an element in CSS pixels. */
const box = async (l: Locator): Promise<{ x: number; y: number; width: number; height: number }> => {
  const b = await l.boundingBox();
  if (!b) throw new Error('not displayed');
  return b;
};

describe('the console, second pass: what daily users tripped over', () => {
  let cb: ConsoleBrowser;
  let admin: ApiClient;

  beforeAll(async () => {
    cb = await startConsoleBrowser('second-pass');
    admin = cb.stack.admin;
  });
  afterAll(async () => {
    await cb?.close();
  });

  it(
    'counts plan days, pushes the inbox to every device, hides ranks until they exist, shows what will be launched, fits a phone',
    scenario(async (step) => {
      step('Set up through the API: units, accounts, a rehearsal (one plan day = 1 s) of two units, one of which stays silent');
      expect((await admin.post('/api/units/import', { templateId: 'binh-tan-cchc-2019' })).status).toBe(201);
      for (const id of [WARD, SILENT])
        expect((await admin.post('/api/accounts', { username: id, password: PW, role: 'unit', unitId: id })).status).toBe(201);
      expect((await admin.post('/api/accounts', { username: 'dieu-phoi', password: PW, role: 'coordinator' })).status).toBe(201);
      const code = `lan-hai-${randomUUID().slice(0, 6)}`;
      const t0 = Date.now();
      const at = (s: number): string => new Date(t0 + s * SECOND).toISOString();
      const template = (await admin.get(`/api/campaign-templates/binh-tan-cchc-2019?launchAt=${at(0)}&dayLength=PT1S&code=${code}`)).body;
      const definition = {
        ...template,
        units: [WARD, SILENT],
        milestones: {
          launchAt: at(0),
          registrationDue: at(10),
          registrationCutoffAt: at(900),
          interimReviewAt: at(910),
          campaignEndsAt: at(920),
          finalReportDue: at(930),
          finalReportCutoffAt: at(940),
        },
        chase: { reminderOffsets: ['PT5S', 'PT1S'], overdueReminderInterval: 'PT2S', escalationDelay: 'PT3S' },
      };
      expect((await admin.post('/api/campaigns', { definition })).status).toBe(201);
      const coordinator = await cb.stack.anonymous.login('dieu-phoi', PW);

      step('Desk and phone: no score, no rank before the final report; a long commitment grows its box instead of being cut');
      const desk = await cb.login(WARD, PW);
      const phone = await cb.login(WARD, PW, true);
      for (const page of [desk, phone]) {
        await page.getByRole('heading', { name: 'Đăng ký thi đua' }).first().waitFor();
        await page
          .getByRole('listitem')
          .filter({ has: page.getByRole('heading', { name: 'Đăng ký thi đua', exact: true }) })
          .getByRole('link', { name: 'Thực hiện' })
          .click();
        const commitments = page.getByLabel('Nội dung đăng ký (cam kết)');
        await commitments.waitFor();
        // The task page: its countdown in plan days, the rehearsal said, and no score sheet or rank yet.
        await page.getByRole('note').filter({ hasText: 'một ngày của kế hoạch kéo dài 1 giây' }).first().waitFor();
        expect(await page.getByText(/Hạng|Tổng điểm/).count()).toBe(0);
        const empty = (await box(commitments)).height;
        await commitments.fill(
          Array.from({ length: 12 }, (_, i) => `${i + 1}. Phường cam kết hoàn thành chỉ tiêu số ${i + 1} về cải cách hành chính.`).join(
            '\n',
          ),
        );
        const sizes = await commitments.evaluate((el: { scrollHeight: number; clientHeight: number }) => [
          el.scrollHeight,
          el.clientHeight,
        ]);
        expect(sizes[0]).toBeLessThanOrEqual(sizes[1] + 1); // nothing cut off
        expect((await box(commitments)).height).toBeGreaterThan(empty * 2);
      }
      await cb.guideShot(desk, 'don-vi-dang-ky');
      await desk.getByLabel('Tên sáng kiến 1').fill('Một cửa điện tử');
      await desk.getByLabel('Mô tả 1').fill(Array.from({ length: 6 }, () => 'Tiếp nhận và trả kết quả hồ sơ trực tuyến.').join(' '));
      // Files: a refused one is named with why, beside the form; the signed scan is uploaded, typed and sent with it.
      const picker = desk.getByLabel('Chọn tệp đính kèm');
      await picker.setInputFiles({ name: 'ghi-chu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Không phải PDF') });
      await desk.getByRole('alert').filter({ hasText: 'ghi-chu.pdf' }).waitFor();
      const scan = {
        name: 'Bản đăng ký có chữ ký.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\n% ký, đóng dấu\n%%EOF\n'),
      };
      await picker.setInputFiles(scan);
      await desk.getByLabel(`Loại tệp: ${scan.name}`).selectOption('proposal');
      expect(await desk.getByRole('alert').count()).toBe(0);
      await desk.getByRole('button', { name: 'Gửi' }).click();
      await sentOrFailed(desk);
      await desk.getByRole('button', { name: scan.name }).waitFor();
      const sentFiles = (await coordinator.get(`/api/campaigns/${code}/units/${WARD}`)).body.submissions.registration.attachments;
      expect(sentFiles).toEqual([expect.objectContaining({ name: scan.name, kind: 'proposal', size: scan.buffer.length })]);
      // Returned once, sent again, approved: two notices for the ward.
      const decide = (body: object) => coordinator.post(`/api/campaigns/${code}/units/${WARD}/registration/decision`, body);
      expect((await decide({ decision: 'return', reason: 'Cam kết cần nêu mốc thời gian' })).status).toBe(201);
      const wardApi = await cb.stack.anonymous.login(WARD, PW);
      const again = await wardApi.post(`/api/campaigns/${code}/units/${WARD}/registration`, {
        commitments: 'Hoàn thành 12 chỉ tiêu trước 30/11.',
        initiatives: [{ title: 'Một cửa điện tử', description: 'Tiếp nhận và trả kết quả hồ sơ trực tuyến.' }],
      });
      expect(again.status).toBe(201);
      expect((await decide({ decision: 'approve' })).status).toBe(201);

      step('One person on two devices: the approval reaches both badges, pushed; the badge equals the inbox on both');
      const count = async (): Promise<number> => (await wardApi.get<Inbox>('/api/me/notifications')).body.unread;
      // The approval notice is the last the ward gets for a while (its registration is in; the next task is months away).
      await eventually(
        () => wardApi.get<Inbox>('/api/me/notifications'),
        (r) => r.body.items.some((n) => /được duyệt/.test(n.subject)),
        30 * SECOND,
      );
      const badge = (page: Page): Locator => page.locator(page.viewportSize()!.width < 640 ? 'header .inbox-quick .count' : 'nav .count');
      const expectBadge = async (page: Page, n: number): Promise<void> => {
        if (n === 0) await badge(page).waitFor({ state: 'detached', timeout: 5 * SECOND });
        else
          await badge(page)
            .filter({ hasText: new RegExp(`^${n}$`) })
            .waitFor({ timeout: 5 * SECOND });
      };
      const before = await count();
      expect(before).toBeGreaterThan(1);
      await expectBadge(desk, before);
      await expectBadge(phone, before);
      await cb.go(desk, /^Thông báo/);
      await phone.getByRole('link', { name: /^Thông báo/ }).click();
      for (const page of [desk, phone]) await page.locator('.inbox-unread .count', { hasText: new RegExp(`^${before}$`) }).waitFor();
      await cb.guideShot(desk, 'don-vi-thong-bao');
      // Read on the desk: the phone's badge and open inbox follow within the deadline, which no polling could meet
      // (the badge polls only while the stream is down, every 15 s).
      const started = Date.now();
      await desk.locator('.inbox li.unread').first().getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
      await expectBadge(phone, before - 1);
      await phone.locator('.inbox-unread .count', { hasText: new RegExp(`^${before - 1}$`) }).waitFor({ timeout: 5 * SECOND });
      process.stdout.write(`live update: the phone's badge and inbox followed the desk in ${Date.now() - started} ms\n`);
      await expectBadge(desk, before - 1);
      expect(await count()).toBe(before - 1);
      // All read on the phone: no red bubble for nothing, on either device.
      await phone.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
      for (const page of [desk, phone]) {
        await expectBadge(page, 0);
        await page.locator('.inbox-unread', { hasText: 'Không có thông báo chưa đọc' }).waitFor({ timeout: 5 * SECOND });
        expect(await page.locator('.inbox-unread .count').count()).toBe(0);
      }

      step('The phone: a one-line header, the inbox at hand, everything else behind the menu button');
      const header = await box(phone.locator('header.top'));
      expect(header.height).toBeLessThanOrEqual(60);
      expect(await phone.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(false);
      await phone.getByRole('button', { name: /Menu/ }).click();
      await phone.getByRole('button', { name: 'Đăng xuất' }).waitFor();
      const guide = phone.getByRole('link', { name: 'Hướng dẫn' });
      expect(await guide.getAttribute('href')).toBe('/huong-dan/don-vi');
      await cb.guideShot(phone, 'don-vi-dien-thoai');
      await phone.getByRole('link', { name: 'Việc cần làm' }).click();
      expect(await phone.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(false); // a page opened closes the menu
      await cb.guideShot(desk, 'don-vi-viec-can-lam');
      await cb.fits(phone, 'second-pass-tasks');

      step('The guide the header links to is served, with its pictures');
      const [guidePage] = await Promise.all([desk.context().waitForEvent('page'), cb.go(desk, 'Hướng dẫn')]);
      await guidePage.getByRole('heading', { name: /^Đơn vị/, level: 1 }).waitFor();
      const pictures = await guidePage
        .locator('img')
        .evaluateAll((imgs: Array<{ naturalWidth: number }>) => imgs.map((i) => i.naturalWidth));
      expect(pictures.length).toBeGreaterThan(0);
      await guidePage.close();

      step('The silent unit reaches level 2 after three plan days overdue: the dashboard says so in plan days, at a desk and on a phone');
      const staffDesk = await cb.login('dieu-phoi', PW);
      const staffPhone = await cb.login('dieu-phoi', PW, true);
      for (const page of [staffDesk, staffPhone]) await page.goto(`${cb.stack.anonymous.base}/campaigns/${code}`);
      await eventually(
        () => coordinator.get(`/api/campaigns/${code}/units/${SILENT}`),
        (r) => r.body.escalationLevel === 2,
        60 * SECOND,
      );
      for (const page of [staffDesk, staffPhone]) {
        await page.getByRole('note').filter({ hasText: 'Diễn tập: một ngày của kế hoạch kéo dài 1 giây' }).waitFor();
        const row = page.locator(`tr.escalated-2[data-unit="${SILENT}"]`);
        await row.waitFor({ timeout: 10 * SECOND }); // pushed: the page was not reloaded
        const late = (await row.locator('td').nth(3).textContent()) ?? '';
        expect(late).toMatch(/^\d+ ngày$/);
        expect(Number.parseInt(late, 10)).toBeGreaterThanOrEqual(3);
        expect(await row.locator('td').nth(4).textContent()).toBe('Mức 2');
      }
      await staffDesk.getByRole('heading', { name: 'Đơn vị', level: 2 }).evaluate((h: { scrollIntoView(): void }) => h.scrollIntoView());
      await cb.guideShot(staffDesk, 'quan-tri-bang-dieu-khien');
      // On the phone the row is a card: phase, days late, level and reminders all on screen, none off to the side.
      const card = staffPhone.locator(`tr[data-unit="${SILENT}"]`);
      await card.scrollIntoViewIfNeeded();
      for (const cell of await card.locator('td').all()) {
        if (!(await cell.isVisible())) continue;
        const b = await box(cell);
        expect([b.x >= 0, b.x + b.width <= 390]).toEqual([true, true]);
      }
      for (const label of ['Giai đoạn', 'Số ngày quá hạn', 'Báo cáo lãnh đạo', 'Số lần nhắc'])
        expect(await card.locator(`td[data-label="${label}"]`).isVisible()).toBe(true);
      const scroller = await staffPhone
        .locator('.table-scroll', { has: staffPhone.locator('table.units') })
        .evaluate((el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth - el.clientWidth);
      expect(scroller).toBeLessThanOrEqual(0);
      await cb.fits(staffPhone, 'second-pass-dashboard');
      await cb.audit(staffDesk, 'second-pass-dashboard');

      step('The live stream cut off (a proxy that drops it): the page says so after a few seconds, and not once it is back');
      const cut = (route: { abort(): Promise<void> }) => route.abort();
      await staffDesk.context().route('**/api/me/live', cut);
      await staffDesk.reload();
      const offline = staffDesk.getByRole('status').filter({ hasText: 'Mất kết nối cập nhật trực tiếp với máy chủ' });
      await offline.waitFor({ timeout: 20 * SECOND });
      await staffDesk.locator(`tr[data-unit="${SILENT}"]`).waitFor(); // the page still reads, by polling
      await staffDesk.context().unroute('**/api/me/live', cut);
      await offline.waitFor({ state: 'detached', timeout: 30 * SECOND });

      step('Choosing the units of a launch, at a desk and on a phone: chips, an announced and undoable suggestion, a confirmation');
      for (const phoneSized of [false, true]) {
        const page = await cb.login(ADMIN.username, ADMIN.password, phoneSized);
        await cb.go(page, 'Đợt thi đua');
        await page.getByRole('link', { name: 'Đợt thi đua mới' }).click();
        await page.getByLabel('Mã đợt').fill(`chon-don-vi-${phoneSized ? 'dt' : 'mt'}-${randomUUID().slice(0, 4)}`);
        await page.getByRole('combobox', { name: 'Mẫu kế hoạch' }).selectOption('binh-tan-cchc-2019');
        await page.getByRole('button', { name: 'Áp dụng mẫu' }).click();
        const suggested = page.getByRole('status').filter({ hasText: /gợi ý \d+ đơn vị có trong danh mục; đã chọn sẵn/ });
        await suggested.waitFor();
        const n = Number(/gợi ý (\d+) đơn vị/.exec((await suggested.textContent()) ?? '')![1]);
        expect(n).toBeGreaterThan(3);
        const chips = page.getByRole('list', { name: 'Các đơn vị đã chọn' }).getByRole('listitem');
        expect(await chips.count()).toBe(n);
        // A search narrows the list to pick from, never the choice.
        await page.getByLabel('Tìm đơn vị để chọn (tên, mã)').fill('an lạc');
        await page.getByText(`Đã chọn ${n} đơn vị`).waitFor();
        expect(await chips.count()).toBe(n);
        // The suggestion taken back: nothing chosen.
        await page.getByRole('button', { name: 'Bỏ các đơn vị mẫu đã chọn sẵn' }).click();
        await page.getByText('Đã chọn 0 đơn vị').waitFor();
        expect(await chips.count()).toBe(0);
        // Three units picked through three searches: all three stay chosen and shown.
        for (const [q, name] of [
          ['an lạc', 'UBND phường An Lạc'],
          ['tư pháp', 'Phòng Tư pháp'],
          ['tân tạo', 'UBND phường Tân Tạo'],
        ]) {
          await page.getByLabel('Tìm đơn vị để chọn (tên, mã)').fill(q);
          await page.getByLabel(name, { exact: true }).check();
        }
        await page.getByText('Đã chọn 3 đơn vị').waitFor();
        expect(await chips.allTextContents()).toEqual(['UBND phường An Lạc×', 'Phòng Tư pháp×', 'UBND phường Tân Tạo×']);
        if (!phoneSized) await cb.guideShot(page, 'quan-tri-dot-moi');
        await page.getByRole('button', { name: 'Phát động' }).click();
        const confirm = page.getByRole('alertdialog', { name: 'Phát động cho 3 đơn vị?' });
        expect(await confirm.getByRole('listitem').allTextContents()).toEqual([
          'UBND phường An Lạc',
          'Phòng Tư pháp',
          'UBND phường Tân Tạo',
        ]);
        if (phoneSized) {
          await cb.fits(page, 'second-pass-launch-confirm');
          await confirm.getByRole('button', { name: 'Thôi' }).click();
          await confirm.waitFor({ state: 'detached' });
        } else {
          await cb.guideShot(page, 'quan-tri-xac-nhan');
          await cb.audit(page, 'second-pass-new-campaign');
          await confirm.getByRole('button', { name: 'Phát động' }).click();
          await page
            .locator('table.units tbody tr')
            .nth(2)
            .waitFor({ timeout: 60 * SECOND });
          expect(await page.locator('table.units tbody tr').count()).toBe(3);
        }
        await page.context().close();
      }

      step('The ward’s account is disabled: both of its devices are signed out at once, told why');
      const accounts: Array<{ id: string; username: string }> = (await admin.get('/api/accounts')).body;
      expect((await admin.call('PATCH', `/api/accounts/${accounts.find((a) => a.username === WARD)!.id}`, { disabled: true })).status).toBe(
        200,
      );
      for (const page of [desk, phone])
        await page.getByText('Tài khoản đã bị khóa; liên hệ quản trị hệ thống.').waitFor({ timeout: 10 * SECOND });

      expect(cb.a11y.filter((a) => a.violations.length)).toEqual([]);
      expect(cb.overflow).toEqual([]);
    }),
    600_000,
  );
});
