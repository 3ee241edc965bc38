/**
 * A plan file in the designer (Chromium, real API and PostgreSQL): a coordinator picks the department's Word
 * file, sees its text with the plan's words marked and the draft beside it (a deadline at 17:00 kept as such);
 * an old Word 97-2003 file is refused with what to do, and the draft already read stays. Audited (axe, 390 and
 * 360 px) with screenshots in test-artifacts/console/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docxOf, scenario } from '@thidua/testing';
import { startConsoleBrowser, type ConsoleBrowser } from './console-browser';
import { REPO_ROOT } from '@thidua/devkit';

const school = readFileSync(join(REPO_ROOT, 'libs/planning/src/__fixtures__/so-gd-dong-nai-2027.txt'), 'utf8');

describe('a plan file in the designer', () => {
  let cb: ConsoleBrowser;

  beforeAll(async () => {
    cb = await startConsoleBrowser('plan-file');
  });
  afterAll(async () => {
    await cb?.close();
  });

  it(
    'reads a .docx into the draft, and refuses a .doc with what to do',
    scenario(async (step) => {
      step('The coordinator picks the plan’s Word file: its text fills the box, the values are marked in it');
      const password = 'mat-khau-dieu-phoi-2026';
      expect((await cb.stack.admin.post('/api/accounts', { username: 'dieu-phoi', password, role: 'coordinator' })).status).toBe(201);
      const page = await cb.login('dieu-phoi', password);
      await page.getByRole('link', { name: 'Thiết kế kế hoạch thi đua' }).click();
      const docx = await docxOf(school.split('\n'));
      await page.getByLabel(/^Hoặc chọn tệp kế hoạch/).setInputFiles({
        name: 'Kế hoạch thi đua 2026-2027.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: docx,
      });
      await page.locator('mark.evidence', { hasText: 'trước 17 giờ ngày 20/01/2027' }).first().waitFor();
      expect((await page.getByLabel(/^Dán nội dung kế hoạch/).inputValue()).trimEnd()).toBe(school.trimEnd());
      expect(await page.getByLabel('Hạn đăng ký', { exact: true }).inputValue()).toBe('20/01/2027 17:00');
      expect(await page.locator('.criterion-edit').count()).toBe(4);
      expect(await page.getByLabel('Mã đợt', { exact: true }).inputValue()).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*-2027$/);
      await cb.audit(page, 'designer-file');

      step('A Word 97-2003 file is refused with what to do; the draft already read stays');
      await page.getByLabel(/^Hoặc chọn tệp kế hoạch/).setInputFiles({
        name: 'ke-hoach-cu.doc',
        mimeType: 'application/msword',
        buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      });
      await page
        .getByRole('alert')
        .filter({ hasText: /^"ke-hoach-cu\.doc" là tệp Word 97-2003 \(\.doc\); hãy mở bằng Word và lưu lại dạng \.docx/ })
        .waitFor();
      expect(await page.locator('.criterion-edit').count()).toBe(4);
      await cb.shot(page, 'designer-file-refused');
      expect(cb.a11y.map((a) => a.page)).toEqual(['designer-file']);
      expect(cb.a11y.filter((a) => a.violations.length)).toEqual([]);
      expect(cb.overflow).toEqual([]);
    }),
  );
});
