/**
 * The console in Debian's Chromium for browser tests: sign in on a desktop or a 390×844 touch phone, audit a
 * page (axe; no sideways scroll at 390 and 360 px; no overlapping timeline dots) and take screenshots into
 * test-artifacts/console/. Findings are collected and asserted empty at the end of a walk.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildConsole, GUIDE_IMAGES, REPO_ROOT } from '@thidua/devkit';
import { startApiStack, type ApiStack, eventually } from '@thidua/testing';

export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts/console');
export const TZ = 'Asia/Ho_Chi_Minh';

export interface ConsoleBrowser {
  readonly stack: ApiStack;
  readonly browser: Browser;
  /** Serious or critical axe violations per audited page. */
  readonly a11y: Array<{ page: string; violations: string[] }>;
  /** Pages that scroll sideways (with the elements that stick out) or whose timeline dots overlap. */
  readonly overflow: Array<{ page: string; width: number; widest: string[] }>;
  shot(page: Page, name: string): Promise<unknown>;
  audit(page: Page, name: string): Promise<void>;
  /** The page is exactly as wide as a 390 px phone, and its screenshot. */
  fits(page: Page, name: string): Promise<void>;
  login(username: string, password: string, phone?: boolean): Promise<Page>;
  /** Follows a link of the header's menu (opened first on a phone, where it sits behind the menu button). */
  go(page: Page, link: string | RegExp): Promise<void>;
  /** A picture for the user guide (docs/guide/images/<name>.png): what the release looks like, taken by the tests. */
  guideShot(page: Page, name: string): Promise<unknown>;
  close(): Promise<void>;
}

type Box = { left: number; right: number; top: number; bottom: number };
/** The little of the DOM these checks use (the test's TypeScript has no DOM library). */
interface Element {
  getBoundingClientRect(): Box;
  readonly children: ArrayLike<Element>;
  readonly tagName: string;
  readonly classList: ArrayLike<string>;
  querySelectorAll(selector: string): ArrayLike<Element>;
}
/** The elements wider than the viewport that contain nothing that is (where to look when a page scrolls sideways). */
async function sticksOut(page: Page, width: number): Promise<{ width: number; widest: string[] } | undefined> {
  const scrollWidth = await page.locator('html').evaluate((el: { scrollWidth: number }) => el.scrollWidth);
  if (scrollWidth <= width) return undefined;
  const widest = await page.locator('body').evaluate(
    (body: Element, edge: number) =>
      Array.from(body.querySelectorAll('*'))
        .filter(
          (e) => e.getBoundingClientRect().right > edge && !Array.from(e.children).some((c) => c.getBoundingClientRect().right > edge),
        )
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')} ${Math.round(e.getBoundingClientRect().right)}px`),
    width + 1,
  );
  return { width: scrollWidth, widest };
}

const apart = (a: Box, b: Box): boolean => a.right - 1 <= b.left || b.right - 1 <= a.left || a.bottom - 1 <= b.top || b.bottom - 1 <= a.top;

/** Builds the console, starts the API stack serving it (with `env` besides) and launches Chromium. */
export async function startConsoleBrowser(name: string, env: Record<string, string> = {}): Promise<ConsoleBrowser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const consoleDir = mkdtempSync(join(tmpdir(), 'thi-dua-console-'));
  await buildConsole(consoleDir);
  const stack = await startApiStack(name, { ...env, CONSOLE_DIR: consoleDir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=vi-VN'],
  });
  const a11y: ConsoleBrowser['a11y'] = [];
  const overflow: ConsoleBrowser['overflow'] = [];
  const shot = (page: Page, file: string) => page.screenshot({ path: join(ARTIFACTS, `${file}.png`), fullPage: true });
  return {
    stack,
    browser,
    a11y,
    overflow,
    shot,
    /** axe on the page, then the same page on a 390×844 phone (its screenshot) and 360 px wide. */
    async audit(page, file) {
      const result = await new AxeBuilder({ page }).analyze();
      a11y.push({
        page: file,
        violations: result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      });
      const desktop = page.viewportSize();
      for (const [width, height] of [
        [390, 844],
        [360, 800],
      ]) {
        await page.setViewportSize({ width, height });
        const wide = await sticksOut(page, width);
        if (wide) overflow.push({ page: `${file} @${width}`, ...wide });
        // The dots find their lanes once the page has measured its new width: wait for that, with a deadline.
        const boxes = () =>
          page
            .locator('.timeline .tick')
            .evaluateAll((ticks: Element[]) =>
              ticks.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })),
            );
        const dotsApart = await eventually(boxes, (dots) => dots.every((a, i) => dots.every((b, j) => j === i || apart(a, b))), 5000).then(
          () => true,
          () => false,
        );
        if (!dotsApart) overflow.push({ page: `${file} @${width}`, width, widest: ['timeline dots overlap'] });
        if (width === 390) await page.screenshot({ path: join(ARTIFACTS, `phone-${file}.png`), fullPage: true });
      }
      if (desktop) await page.setViewportSize(desktop);
    },
    async fits(page, file) {
      const wide = await sticksOut(page, 390);
      if (wide) overflow.push({ page: `${file} (phone)`, ...wide });
      await page.screenshot({ path: join(ARTIFACTS, `phone-390-${file}.png`), fullPage: true });
    },
    async login(username, password, phone = false) {
      const device = phone
        ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
        : { viewport: { width: 1280, height: 900 } };
      const context = await browser.newContext({ locale: 'vi-VN', timezoneId: TZ, ...device });
      const page = await context.newPage();
      await page.goto(stack.anonymous.base);
      await page.getByLabel('Tên đăng nhập').fill(username);
      await page.getByLabel('Mật khẩu').fill(password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      try {
        // Signed in: the header's menu exists (on a phone its buttons sit behind the menu button).
        await page.locator('#main-menu').waitFor({ state: 'attached' });
      } catch (err) {
        await shot(page, `login-failed-${username}`);
        throw err;
      }
      return page;
    },
    async go(page, link) {
      const toggle = page.locator('header .menu-toggle');
      if (await toggle.isVisible()) {
        if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      }
      await page
        .locator('#main-menu')
        .getByRole('link', typeof link === 'string' ? { name: link, exact: true } : { name: link })
        .click();
    },
    guideShot(page, file) {
      mkdirSync(GUIDE_IMAGES, { recursive: true });
      return page.screenshot({ path: join(GUIDE_IMAGES, `${file}.png`) });
    },
    async close() {
      await browser.close();
      await stack.close();
    },
  };
}

/**
 * Waits for a form's answer: the success notice, or an alert, whose text fails the test at once. A send is a
 * Temporal update that waits for the unit's workflow task, which a loaded machine (the whole suite on 2 cores)
 * can hold for tens of seconds: the wait is long, and an answer ends it.
 */
export async function sentOrFailed(page: Page, timeout = 120_000): Promise<void> {
  const success = page.getByText('Đã gửi thành công');
  const alert = page.getByRole('alert');
  await success.or(alert).first().waitFor({ timeout });
  if (await alert.count()) throw new Error(`The form answered with an alert: ${await alert.first().innerText()}`);
}
