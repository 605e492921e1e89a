import pg from 'pg';
import { asUser } from './gateway.js';

/**
 * DOMAIN.md §8.1 (one case clock across hand-overs) and §8.2 (who rates) through the gateway with real
 * tokens, on the stack `./lianxin test` started. A working day cannot pass during a test: the case's
 * clocks are moved back in its database (the only thing done behind the API), then the stack's own
 * deadline scheduler finds them missed.
 */

const VILLAGE = '330402001001';
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

interface CaseClock {
  id: string;
  status: string;
  level: string;
  version: number;
  dueAt: string | null;
  stageDueAt: string | null;
  overdue: boolean;
  stageOverruns: number;
  reopenCount: number;
  rating: string | null;
  ratingMethod: string | null;
  ratingByProxy: boolean;
}
const CASE_FIELDS = 'id status level version dueAt stageDueAt overdue stageOverruns reopenCount rating ratingMethod ratingByProxy';

interface Counts {
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
}
interface Stats {
  reported: number;
  resolved: number;
  resolvedOnTime: number;
  overdue: number;
  stageOverruns: number;
  ratings: Counts;
  proxyRatings: Counts;
}

async function stats(): Promise<Stats> {
  const response = await asUser<{ area: { caseStats: Stats } }>(
    'village.admin',
    `query ($period: CaseStatsPeriod!) { area(code: "${VILLAGE}") { caseStats(period: $period) {
      reported resolved resolvedOnTime overdue stageOverruns
      ratings { satisfied basicallySatisfied unsatisfied } proxyRatings { satisfied basicallySatisfied unsatisfied } } } }`,
    { period: { from: day(-1), to: day(1) } },
  );
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!.area.caseStats;
}

async function attempt(username: string, mutation: string, input: Record<string, unknown>) {
  const inputType = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
  return asUser<Record<string, { case: CaseClock }>>(username, `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { case { ${CASE_FIELDS} } } }`, { input });
}

async function step(username: string, mutation: string, input: Record<string, unknown>): Promise<CaseClock> {
  const response = await attempt(username, mutation, input);
  if (response.errors) throw new Error(`${mutation} by ${username}: ${JSON.stringify(response.errors)}`);
  return response.data![mutation].case;
}

async function read(id: string): Promise<CaseClock> {
  const response = await asUser<{ case: CaseClock }>('county.admin', `query ($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`, { id });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!.case;
}

/** Moves a case's clocks back so that they ran out a minute ago, as if the working day had passed. */
async function letTheDayPass(caseId: string): Promise<void> {
  const client = new pg.Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 55432),
    user: process.env.DATABASE_USER ?? 'lianxin',
    password: process.env.DATABASE_PASSWORD ?? 'lianxin',
    database: `${process.env.DATABASE_PREFIX ?? 'lianxin_test'}_cases`,
  });
  await client.connect();
  try {
    const shifted = await client.query(
      `update "case" set "clock_started_at" = "clock_started_at" - s.delta, "due_at" = "due_at" - s.delta,
         "stage_started_at" = "stage_started_at" - s.delta, "stage_due_at" = "stage_due_at" - s.delta
       from (select "id", greatest("due_at", "stage_due_at") - now() + interval '1 minute' as delta from "case" where "id" = $1) s
       where "case"."id" = s."id"`,
      [caseId],
    );
    expect(shifted.rowCount).toBe(1);
  } finally {
    await client.end();
  }
}

/** Waits for the stack's deadline scheduler (every 30 s) to act on the case. */
async function untilScheduled(id: string, done: (c: CaseClock) => boolean): Promise<CaseClock> {
  const deadline = Date.now() + 75_000;
  for (;;) {
    const c = await read(id);
    if (done(c) || Date.now() > deadline) return c;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

describe('§8.1 one case clock, §8.2 honest ratings (through the gateway)', () => {
  let caseId: string;
  let before: Stats;

  it('§8.1 a SIMPLE case passed through four holders keeps its one-working-day clock, is overdue after it and is counted late', async () => {
    before = await stats();
    const reported = await step('resident.demo', 'reportCase', {
      gridCode: '330402001001001',
      title: '路灯不亮 e2e clock',
      description: '小区东门路灯三天不亮',
      categoryCode: 'LIVELIHOOD_SERVICE',
      caseClass: 'SIMPLE',
    });
    caseId = reported.id;
    expect(reported).toMatchObject({ status: 'REPORTED', level: 'GRID', dueAt: null });
    expect(reported.stageDueAt).not.toBeNull();

    const verified = await step('grid.worker', 'verifyCase', { caseId });
    const promise = verified.dueAt!;
    // One working day: the end of the next working day, at most a long weekend (or holiday) away.
    const hoursLeft = (Date.parse(promise) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(0);
    expect(hoursLeft).toBeLessThan(24 * 12);

    // Four holders: grid → village → township → department. None of them restarts the case clock.
    const handOvers: Array<[string, string, Record<string, unknown>, string]> = [
      ['grid.worker', 'escalateCase', { reason: '需社区协调' }, 'VILLAGE'],
      ['village.admin', 'placeOrder', { note: '提交街道' }, 'TOWNSHIP'],
      ['jianshe.admin', 'dispatchCase', { departmentCode: 'CIVIL_AFFAIRS' }, 'DEPARTMENT'],
      ['civil.staff', 'acceptCase', {}, 'DEPARTMENT'],
    ];
    for (const [user, mutation, input, level] of handOvers) {
      const after = await step(user, mutation, { caseId, ...input });
      expect(after).toMatchObject({ level, dueAt: promise });
      expect(Date.parse(after.stageDueAt!)).toBeLessThanOrEqual(Date.parse(promise));
    }

    await letTheDayPass(caseId);
    const late = await untilScheduled(caseId, (c) => c.overdue);
    // Missed: overdue, the department's stage charged to it, escalated by the system to the county.
    expect(late).toMatchObject({ overdue: true, stageOverruns: 1, level: 'COUNTY', status: 'ESCALATED' });

    await step('county.admin', 'resolveCase', { caseId, result: '县级协调更换路灯' });
    const after = await stats();
    expect(after.reported).toBe(before.reported + 1);
    expect(after.resolved).toBe(before.resolved + 1);
    expect(after.resolvedOnTime).toBe(before.resolvedOnTime);
    expect(after.overdue).toBe(before.overdue + 1);
    expect(after.stageOverruns).toBe(before.stageOverruns + 1);
  }, 150_000);

  it('§8.2 nobody rates a case they handled; the reporting resident rates it', async () => {
    await step('grid.worker', 'feedBackCase', { caseId, feedback: '已告知居民' });
    for (const [user, mutation, input] of [
      ['grid.worker', 'rateCase', { rating: 'SATISFIED' }],
      ['grid.worker', 'recordReturnVisit', { rating: 'SATISFIED', method: 'PHONE' }],
      ['county.admin', 'recordReturnVisit', { rating: 'SATISFIED', method: 'VISIT' }],
      ['civil.staff', 'rateCase', { rating: 'SATISFIED' }],
    ] as const) {
      const refused = await attempt(user, mutation, { caseId, ...input });
      expect([user, mutation, refused.errors?.[0]?.extensions?.code]).toEqual([user, mutation, 'FORBIDDEN']);
    }
    const rated = await step('resident.demo', 'rateCase', { caseId, rating: 'SATISFIED' });
    expect(rated).toMatchObject({ status: 'CLOSED', rating: 'SATISFIED', ratingMethod: 'RESIDENT', ratingByProxy: false });
    const after = await stats();
    expect(after.ratings.satisfied).toBe(before.ratings.satisfied + 1);
    expect(after.proxyRatings).toEqual(before.proxyRatings);
  });

  it('§8.2 a return visit by someone who did not handle the case is a proxy rating, shown apart in the statistics', async () => {
    const start = await stats();
    const found = await step('grid.worker', 'reportCase', {
      gridCode: '330402001001001',
      title: '井盖松动 e2e clock',
      description: '3号楼前井盖松动',
      categoryCode: 'SAFETY_HAZARD',
      caseClass: 'SIMPLE',
      source: 'GRID_PATROL',
    });
    await step('grid.worker', 'verifyCase', { caseId: found.id });
    await step('grid.worker', 'resolveCase', { caseId: found.id, result: '已固定井盖' });
    await step('grid.worker', 'feedBackCase', { caseId: found.id, feedback: '已处理' });
    const visited = await step('grid.leader', 'recordReturnVisit', { caseId: found.id, rating: 'BASICALLY_SATISFIED', method: 'PHONE', comment: '电话回访' });
    expect(visited).toMatchObject({ status: 'CLOSED', rating: 'BASICALLY_SATISFIED', ratingMethod: 'PHONE', ratingByProxy: true });
    const after = await stats();
    expect(after.proxyRatings.basicallySatisfied).toBe(start.proxyRatings.basicallySatisfied + 1);
    expect(after.ratings).toEqual(start.ratings);
  });
});
