import { graphqlRequest, tokenFor } from '@lianxin/testing';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { act, choose, closeDrawer, expectQueued, expectStatus, launch, login, logout, openAs, openCase, shot, type UserPage } from './browser';

const GATEWAY_URL = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4800/graphql';
const stamp = Date.now().toString(36);
let browser: Browser;
const opened: UserPage[] = [];

async function user(username: string, phone: boolean): Promise<UserPage> {
  const page = await openAs(browser, phone);
  opened.push(page);
  await login(page, username);
  return page;
}

/** No console errors on any page a test opened (issue 18). */
function expectNoConsoleErrors() {
  expect(opened.flatMap((entry) => entry.errors)).toEqual([]);
}

beforeAll(async () => {
  browser = await launch();
}, 30000);

afterEach(async () => {
  const pages = opened.splice(0);
  for (const entry of pages) await entry.context.close();
});

afterAll(async () => {
  await browser?.close();
});

describe('console in Chromium', () => {
  it('a resident report goes through the loop: grid worker sees it arrive and verifies, village orders, township dispatches, department resolves, resident rates', async () => {
    const worker = await user('grid.worker', true);
    await worker.page.getByTestId('nav-myCases').click();
    await worker.page.getByTestId('my-cases').waitFor();

    const resident = await user('resident.demo', true);
    const title = `楼道灯坏了 ${stamp}`;
    await resident.page.getByTestId('report-title').fill(title);
    await choose(resident.page, 'report-category', '民生服务');
    await resident.page.getByTestId('report-description').fill('3号楼2单元楼道灯一周不亮，老人夜里上下楼不便');
    // A photo (a real JPEG): uploaded with tus to /uploads, then attached to the case (media).
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } }).jpeg().toBuffer();
    await resident.page.getByTestId('report-photos').setInputFiles({ name: 'lamp.jpg', mimeType: 'image/jpeg', buffer: photo });
    await shot(resident, 'resident-report');
    await resident.page.getByTestId('report-submit').click();
    const done = resident.page.getByTestId('report-done');
    await done.waitFor();
    const number = (await done.getAttribute('data-case-number'))!;
    expect(number).toMatch(/^330402-\d{8}-\d{4}$/);

    // The grid worker's list is live (caseBoard subscription): the new case arrives by itself.
    await openCase(worker.page, number);
    await shot(worker, 'grid-worker-case-arrived');
    await act(worker.page, 'VERIFY');
    await expectStatus(worker.page, 'VERIFIED');
    await act(worker.page, 'ESCALATE', { reason: '需社区协调物业' });
    await expectStatus(worker.page, 'ESCALATED');
    await closeDrawer(worker.page);

    const village = await user('village.admin', false);
    await openCase(village.page, number);
    await act(village.page, 'PLACE_ORDER', { note: '物业无法处理，提交街道' });
    await expectStatus(village.page, 'ESCALATED');
    await logout(village);

    const township = await user('jianshe.admin', false);
    await openCase(township.page, number);
    await township.page.locator('[data-testid="case-photos"][data-count="1"]').waitFor({ timeout: 15000 });
    await shot(township, 'township-board-case');
    await act(township.page, 'DISPATCH', { department: '民政' });
    await expectStatus(township.page, 'DISPATCHED');
    await logout(township);

    const department = await user('civil.staff', false);
    await openCase(department.page, number);
    await act(department.page, 'ACCEPT');
    await expectStatus(department.page, 'IN_PROGRESS');
    await act(department.page, 'RESOLVE', { result: '已协调更换灯具' });
    await expectStatus(department.page, 'RESOLVED');
    await shot(department, 'department-resolved');
    await logout(department);

    await worker.page.reload();
    await worker.page.getByTestId('my-cases').waitFor();
    await openCase(worker.page, number);
    await act(worker.page, 'FEED_BACK', { feedback: '已告知居民处理结果' });
    await expectStatus(worker.page, 'FED_BACK');
    await logout(worker);

    await resident.page.getByTestId('nav-myCases').click();
    await openCase(resident.page, number);
    await act(resident.page, 'RATE', { rating: '满意', note: '修得很快' });
    await expectStatus(resident.page, 'CLOSED');
    await shot(resident, 'resident-rated');
    await logout(resident);
    expectNoConsoleErrors();
  }, 150000);

  it('a grid worker records three visits offline; back online exactly three visits reach the server', async () => {
    const token = await tokenFor('grid.worker');
    const visitsOf = async (findings: string) => {
      const response = await graphqlRequest<{ visits: { edges: Array<{ node: { findings: string } }> } }>(GATEWAY_URL, '{ visits(first: 100) { edges { node { findings } } } }', { token });
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data!.visits.edges.filter((edge) => edge.node.findings.startsWith(findings)).length;
    };
    const marker = `离线走访 ${stamp}`;
    expect(await visitsOf(marker)).toBe(0);

    const worker = await user('grid.worker', true);
    await worker.page.getByTestId('nav-record').click();
    await worker.page.getByTestId('visit-household').waitFor();
    await worker.page.waitForTimeout(500); // households loaded (and copied for offline use)

    await worker.context.setOffline(true);
    await worker.page.getByTestId('offline').waitFor();
    for (const index of [1, 2, 3]) {
      await choose(worker.page, 'visit-household', /./);
      await worker.page.getByTestId('visit-findings').fill(`${marker} #${index}`);
      await worker.page.getByTestId('record-submit').click();
      await expectQueued(worker.page, index);
    }
    await shot(worker, 'grid-worker-offline-queue');
    expect(await visitsOf(marker)).toBe(0);

    await worker.context.setOffline(false);
    await expectQueued(worker.page, 0, 20000);
    expect(await visitsOf(marker)).toBe(3);
    // A second flush (the app reopened, another 'online' event) sends nothing again.
    await worker.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await worker.page.waitForTimeout(1000);
    expect(await visitsOf(marker)).toBe(3);
    await shot(worker, 'grid-worker-queue-sent');
    await logout(worker);
    expectNoConsoleErrors();
  }, 90000);

  it('every other role signs in, sees its main screen with data, and signs out', async () => {
    const county = await user('county.admin', false);
    await county.page.locator('[data-testid="chart-townships"] canvas').waitFor();
    await county.page.locator('[data-testid="chart-trend"] canvas').waitFor({ timeout: 20000 });
    await shot(county, 'county-dashboard');
    await county.page.getByTestId('nav-map').click();
    await county.page.locator('[data-testid="grid-map"][data-grids]').waitFor({ timeout: 20000 });
    expect(Number(await county.page.getByTestId('grid-map').getAttribute('data-grids'))).toBeGreaterThan(0);
    await shot(county, 'county-grid-map');
    await county.page.getByTestId('language').click();
    await county.page.getByText('Statistics', { exact: false }).first().waitFor();
    await county.page.getByTestId('language').click();
    await logout(county);

    const auditor = await user('county.auditor', false);
    await auditor.page.locator('[data-testid="audit-log"] tbody tr').first().waitFor();
    await shot(auditor, 'auditor-audit-log');
    await logout(auditor);

    // The village publishes a micro-wish (through the API); the volunteer claims it in the app.
    const wish = `帮老人取药 ${stamp}`;
    const published = await graphqlRequest<{ publishServiceOrder: { order: { id: string } } }>(
      GATEWAY_URL,
      'mutation ($input: PublishServiceOrderInput!) { publishServiceOrder(input: $input) { order { id } } }',
      { token: await tokenFor('village.admin'), variables: { input: { areaCode: '330402001001', kind: 'MICRO_WISH', title: wish, deadline: new Date(Date.now() + 7 * 86400000).toISOString() } } },
    );
    expect(published.errors).toBeUndefined();
    const volunteer = await user('volunteer.demo', true);
    await volunteer.page.locator('[data-testid="open-orders"] .ant-list-item').filter({ hasText: wish }).getByTestId('claim').click();
    await volunteer.page.locator('[data-testid="my-orders"] .ant-list-item').filter({ hasText: wish }).waitFor();
    await shot(volunteer, 'volunteer-orders');
    await volunteer.page.getByTestId('nav-points').click();
    await volunteer.page.getByTestId('leaderboard').waitFor();
    await shot(volunteer, 'volunteer-points');
    await logout(volunteer);

    const worker = await user('grid.worker', true);
    await worker.page.locator('[data-testid="households"] li').first().waitFor();
    await shot(worker, 'grid-worker-my-grid');
    await worker.page.getByTestId('nav-due').click();
    await worker.page.getByTestId('awaiting').waitFor();
    await worker.page.getByTestId('care-due').waitFor(); // care visits due (H7's careDue, §8.3)
    await shot(worker, 'grid-worker-due-today');
    await logout(worker);
    expectNoConsoleErrors();
  }, 90000);
});
