import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The console server the test stack started (tools/stack.sh), or CONSOLE_URL. */
export const CONSOLE_URL = process.env.CONSOLE_URL ?? `http://127.0.0.1:${4300 + 800 + 1000 * Number(process.env.LIANXIN_TEST_SLOT ?? 0)}/`;
export const PASSWORD = 'lianxin-demo';
/** Screenshots for reviewers (git-ignored). */
export const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.lianxin', 'screenshots');
const PHONE = { width: 360, height: 740 };
const DESK = { width: 1280, height: 800 };

/** Debian's chromium package (tools/infra/infra.sh installs it); never a downloaded browser. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen on the page (the test fails on any). */
  errors: string[];
}

/** A fresh browser context (its own storage) for one user, phone-sized for field roles. */
export async function openAs(browser: Browser, phone: boolean): Promise<UserPage> {
  const context = await browser.newContext({ viewport: phone ? PHONE : DESK, locale: 'zh-CN', serviceWorkers: 'allow' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return { context, page, errors };
}

/** Authorization code + PKCE through Keycloak's own login page, back to the console. */
export async function login(user: UserPage, username: string): Promise<void> {
  const { page } = user;
  await page.goto(CONSOLE_URL);
  await page.getByTestId('login').click();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#kc-login').click();
  try {
    await page.getByTestId('viewer-name').waitFor({ timeout: 20000 });
  } catch (error) {
    await shot(user, `failed-login-${username}`);
    throw new Error(`${username} did not get in (at ${page.url()}; ${user.errors.join(' | ') || 'no page errors'}): ${String(error)}`);
  }
}

export async function logout({ page }: UserPage): Promise<void> {
  if ((await page.locator('.ant-drawer-open').count()) > 0) await closeDrawer(page);
  await page.getByTestId('logout').click();
  await page.getByTestId('login').waitFor({ timeout: 20000 });
}

/** A screenshot of the whole page, or of one element of it (a part below a phone's sticky tabs). */
export async function shot({ page }: UserPage, name: string, element?: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  if (element) await page.locator(element).first().screenshot({ path });
  else await page.screenshot({ path, fullPage: true });
}

/** Picks an option of an Ant Design Select by its visible text. */
export async function choose(page: Page, testId: string, text: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  // Let the list finish sliding open (a click during antd's animation can be lost).
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown[class*="-appear"], .ant-select-dropdown[class*="-enter"]'));
  await option.click();
  // The list closes once the choice is made; nothing of it may cover the dialog's buttons.
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** Opens the case with this number from a case list and waits for its drawer. */
export async function openCase(page: Page, number: string): Promise<void> {
  const row = page.locator(`[data-testid="case-item"][data-case-number="${number}"]`);
  await row.waitFor({ timeout: 30000 });
  await row.getByRole('button').first().click();
  await page.locator('.ant-drawer-open .ant-drawer-section [data-testid="case-status"]').waitFor();
}

/** A file for an <input type=file> (playwright's setInputFiles shape). */
export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Takes an action of the open case (its button exists only when availableActions offers it). */
export async function act(page: Page, action: string, fields: Record<string, string> = {}, files: FilePayload[] = [], whenOpen?: () => Promise<void>): Promise<void> {
  const drawer = page.locator('.ant-drawer-open .ant-drawer-section');
  await drawer.getByTestId(`action-${action}`).click();
  const modal = page.locator('.ant-modal:visible');
  await modal.waitFor();
  // Let the dialog finish opening (a click during antd's zoom-in animation can be lost).
  await page.waitForFunction(() => !document.querySelector('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter'));
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'department') await choose(page, 'field-department', value);
    else if (field === 'rating') await modal.getByText(value, { exact: true }).click();
    else await modal.getByTestId(`field-${field}`).fill(value);
  }
  if (files.length > 0) await modal.getByTestId('field-photos').setInputFiles(files);
  if (whenOpen) await whenOpen();
  await modal.getByTestId('action-confirm').click();
  try {
    await modal.waitFor({ state: 'hidden', timeout: 15000 });
  } catch (error) {
    const notices = await page.locator('.ant-message-notice').allInnerTexts();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `failed-${action}.png`) });
    throw new Error(`${action} did not complete: ${notices.join(' | ') || 'no message'} (${String(error)})`);
  }
}

/** Waits until the open case shows this status (the drawer reads the case again after each action). */
export async function expectStatus(page: Page, status: string): Promise<void> {
  await page.locator(`.ant-drawer-open .ant-drawer-section [data-testid="case-status"][data-status="${status}"]`).waitFor({ timeout: 15000 });
}

/** Waits until the outbox shows this many items. */
export async function expectQueued(page: Page, count: number, timeout = 10000): Promise<void> {
  await page.locator(`[data-testid="queue-title"][data-count="${count}"]`).waitFor({ timeout });
}

/** Closes the open case drawer with the keyboard (Escape), as a keyboard user would. */
export async function closeDrawer(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
}

/** Waits until every thumbnail in the element has loaded (a real image from the object store's signed link). */
export async function expectThumbnailsLoaded(page: Page, selector: string, count: number): Promise<void> {
  await page.locator(`${selector}[data-count="${count}"]`).first().waitFor({ timeout: 30000 });
  await page.waitForFunction(
    ([sel, n]) => {
      const images = [...document.querySelectorAll<HTMLImageElement>(`${sel} img[data-testid="thumbnail"]`)];
      return images.length >= (n as number) && images.every((image) => image.complete && image.naturalWidth > 0);
    },
    [selector, count] as const,
    { timeout: 20000 },
  );
}

// --- Accessibility: axe-core in the page, WCAG 2.1 A and AA (colour contrast included) -------------------

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** What the audits found (serious and critical only fail the test); each run also writes .lianxin/screenshots/a11y.json. */
export const a11yViolations: string[] = [];
const a11yReport: Array<{ screen: string; passed: number; violations: unknown[] }> = [];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string; html: string }>;
}

/**
 * Runs axe-core on what the page shows now and records every serious or critical violation of WCAG 2.1
 * A/AA (tags wcag2a, wcag2aa, wcag21a, wcag21aa: contrast, names, labels, roles, keyboard traps …).
 * Injected through the debugger protocol, which the page's Content-Security-Policy does not govern.
 */
export async function audit({ page }: UserPage, screen: string): Promise<void> {
  // Let antd's transitions settle (a half-faded element reports a false contrast).
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'), undefined, { timeout: 5000 }).catch(() => undefined);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const { violations, passed } = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    const violations = result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary, html: node.html.slice(0, 200) })),
    }));
    return { violations, passed: result.passes.length };
  });
  // An audit that checked nothing (axe not running, an empty page) must not pass for a clean one.
  if (passed < 5) throw new Error(`the accessibility audit of "${screen}" checked only ${passed} rules`);
  a11yReport.push({ screen, passed, violations });
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, 'a11y.json'), JSON.stringify(a11yReport, null, 2));
  for (const violation of violations) {
    if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
    const where = violation.nodes.slice(0, 3).map((node) => `${node.target.join(' ')} (${(node.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()})`);
    a11yViolations.push(`${screen}: ${violation.id} [${violation.impact}] ${violation.help} — ${violation.nodes.length}× e.g. ${where.join('; ')}`);
  }
}

/**
 * Presses Tab (at most `max` times) until the focused element matches the selector; fails otherwise. Each
 * focused element must show a visible focus indicator (outline or box-shadow), as a keyboard user needs.
 */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let press = 0; press < max; press++) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate((sel) => {
      const active = document.activeElement as HTMLElement | null;
      if (!active || active === document.body) return { match: false, visible: true, what: 'body' };
      // A dialog's focus-trap sentinels (aria-hidden, no size) pass focus on; they are not controls.
      if (active.getAttribute('aria-hidden') === 'true') return { match: false, visible: true, what: 'sentinel' };
      // The indicator may be drawn by the control's wrapper (antd Select, Segmented, Radio): the element or up to 3 ancestors.
      let visible = false;
      for (let node: HTMLElement | null = active, depth = 0; node && depth < 4 && !visible; node = node.parentElement, depth++) {
        const style = getComputedStyle(node);
        visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      }
      return { match: active.matches(sel), visible, what: active.outerHTML.slice(0, 160) };
    }, selector);
    if (!state.visible) throw new Error(`no visible focus indicator on ${state.what}`);
    if (state.match) return;
  }
  throw new Error(`${selector} not reached with ${max} presses of Tab`);
}
