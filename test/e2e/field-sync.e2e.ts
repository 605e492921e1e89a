import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graphqlRequest, tokenFor } from '@lianxin/testing';
import { startGateway } from '../../gateway/src/server.js';
import { asUser } from './gateway.js';

const GRID = '330402001001001'; // grid.worker's grid in the demo county
const SIBLING = '330402001001002'; // same village, not grid.worker's

const SYNC = `mutation Sync($input: SyncFieldWorkInput!) { syncFieldWork(input: $input) {
  created alreadyApplied rejected
  results { index kind idempotencyKey status visit { id visitedAt } patrol { id } hazard { id reportedAt receivedAt } caseId error { code field reason } }
} }`;
const REPORT_CASE = `mutation Report($input: ReportCaseInput!) { reportCase(input: $input) { case { id number reportedAt receivedAt source } } }`;
const COUNTS = `query Counts($grid: String!) {
  visits(first: 1, filter: { areaCode: $grid }) { totalCount }
  hazards(first: 1, filter: { areaCode: $grid }) { totalCount }
}`;

interface ItemResult {
  index: number;
  kind: string | null;
  status: string;
  visit: { id: string; visitedAt: string } | null;
  patrol: { id: string } | null;
  hazard: { id: string; reportedAt: string; receivedAt: string } | null;
  caseId: string | null;
  error: { code: string; field: string | null; reason: string } | null;
}
interface SyncData {
  syncFieldWork: { created: number; alreadyApplied: number; rejected: number; results: ItemResult[] };
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

async function counts(): Promise<{ visits: number; hazards: number }> {
  const response = await asUser<{ visits: { totalCount: number }; hazards: { totalCount: number } }>('grid.worker', COUNTS, { grid: GRID });
  expect(response.errors).toBeUndefined();
  return { visits: response.data!.visits.totalCount, hazards: response.data!.hazards.totalCount };
}

async function waitForCase(id: string): Promise<{ id: string; source: string; reportedAt: string } | null> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const response = await asUser<{ case: { id: string; source: string; reportedAt: string } | null }>('grid.worker', 'query ($id: ID!) { case(id: $id) { id source reportedAt } }', { id });
    if (response.data?.case) return response.data.case;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return null;
}

/**
 * Issue 17 through the gateway with real Keycloak tokens: a grid worker's day recorded offline arrives as
 * one syncFieldWork batch (with duplicates and one invalid item), then again; a case reported twice with one
 * key is one case.
 */
describe('field sync through the gateway (issue 17)', () => {
  let keyPlaceId: string;

  beforeAll(async () => {
    const places = await asUser<{ keyPlaces: { edges: Array<{ node: { id: string } }> } }>('grid.worker', `{ keyPlaces(first: 1, filter: { gridCode: "${GRID}" }) { edges { node { id } } } }`);
    expect(places.errors).toBeUndefined();
    keyPlaceId = places.data!.keyPlaces.edges[0]!.node.id;
  });

  it('syncFieldWork with 50 items (duplicates and one invalid) answers per item; the replay creates nothing', async () => {
    const households = await asUser<{ grid: { households: { edges: Array<{ node: { id: string } }> } } }>('grid.worker', `{ grid(code: "${GRID}") { households(first: 20) { edges { node { id } } } } }`);
    const householdIds = households.data?.grid.households.edges.map((edge) => edge.node.id) ?? [];
    expect(householdIds.length).toBeGreaterThan(0);
    const caseKey = randomUUID();
    const items: Array<Record<string, unknown>> = [];
    const expected: Array<[string | null, string]> = [];
    // 30 visits, 10 hazards, 5 patrols, 1 case report, 3 duplicates, 1 invalid = 50
    for (let i = 0; i < 30; i += 1) {
      items.push({ visit: { householdId: householdIds[i % householdIds.length], findings: `走访记录${i}`, idempotencyKey: randomUUID(), occurredAt: hoursAgo(10 - i * 0.2) } });
      expected.push(['VISIT', 'CREATED']);
    }
    for (let i = 0; i < 10; i += 1) {
      items.push({ hazard: { gridCode: GRID, description: `隐患${i}`, severity: 'LOW', category: 'OTHER', idempotencyKey: randomUUID(), occurredAt: hoursAgo(4 - i * 0.1) } });
      expected.push(['HAZARD', 'CREATED']);
    }
    for (let i = 0; i < 5; i += 1) {
      items.push({ patrol: { keyPlaceId, notes: `巡查${i}`, hazards: [], idempotencyKey: randomUUID(), occurredAt: hoursAgo(3 - i * 0.1) } });
      expected.push(['PATROL', 'CREATED']);
    }
    items.push({ caseReport: { title: '路灯损坏', description: '3号楼前路灯不亮', categoryCode: 'LIVELIHOOD_SERVICE', gridCode: GRID, idempotencyKey: caseKey, occurredAt: hoursAgo(2) } });
    expected.push(['CASE_REPORT', 'CREATED']);
    // The phone sent three items twice (a lost answer); one item names a grid outside the worker's.
    items.push(items[0]!, items[31]!, items[41]!);
    expected.push(['VISIT', 'ALREADY_APPLIED'], ['HAZARD', 'ALREADY_APPLIED'], ['PATROL', 'ALREADY_APPLIED']);
    items.push({ visit: { householdId: householdIds[0], findings: '', idempotencyKey: randomUUID() } });
    expected.push(['VISIT', 'REJECTED']);
    expect(items).toHaveLength(50);

    const before = await counts();
    const response = await asUser<SyncData>('grid.worker', SYNC, { input: { items } });
    expect(response.errors).toBeUndefined();
    const sync = response.data!.syncFieldWork;
    expect(sync.results.map((result) => [result.kind, result.status])).toEqual(expected);
    expect([sync.created, sync.alreadyApplied, sync.rejected]).toEqual([46, 3, 1]);
    expect(sync.results[46]!.visit!.id).toBe(sync.results[0]!.visit!.id);
    expect(sync.results[47]!.hazard!.id).toBe(sync.results[31]!.hazard!.id);
    expect(sync.results[48]!.patrol!.id).toBe(sync.results[41]!.patrol!.id);
    expect(sync.results[49]!.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items.49.visit.findings' });
    // Device time is the truth: the hazard's report time is when it was found, the server keeps its own.
    const hazard = sync.results[30]!.hazard!;
    expect(hazard.reportedAt).toBe((items[30]!.hazard as { occurredAt: string }).occurredAt);
    expect(Date.parse(hazard.receivedAt)).toBeGreaterThan(Date.parse(hazard.reportedAt));
    expect(await counts()).toEqual({ visits: before.visits + 30, hazards: before.hazards + 10 });

    // The case: grids handed it to cases' reportCase at once, with the id the result named.
    const caseId = sync.results[45]!.caseId!;
    const created = await waitForCase(caseId);
    expect(created).toMatchObject({ id: caseId, source: 'GRID_PATROL', reportedAt: (items[45]!.caseReport as { occurredAt: string }).occurredAt });

    // The whole batch again (the phone never saw the answer): nothing new, the same ids.
    const replay = await asUser<SyncData>('grid.worker', SYNC, { input: { items } });
    const again = replay.data!.syncFieldWork;
    expect([again.created, again.alreadyApplied, again.rejected]).toEqual([0, 49, 1]);
    const idOf = (result: ItemResult) => result.visit?.id ?? result.hazard?.id ?? result.patrol?.id ?? result.caseId ?? null;
    expect(again.results.map(idOf)).toEqual(sync.results.map(idOf));
    expect(await counts()).toEqual({ visits: before.visits + 30, hazards: before.hazards + 10 });
  });

  it('an item outside the worker\'s grid is REJECTED with FORBIDDEN; the others are written', async () => {
    const response = await asUser<SyncData>('grid.worker', SYNC, {
      input: {
        items: [
          { hazard: { gridCode: SIBLING, description: '别的网格', severity: 'LOW', category: 'OTHER', idempotencyKey: randomUUID() } },
          { hazard: { gridCode: GRID, description: '本网格', severity: 'LOW', category: 'OTHER', idempotencyKey: randomUUID() } },
        ],
      },
    });
    expect(response.data!.syncFieldWork.results.map((result) => [result.status, result.error?.code ?? null])).toEqual([
      ['REJECTED', 'FORBIDDEN'],
      ['CREATED', null],
    ]);
  });

  it('a case report sent twice with the same key is one case; the same key with other values is CONFLICT', async () => {
    const input = { title: '楼道灯坏了', description: '2单元楼道灯不亮', categoryCode: 'LIVELIHOOD_SERVICE', gridCode: GRID, idempotencyKey: randomUUID(), occurredAt: hoursAgo(1) };
    const first = await asUser<{ reportCase: { case: { id: string; number: string; reportedAt: string; receivedAt: string } } }>('grid.worker', REPORT_CASE, { input });
    expect(first.errors).toBeUndefined();
    const again = await asUser<{ reportCase: { case: { id: string; number: string } } }>('grid.worker', REPORT_CASE, { input });
    expect(again.errors).toBeUndefined();
    expect(again.data!.reportCase.case).toMatchObject({ id: first.data!.reportCase.case.id, number: first.data!.reportCase.case.number });
    expect(first.data!.reportCase.case.reportedAt).toBe(input.occurredAt);
    expect(Date.parse(first.data!.reportCase.case.receivedAt)).toBeGreaterThan(Date.parse(input.occurredAt));
    const mine = await asUser<{ cases: { edges: Array<{ node: { id: string } }> } }>('grid.worker', `{ cases(first: 100, filter: { areaCode: "${GRID}" }) { edges { node { id } } } }`);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.cases.edges.filter((edge) => edge.node.id === first.data!.reportCase.case.id)).toHaveLength(1);

    const changed = await asUser('grid.worker', REPORT_CASE, { input: { ...input, description: '改了描述' } });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['description'] });
  });

  it('the case a synced item named and a later reportCase with the same key are one case', async () => {
    const key = randomUUID();
    // A synced case report is reportCase with source GRID_PATROL (cases-client.ts): the same values, the same write.
    const report = { title: '下水道堵塞', description: '5号楼下水道堵塞', categoryCode: 'ENVIRONMENT', gridCode: GRID, idempotencyKey: key };
    const synced = await asUser<SyncData>('grid.worker', SYNC, { input: { items: [{ caseReport: report }] } });
    const caseId = synced.data!.syncFieldWork.results[0]!.caseId!;
    expect(await waitForCase(caseId)).toMatchObject({ id: caseId });
    const direct = await asUser<{ reportCase: { case: { id: string } } }>('grid.worker', REPORT_CASE, { input: { ...report, source: 'GRID_PATROL' } });
    expect(direct.errors).toBeUndefined();
    expect(direct.data!.reportCase.case.id).toBe(caseId);
  });

  it('a synced case report cases refuses comes back as that item\'s REJECTED result (code, field, reason); nothing is kept, so it can be sent again', async () => {
    const refused = { title: '类别不存在', description: '这个类别不在目录里', categoryCode: 'NO_SUCH_CATEGORY', gridCode: GRID, idempotencyKey: randomUUID() };
    const items = [{ caseReport: refused }, { hazard: { gridCode: GRID, description: '同批的隐患', severity: 'LOW', category: 'OTHER', idempotencyKey: randomUUID() } }];
    const first = await asUser<SyncData>('grid.worker', SYNC, { input: { items } });
    expect(first.errors).toBeUndefined();
    const [report, hazard] = first.data!.syncFieldWork.results;
    expect(report).toMatchObject({ kind: 'CASE_REPORT', status: 'REJECTED', caseId: null, error: { code: 'BAD_USER_INPUT', field: 'items.0.caseReport.categoryCode' } });
    expect(report!.error!.reason).toContain('NO_SUCH_CATEGORY is not an active case category');
    expect(hazard).toMatchObject({ kind: 'HAZARD', status: 'CREATED' });
    // Sent again (say after the county added the category): asked again, refused again — never ALREADY_APPLIED.
    const again = await asUser<SyncData>('grid.worker', SYNC, { input: { items } });
    expect(again.data!.syncFieldWork.results.map((result) => [result.status, result.error?.field ?? null])).toEqual([
      ['REJECTED', 'items.0.caseReport.categoryCode'],
      ['ALREADY_APPLIED', null],
    ]);
  });

  it('through a gateway with the per-user rate limit on, a batch costs its items: one beyond what is left is refused whole (RATE_LIMITED) and writes nothing', async () => {
    // Another gateway on the stack's subgraphs, in this process, with a small limit of its own (10 writes, 1 more per 100 s).
    const offset = Number(process.env.STACK_PORT_OFFSET ?? 800);
    const supergraphPath = join(process.cwd(), 'gateway', 'supergraph.graphql');
    const overrides = Object.fromEntries(
      [...readFileSync(supergraphPath, 'utf8').matchAll(/@join__graph\(name: "([a-z-]+)", url: "http:\/\/127\.0\.0\.1:(\d+)\/graphql"\)/g)].map(([, name, port]) => [
        `SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`,
        `http://127.0.0.1:${Number(port) + offset}/graphql`,
      ]),
    );
    const saved = Object.fromEntries(Object.keys(overrides).map((key) => [key, process.env[key]]));
    for (const [key, value] of Object.entries(overrides)) process.env[key] ??= value;
    const limited = await startGateway({
      supergraphPath,
      port: 0,
      host: '127.0.0.1',
      env: { ...process.env, GATEWAY_RATE_LIMIT_USER: '0.01,10', GATEWAY_RATE_LIMIT_SHARED: 'off', GATEWAY_ENTITY_CACHE: 'off', GATEWAY_PREPARE_PLANS: 'off' },
    });
    try {
      const token = await tokenFor('grid.worker');
      const hazards = (count: number) =>
        Array.from({ length: count }, (_, index) => ({ hazard: { gridCode: GRID, description: `限流${index}`, severity: 'LOW', category: 'OTHER', idempotencyKey: randomUUID() } }));
      const send = (items: unknown[]) => graphqlRequest<SyncData>(limited.url, SYNC, { token, variables: { input: { items } } });
      const before = await counts();

      const first = await send(hazards(4));
      expect(first.errors).toBeUndefined();
      expect(first.data!.syncFieldWork.created).toBe(4);

      // 6 left: a batch of 7 is refused before grids sees it.
      const batch = hazards(7);
      const refused = await send(batch);
      expect(refused.status).toBe(429);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'user', cost: 7, available: 6 });
      expect(await counts()).toEqual({ visits: before.visits, hazards: before.hazards + 4 });

      // Six of those items now pass, each CREATED: none of the refused batch had been written.
      const rest = await send(batch.slice(0, 6));
      expect(rest.errors).toBeUndefined();
      expect(rest.data!.syncFieldWork.results.map((result) => result.status)).toEqual(Array(6).fill('CREATED'));
      expect(await counts()).toEqual({ visits: before.visits, hazards: before.hazards + 10 });
    } finally {
      await limited.stop();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
