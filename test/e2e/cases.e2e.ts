import { asUser } from './gateway.js';

const SERVICE_PORTS = { grids: 4102, cases: 4104 } as const;

/** GraphQL requests a subgraph has served so far (its Prometheus histogram's count). */
async function requestsServed(service: keyof typeof SERVICE_PORTS): Promise<number> {
  const port = SERVICE_PORTS[service] + Number(process.env.STACK_PORT_OFFSET ?? 800);
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return [...text.matchAll(/^graphql_request_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}

interface Stats {
  reported: number;
  resolved: number;
  reopenings: number;
  ratings: { satisfied: number; unsatisfied: number };
  resolutionLevels: { above: number };
}

interface CaseState {
  id: string;
  status: string;
  level: string;
  version: number;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const statsQuery = `query ($period: CaseStatsPeriod!) {
  area(code: "330402001001") { caseStats(period: $period) { reported resolved reopenings ratings { satisfied unsatisfied } resolutionLevels { above } } }
}`;

async function stats(): Promise<Stats> {
  const response = await asUser<{ area: { caseStats: Stats } }>('village.admin', statsQuery, { period: { from: day(-1), to: day(1) } });
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!.area.caseStats;
}

/** One mutation of the loop, as the given user; returns the case after the step. */
async function step(username: string, mutation: string, input: Record<string, unknown>): Promise<CaseState> {
  const inputType = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
  const response = await asUser<Record<string, { case: CaseState }>>(
    username,
    `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { case { id status level version } } }`,
    { input },
  );
  if (response.errors) throw new Error(`${mutation} by ${username}: ${JSON.stringify(response.errors)}`);
  return response.data![mutation].case;
}

/** The six-order loop (六单联办) through the gateway, with real users at every level. */
describe('a case through the whole loop', () => {
  it('goes resident → grid → village → township → department → resident, reopens when unsatisfied, then closes', async () => {
    const before = await stats();
    const reported = await step('resident.demo', 'reportCase', {
      gridCode: '330402001001001',
      title: '楼道灯坏了 e2e',
      description: '3号楼2单元楼道灯一周不亮，老人夜里上下楼不便',
      categoryCode: 'LIVELIHOOD_SERVICE',
    });
    expect(reported).toMatchObject({ status: 'REPORTED', level: 'GRID' });
    const id = reported.id;
    expect((await stats()).reported).toBe(before.reported + 1);

    await step('grid.worker', 'verifyCase', { caseId: id });
    await step('grid.worker', 'escalateCase', { caseId: id, reason: '需社区协调物业' });
    await step('village.admin', 'placeOrder', { caseId: id, note: '物业无法处理，提交街道' });
    const dispatched = await step('jianshe.admin', 'dispatchCase', { caseId: id, departmentCode: 'CIVIL_AFFAIRS' });
    expect(dispatched).toMatchObject({ status: 'DISPATCHED', level: 'DEPARTMENT' });
    await step('civil.staff', 'acceptCase', { caseId: id });
    const resolved = await step('civil.staff', 'resolveCase', { caseId: id, result: '已协调更换灯具' });
    expect(resolved.status).toBe('RESOLVED');
    expect((await stats()).resolved).toBe(before.resolved + 1);

    await step('grid.worker', 'feedBackCase', { caseId: id, feedback: '已告知居民处理结果' });
    const reopened = await step('resident.demo', 'rateCase', { caseId: id, rating: 'UNSATISFIED', comment: '灯还是时亮时不亮' });
    expect(reopened.level).toBe('DEPARTMENT');
    expect(['REOPENED', 'IN_PROGRESS']).toContain(reopened.status);
    const afterReopen = await stats();
    expect(afterReopen.ratings.unsatisfied).toBe(before.ratings.unsatisfied + 1);
    expect(afterReopen.reopenings).toBe(before.reopenings + 1);

    if (reopened.status === 'REOPENED') await step('civil.staff', 'acceptCase', { caseId: id });
    await step('civil.staff', 'resolveCase', { caseId: id, result: '更换线路后恢复正常' });
    await step('grid.worker', 'feedBackCase', { caseId: id, feedback: '再次回访，已正常' });
    const closed = await step('resident.demo', 'rateCase', { caseId: id, rating: 'SATISFIED' });
    expect(closed.status).toBe('CLOSED');

    const after = await stats();
    expect(after.ratings.satisfied).toBe(before.ratings.satisfied + 1);
    expect(after.reported).toBe(before.reported + 1);
    expect(after.resolutionLevels.above).toBe(before.resolutionLevels.above + 1);

    const history = await asUser<{ case: { history: Array<{ toStatus: string }> } }>('county.auditor', `{ case(id: "${id}") { history { toStatus } } }`);
    expect(history.data?.case.history.map((entry) => entry.toStatus)).toEqual(
      expect.arrayContaining(['REPORTED', 'VERIFIED', 'DISPATCHED', 'RESOLVED', 'FED_BACK', 'CLOSED']),
    );
  });

  it('shows the grid its open cases with reporters resolved across subgraphs', async () => {
    const response = await asUser<{ grid: { name: string; openCases: { totalCount: number; edges: Array<{ node: { number: string; reporter: { name: string } | null } }> } } }>(
      'grid.worker',
      // A full page: the newest open cases may be ones other e2e files reported without a reporter (the tier
      // runs twice against one stack); the demo's, further down, have theirs.
      '{ grid(code: "330402001001001") { name openCases(first: 100) { totalCount edges { node { number reporter { name } } } } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.grid.openCases.totalCount).toBeGreaterThan(0);
    expect(response.data!.grid.openCases.edges.some((edge) => edge.node.reporter?.name)).toBe(true);
  });

  it('names the grid of every case in a list without asking the grids service, the names being the grids service\'s own', async () => {
    // 12345 hotline cases: the demo's, spread over the township's grids; no test reports one, so the page
    // does not fill up with test cases of one grid when the e2e tier runs again against the same stack.
    const list = '{ cases(first: 50, filter: { areaCode: "330402001", source: HOTLINE_12345 }) { edges { node { number grid { code name } reporter { name } } } } }';
    // cases learns the demo grids' names from grids.grid.created events; give a fresh stack a moment.
    let response = await asUser<{ cases: { edges: Array<{ node: { grid: { code: string; name: string }; reporter: { name: string } | null } }> } }>('jianshe.admin', list);
    for (let tries = 0; response.errors && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      response = await asUser('jianshe.admin', list);
    }
    const servedBefore = await requestsServed('grids');
    response = await asUser('jianshe.admin', list);
    expect(await requestsServed('grids')).toBe(servedBefore);
    expect(response.errors).toBeUndefined();
    // The demo's reporters live in their case's grid, so the township's admin sees every one of them.
    expect(response.extensions?.valueCompletion).toBeUndefined();
    expect(response.data!.cases.edges.filter(({ node }) => node.reporter?.name).length).toBeGreaterThan(10);

    const fromCases = new Map(response.data!.cases.edges.map(({ node }) => [node.grid.code, node.grid.name]));
    expect(fromCases.size).toBeGreaterThan(1);
    const codes = [...fromCases.keys()];
    const fromGrids = await asUser<Record<string, { name: string }>>(
      'jianshe.admin',
      `{ ${codes.map((code, i) => `g${i}: grid(code: "${code}") { name }`).join(' ')} }`,
    );
    expect(fromGrids.errors).toBeUndefined();
    expect(new Map(codes.map((code, i) => [code, fromGrids.data![`g${i}`].name]))).toEqual(fromCases);
  });

  it('answers the statistics of a township and of its villages with one request to cases, as each area asked alone', async () => {
    const period = { from: day(-400), to: day(1) };
    const fields = 'reported resolved byStatus { status count }';
    const together = `query ($period: CaseStatsPeriod!) {
      area(code: "330402001") { caseStats(period: $period) { ${fields} } children(first: 50) { edges { node { code caseStats(period: $period) { ${fields} } } } } }
    }`;
    const servedBefore = await requestsServed('cases');
    const response = await asUser<{ area: { caseStats: unknown; children: { edges: Array<{ node: { code: string; caseStats: unknown } }> } } }>('jianshe.admin', together, { period });
    // The planner sends the township's and the villages' caseStats as two fetches; the gateway merges them.
    expect(await requestsServed('cases')).toBe(servedBefore + 1);
    expect(response.errors).toBeUndefined();
    const villages = response.data!.area.children.edges.map(({ node }) => node);
    expect(villages.length).toBeGreaterThan(1);
    const alone = async (code: string) => {
      const single = await asUser<{ area: { caseStats: unknown } }>('jianshe.admin', `query ($period: CaseStatsPeriod!) { area(code: "${code}") { caseStats(period: $period) { ${fields} } } }`, { period });
      expect(single.errors).toBeUndefined();
      return single.data!.area.caseStats;
    };
    expect(response.data!.area.caseStats).toEqual(await alone('330402001'));
    for (const village of villages) expect(village.caseStats).toEqual(await alone(village.code));
  });
});
