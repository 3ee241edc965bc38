/**
 * One installation for a province, in the console (Chromium, at a desk and on a 390 px phone): the header always
 * says where the person acts; a person with roles in two organisations switches between them; every list says
 * whose data it shows and holds nothing of another ward; a ward's admin sets what its papers print and adds the
 * bodies below it; the city reads the wards' campaigns beside its own.
 */
import { randomUUID } from 'node:crypto';
import { ADMIN, type ApiClient, eventually, makeCertificate, scenario } from '@thidua/testing';
import { startConsoleBrowser, type ConsoleBrowser } from './console-browser';

const PW = 'mat-khau-kiem-thu-2026';

describe('a province in the console', () => {
  let cb: ConsoleBrowser;
  let city: ApiClient;

  beforeAll(async () => {
    cb = await startConsoleBrowser('orgs-console', { SIGNING_KEY: 'khoa-ma-hoa-chung-thu-so-kiem-thu-console-2026' });
    city = cb.stack.admin;
  });
  afterAll(async () => {
    await cb?.close();
  });

  it(
    'shows where one acts, switches, and keeps each ward to its own',
    scenario(async (step) => {
      step('Set up through the API: the city names itself, two wards, a ward admin who also sits on the city council');
      expect((await city.call('PATCH', '/api/organisations/root', { name: 'Thành phố Thử Nghiệm' })).status).toBe(200);
      for (const [id, name] of [
        ['phuong-an', 'Phường An Khánh'],
        ['phuong-binh', 'Phường Bình Trưng'],
      ])
        expect((await city.post('/api/organisations', { id, kind: 'ward', name })).status).toBe(201);
      const made = await city.post('/api/accounts', { username: 'an-quan-tri', password: PW, role: 'admin', orgId: 'phuong-an' });
      expect(made.status).toBe(201);
      expect(
        (
          await city.call('PUT', `/api/accounts/${made.body.id}/roles`, {
            grants: [
              { orgId: 'phuong-an', role: 'admin' },
              { orgId: 'root', role: 'council' },
            ],
          })
        ).status,
      ).toBe(200);
      expect(
        (await city.post('/api/accounts', { username: 'binh-quan-tri', password: PW, role: 'admin', orgId: 'phuong-binh' })).status,
      ).toBe(201);
      const launch = async (admin: ApiClient, code: string, units: string[]) => {
        for (const id of units)
          expect((await admin.post('/api/units', { id, name: `Khu phố ${id}`, kind: 'neighbourhood' })).status).toBe(201);
        const def = (await admin.get(`/api/campaign-templates/binh-tan-cchc-2019?launchAt=${new Date().toISOString()}&code=${code}`)).body;
        expect((await admin.post('/api/campaigns', { definition: { ...def, title: `Phong trào ${code}`, units } })).status).toBe(201);
      };
      const suffix = randomUUID().slice(0, 4);
      await launch(await cb.stack.anonymous.login('an-quan-tri', PW), `an-${suffix}`, ['an-kp-1', 'an-kp-2']);
      await launch(await cb.stack.anonymous.login('binh-quan-tri', PW), `binh-${suffix}`, ['binh-kp-1']);
      await launch(city, `tp-${suffix}`, ['tp-dv-1']);

      step('A ward’s admin at a desk: the header says the ward; its campaigns, and nothing of the other ward');
      const desk = await cb.login('an-quan-tri', PW);
      await desk.locator('header .where').filter({ hasText: 'Phường An Khánh' }).waitFor();
      await desk.getByRole('heading', { name: 'Đợt thi đua của Phường An Khánh' }).waitFor();
      await desk.getByRole('link', { name: `Phong trào an-${suffix}` }).waitFor();
      await desk.getByRole('checkbox', { name: 'Gồm cả các tổ chức cấp dưới' }).check();
      await desk.getByRole('heading', { name: /Đợt thi đua của Phường An Khánh và các tổ chức cấp dưới/ }).waitFor();
      expect(await desk.locator('main').textContent()).not.toContain(`binh-${suffix}`);
      expect(await desk.locator('main').textContent()).not.toContain(`tp-${suffix}`);
      await cb.audit(desk, 'orgs-campaigns-ward');

      step('Its organisation page: only the ward; what its papers print is saved; a neighbourhood is added below it');
      await cb.go(desk, 'Tổ chức');
      await desk.getByRole('heading', { name: 'Tổ chức và các cấp trực thuộc' }).waitFor();
      const rows = desk.locator('table.organisations tbody tr');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      await desk.getByLabel('Họ tên người ký').fill('Nguyễn Thị Hoa');
      await desk.getByLabel('Chức vụ người ký').fill('Chủ tịch');
      await desk
        .getByRole('form', { name: /Thiết lập văn bản/ })
        .getByRole('button', { name: 'Lưu' })
        .click();
      await desk
        .getByRole('form', { name: /Thiết lập văn bản/ })
        .getByRole('status')
        .filter({ hasText: 'Đã lưu.' })
        .waitFor();
      const add = desk.getByRole('form', { name: 'Thêm tổ chức trực thuộc' });
      await add.getByLabel('Tên tổ chức').fill('Khu phố 1');
      await add.getByLabel('Mã tổ chức (chữ thường không dấu, số, gạch ngang)').fill('an-khu-pho-1');
      await add.getByRole('button', { name: 'Lưu' }).click();
      await desk.locator('tr[data-org="an-khu-pho-1"]').waitFor();
      expect((await city.get('/api/organisations/phuong-an')).body.settings).toMatchObject({
        signerName: 'Nguyễn Thị Hoa',
        signerTitle: 'Chủ tịch',
      });
      const certificate = makeCertificate('Ủy ban nhân dân phường An Khánh', 'UBND phường An Khánh');
      const signing = desk.getByRole('form', { name: /Chứng thư số ký văn bản/ });
      await signing.getByText('Chưa có chứng thư số').waitFor();
      await signing
        .getByLabel('Tệp chứng thư số (.p12, .pfx)')
        .setInputFiles({ name: 'an-khanh.p12', mimeType: 'application/x-pkcs12', buffer: certificate.p12 });
      await signing.getByLabel('Mật khẩu tệp chứng thư số').fill('khong-dung');
      await signing.getByRole('button', { name: 'Lưu' }).click();
      await signing.getByText('Mật khẩu của tệp chứng thư số không đúng').first().waitFor();
      await signing.getByLabel('Mật khẩu tệp chứng thư số').fill(certificate.password);
      await signing.getByRole('button', { name: 'Lưu' }).click();
      await signing.getByText(/CN=Ủy ban nhân dân phường An Khánh/).waitFor();
      expect((await city.get('/api/organisations/phuong-an/signing-certificate')).body.subject).toContain('An Khánh');
      await cb.audit(desk, 'orgs-page-ward');
      await desk.evaluate('window.scrollTo(0, 0)');
      await cb.guideShot(desk, 'to-chuc');

      step('The law its papers cite: each role’s texts with their periods, the one in force today marked');
      await cb.go(desk, 'Văn bản pháp luật');
      await desk.getByRole('heading', { name: 'Văn bản pháp luật', level: 1 }).waitFor();
      const decree = desk.locator('li[data-text="nd-152-2025"]');
      expect(await decree.textContent()).toContain('đang có hiệu lực');
      expect(await desk.locator('li[data-text="nd-98-2023"]').textContent()).toContain('Hiệu lực từ 01/01/2024');
      await cb.audit(desk, 'legal-texts');

      step('Its administration page: the neighbourhoods of a spreadsheet imported into its own directory');
      await cb.go(desk, 'Quản trị');
      await desk.getByRole('heading', { name: /Danh mục đơn vị của Phường An Khánh/ }).waitFor();
      const csv = 'Mã đơn vị,Tên đơn vị,Loại\nan-kp-3,Khu phố 3,"Khu phố, ấp"\nan-kp-4,Khu phố 4,"Khu phố, ấp"\n';
      await desk
        .getByLabel('Nhập đơn vị từ tệp Excel (.xlsx) hoặc CSV')
        .setInputFiles({ name: 'khu-pho.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await desk.getByRole('status').filter({ hasText: 'Đã thêm 2 đơn vị, 0 đơn vị đã có sẵn.' }).waitFor();
      await desk.locator('tr[data-unit="an-kp-4"]').waitFor();
      expect(await desk.locator('table.directory').textContent()).not.toContain('binh-kp-1');

      step('Switching to the city council seat: the header says the city; the city’s campaigns and the wards’ below');
      await desk.getByLabel('Nơi làm việc').selectOption({ label: 'Thành viên Hội đồng · Thành phố Thử Nghiệm' });
      await desk.locator('header .where').filter({ hasText: 'Thành phố Thử Nghiệm' }).waitFor();
      await desk.getByRole('heading', { name: 'Đợt thi đua của Thành phố Thử Nghiệm' }).waitFor();
      await desk.getByRole('link', { name: `Phong trào tp-${suffix}` }).waitFor();
      await desk.getByRole('checkbox', { name: 'Gồm cả các tổ chức cấp dưới' }).check();
      await desk.getByRole('link', { name: `Phong trào binh-${suffix}` }).waitFor();
      await desk.getByRole('cell', { name: 'Phường Bình Trưng' }).waitFor();
      // A ward's campaign, from the city: read, with no action offered, and the page says why.
      await desk.getByRole('link', { name: `Phong trào binh-${suffix}` }).click();
      await desk.getByRole('note').filter({ hasText: 'Chỉ xem' }).waitFor();
      expect(await desk.getByRole('button', { name: /Nhắc ngay/ }).count()).toBe(0);
      await desk
        .getByRole('link', { name: /Bình xét/ })
        .first()
        .click();
      await desk.getByRole('note').filter({ hasText: 'Chỉ xem' }).waitFor();
      expect(await desk.getByRole('button', { name: /Mở bình xét/ }).count()).toBe(0);

      step('On a phone: the header’s one line still says where; the lists fit 390 px');
      const phone = await cb.login('an-quan-tri', PW, true);
      await phone.locator('header .where').filter({ hasText: 'Phường An Khánh' }).waitFor();
      expect(await phone.locator('header .where').isVisible()).toBe(true);
      await cb.fits(phone, 'orgs-campaigns-phone');
      await cb.go(phone, 'Tổ chức');
      await phone.locator('tr[data-org="an-khu-pho-1"]').waitFor();
      await cb.fits(phone, 'orgs-page-phone');

      step('The city’s admin: every organisation below it, the directory and accounts named as its own');
      const admin = await cb.login(ADMIN.username, ADMIN.password);
      await cb.go(admin, 'Tổ chức');
      await admin.locator('tr[data-org="phuong-binh"]').waitFor();
      expect(await admin.locator('table.organisations tbody tr').count()).toBe(4);
      await cb.go(admin, 'Quản trị');
      await admin.getByRole('heading', { name: /Danh mục đơn vị của Thành phố Thử Nghiệm/ }).waitFor();
      await admin.getByRole('heading', { name: /Tài khoản của Thành phố Thử Nghiệm và các tổ chức cấp dưới/ }).waitFor();
      await admin.locator('tr[data-account="an-quan-tri"]').filter({ hasText: 'Phường An Khánh' }).waitFor();
      // The city's admin makes the other ward's admin a leader of the city too, in the account's roles.
      const row = admin.locator('tr[data-account="binh-quan-tri"]');
      await row.getByRole('button', { name: 'Vai trò binh-quan-tri' }).click();
      const editor = admin.getByRole('group', { name: 'Vai trò của binh-quan-tri' });
      await editor.getByLabel('Thuộc tổ chức').selectOption({ label: 'Thành phố Thử Nghiệm' });
      await editor.getByLabel('Vai trò').selectOption({ label: 'Lãnh đạo ký văn bản' });
      await editor.getByRole('button', { name: 'Thêm vai trò' }).click();
      await editor.getByRole('button', { name: 'Lưu vai trò' }).click();
      // The editor lists the new role before the save is answered: the saved roles are read back until they show it.
      await editor.waitFor({ state: 'detached', timeout: 30_000 });
      await row.filter({ hasText: 'Lãnh đạo ký văn bản' }).waitFor();
      const grantsOf = (r: { body: Array<{ username: string; grants: Array<{ orgId: string; role: string }> }> }) =>
        r.body.find((a) => a.username === 'binh-quan-tri')!.grants.map((g) => `${g.role}@${g.orgId}`);
      const saved = await eventually(
        () => city.get('/api/accounts'),
        (r) => grantsOf(r).includes('leader@root'),
        30_000,
      );
      expect(grantsOf(saved).sort()).toEqual(['admin@phuong-binh', 'leader@root']);
      await cb.audit(admin, 'orgs-admin-city');

      expect(cb.a11y.flatMap((a) => a.violations.map((v) => `${a.page}: ${v}`))).toEqual([]);
      expect(cb.overflow).toEqual([]);
    }),
  );
});
