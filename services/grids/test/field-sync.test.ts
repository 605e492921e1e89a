import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createSubgraphApp, IdempotencyKeyPurgeJob } from '@lianxin/platform';
import { errorCodes, graphqlRequest, tokenFor } from '@lianxin/testing';
import { GRIDS, startGridsHarness, type GridsHarness } from './harness.js';

const HOUSEHOLD = '20000000-0000-4000-8000-000000000017';

// No cases subgraph runs beside this in-process grids (a port nothing listens on): a synced case report is
// then REJECTED with SERVICE_UNAVAILABLE and stores nothing, so it can be sent again. Reports cases makes
// or refuses are tested through the whole stack (test/e2e/field-sync.e2e.ts).
process.env.CASES_GRAPHQL_URL = 'http://127.0.0.1:9/graphql';

const VISIT = 'mutation ($input: RecordVisitInput!) { recordVisit(input: $input) { visit { id visitedAt findings } } }';
const HAZARD = 'mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { hazard { id reportedAt receivedAt } } }';
const PATROL = 'mutation ($input: RecordPatrolInput!) { recordPatrol(input: $input) { patrol { id } hazards { id } } }';
const SYNC = `mutation ($input: SyncFieldWorkInput!) { syncFieldWork(input: $input) {
  created alreadyApplied rejected
  results { index kind idempotencyKey status visit { id } patrol { id } hazard { id } caseId error { code field reason } }
} }`;

interface SyncResult {
  index: number;
  kind: string | null;
  idempotencyKey: string | null;
  status: string;
  visit: { id: string } | null;
  patrol: { id: string } | null;
  hazard: { id: string } | null;
  caseId: string | null;
  error: { code: string; field: string | null; reason: string } | null;
}
interface SyncPayload {
  syncFieldWork: { created: number; alreadyApplied: number; rejected: number; results: SyncResult[] };
}

/**
 * Issue 17, writes that survive retries: idempotency keys on grids' creates and syncFieldWork, on a real
 * database with real tokens. A second app instance on the same database stands for a restarted process
 * and for another replica: it holds nothing in memory from the first.
 */
describe('grids subgraph: offline-safe writes (issue 17)', () => {
  let h: GridsHarness;
  let second: INestApplication;
  let secondUrl: string;
  let workerToken: string;
  let keyPlaceId: string;

  const counts = async () => ({
    visits: await h.count('select count(*) as n from visit'),
    hazards: await h.count('select count(*) as n from hazard'),
    patrols: await h.count('select count(*) as n from patrol'),
    events: await h.count('select count(*) as n from outbox_event'),
    keys: await h.count('select count(*) as n from idempotency_key'),
  });
  const onSecond = <T>(query: string, variables: Record<string, unknown>) => graphqlRequest<T>(secondUrl, query, { token: workerToken, variables });

  beforeAll(async () => {
    h = await startGridsHarness('grids_field_sync');
    workerToken = await tokenFor('grid.worker');
    const { AppModule } = await import('../src/app.module.js');
    second = await createSubgraphApp(AppModule);
    await second.listen(0, '127.0.0.1');
    secondUrl = `${await second.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
    const place = await h.gql<{ registerKeyPlace: { keyPlace: { id: string } } }>(
      'gridWorker',
      'mutation ($input: RegisterKeyPlaceInput!) { registerKeyPlace(input: $input) { keyPlace { id } } }',
      { input: { gridCode: GRIDS.own, kind: 'RENTAL_HOUSING', name: '出租屋12号', address: '禾兴北路12号', idempotencyKey: randomUUID() } },
    );
    if (!place.data) throw new Error(JSON.stringify(place.errors));
    keyPlaceId = place.data.registerKeyPlace.keyPlace.id;
  });

  afterAll(async () => {
    await second?.close();
    await h?.close();
  });

  it('a visit sent twice with one key is one visit, one event, one key row; the replay returns the first visit', async () => {
    const before = await counts();
    const input = { householdId: HOUSEHOLD, findings: '独居老人，需每周探访', idempotencyKey: randomUUID() };
    const first = await h.gql<{ recordVisit: { visit: { id: string } } }>('gridWorker', VISIT, { input });
    const again = await h.gql<{ recordVisit: { visit: { id: string } } }>('gridWorker', VISIT, { input });
    expect(first.errors).toBeUndefined();
    expect(again.data!.recordVisit.visit.id).toBe(first.data!.recordVisit.visit.id);
    expect(await counts()).toEqual({ ...before, visits: before.visits + 1, events: before.events + 1, keys: before.keys + 1 });
  });

  it('the same key with other values is CONFLICT naming the fields that differ, and writes nothing', async () => {
    const key = randomUUID();
    expect((await h.gql('gridWorker', VISIT, { input: { householdId: HOUSEHOLD, findings: '第一次', idempotencyKey: key } })).errors).toBeUndefined();
    const before = await counts();
    const response = await h.gql('gridWorker', VISIT, { input: { householdId: HOUSEHOLD, findings: '改过的内容', idempotencyKey: key } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['findings'] });
    expect(await counts()).toEqual(before);
  });

  it('keys are per caller: another user\'s identical key is their own write', async () => {
    const key = randomUUID();
    const input = { gridCode: GRIDS.own, description: '楼道堆物', severity: 'LOW', category: 'FIRE', idempotencyKey: key };
    const worker = await h.gql<{ reportHazard: { hazard: { id: string } } }>('gridWorker', HAZARD, { input });
    const leader = await h.gql<{ reportHazard: { hazard: { id: string } } }>('gridLeader', HAZARD, { input });
    expect(worker.errors).toBeUndefined();
    expect(leader.errors).toBeUndefined();
    expect(leader.data!.reportHazard.hazard.id).not.toBe(worker.data!.reportHazard.hazard.id);
  });

  it('occurredAt is the hazard\'s report time (the server keeps its receive time); > 5 minutes ahead or too old is refused', async () => {
    const occurredAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const response = await h.gql<{ reportHazard: { hazard: { reportedAt: string; receivedAt: string } } }>('gridWorker', HAZARD, {
      input: { gridCode: GRIDS.own, description: '河堤渗水', severity: 'HIGH', category: 'FLOOD', occurredAt, idempotencyKey: randomUUID() },
    });
    expect(response.errors).toBeUndefined();
    const hazard = response.data!.reportHazard.hazard;
    expect(hazard.reportedAt).toBe(occurredAt);
    expect(Math.abs(Date.parse(hazard.receivedAt) - Date.now())).toBeLessThan(60_000);

    const before = await counts();
    const ahead = await h.gql('gridWorker', VISIT, { input: { householdId: HOUSEHOLD, findings: '未来', occurredAt: new Date(Date.now() + 6 * 60_000).toISOString() } });
    expect(ahead.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'occurredAt' });
    const old = await h.gql('gridWorker', VISIT, { input: { householdId: HOUSEHOLD, findings: '太久', occurredAt: new Date(Date.now() - 31 * 86_400_000).toISOString() } });
    expect(old.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'occurredAt' });
    const badKey = await h.gql('gridWorker', VISIT, { input: { householdId: HOUSEHOLD, findings: '坏键', idempotencyKey: 'no spaces allowed' } });
    expect(badKey.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await counts()).toEqual(before);
  });

  it('replays sent to another instance (a restarted process, another replica) return the first results and create nothing', async () => {
    const visit = { householdId: HOUSEHOLD, findings: '重启前记录', idempotencyKey: randomUUID() };
    const hazard = { gridCode: GRIDS.own, description: '电动车入户充电', severity: 'MEDIUM', category: 'ELECTRIC_BIKE_CHARGING', idempotencyKey: randomUUID() };
    const patrol = { keyPlaceId, notes: '夜查', hazards: [{ description: '消防通道堵塞', severity: 'HIGH', category: 'FIRE' }], idempotencyKey: randomUUID() };
    const v1 = await h.gql<{ recordVisit: { visit: { id: string } } }>('gridWorker', VISIT, { input: visit });
    const h1 = await h.gql<{ reportHazard: { hazard: { id: string } } }>('gridWorker', HAZARD, { input: hazard });
    const p1 = await h.gql<{ recordPatrol: { patrol: { id: string }; hazards: Array<{ id: string }> } }>('gridWorker', PATROL, { input: patrol });
    expect([v1.errors, h1.errors, p1.errors]).toEqual([undefined, undefined, undefined]);
    const before = await counts();

    const v2 = await onSecond<{ recordVisit: { visit: { id: string } } }>(VISIT, { input: visit });
    const h2 = await onSecond<{ reportHazard: { hazard: { id: string } } }>(HAZARD, { input: hazard });
    const p2 = await onSecond<{ recordPatrol: { patrol: { id: string }; hazards: Array<{ id: string }> } }>(PATROL, { input: patrol });
    expect(v2.data!.recordVisit.visit.id).toBe(v1.data!.recordVisit.visit.id);
    expect(h2.data!.reportHazard.hazard.id).toBe(h1.data!.reportHazard.hazard.id);
    expect(p2.data!.recordPatrol).toEqual(p1.data!.recordPatrol);
    expect(await counts()).toEqual(before);
  });

  it('identical requests at the same moment on two instances make one hazard and one event', async () => {
    const before = await counts();
    const input = { gridCode: GRIDS.own, description: '燃气管道老化', severity: 'HIGH', category: 'GAS', idempotencyKey: randomUUID() };
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 ? onSecond<{ reportHazard: { hazard: { id: string } } }>(HAZARD, { input }) : h.gql<{ reportHazard: { hazard: { id: string } } }>('gridWorker', HAZARD, { input }),
      ),
    );
    expect(answers.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    expect(new Set(answers.map((answer) => answer.data!.reportHazard.hazard.id)).size).toBe(1);
    expect(await counts()).toEqual({ ...before, hazards: before.hazards + 1, events: before.events + 1, keys: before.keys + 1 });
  });

  describe('syncFieldWork', () => {
    const visitItem = (findings: string, key = randomUUID()) => ({ visit: { householdId: HOUSEHOLD, findings, idempotencyKey: key, occurredAt: new Date(Date.now() - 3_600_000).toISOString() } });

    it('applies items in order with a result each; duplicates are ALREADY_APPLIED, bad items REJECTED with field and reason, the rest written', async () => {
      const before = await counts();
      const dupKey = randomUUID();
      const caseKey = randomUUID();
      const items = [
        visitItem('走访一', dupKey),
        visitItem('走访一', dupKey),
        { hazard: { gridCode: GRIDS.own, description: '井盖缺失', severity: 'HIGH', category: 'STRUCTURAL', idempotencyKey: randomUUID() } },
        { patrol: { keyPlaceId, notes: '白天巡查', hazards: [], idempotencyKey: randomUUID() } },
        { caseReport: { title: '路灯不亮', description: '3号楼前路灯坏了一周', categoryCode: 'PUBLIC_FACILITY', gridCode: GRIDS.own, idempotencyKey: caseKey } },
        visitItem(''),
        { visit: { householdId: HOUSEHOLD, findings: '没有键' } },
        {},
        { hazard: { gridCode: GRIDS.sibling, description: '别的网格', severity: 'LOW', category: 'OTHER', idempotencyKey: randomUUID() } },
        visitItem('最后一条'),
      ];
      const response = await h.gql<SyncPayload>('gridWorker', SYNC, { input: { items } });
      expect(response.errors).toBeUndefined();
      const { results, created, alreadyApplied, rejected } = response.data!.syncFieldWork;
      expect(results.map((result) => [result.index, result.kind, result.status])).toEqual([
        [0, 'VISIT', 'CREATED'],
        [1, 'VISIT', 'ALREADY_APPLIED'],
        [2, 'HAZARD', 'CREATED'],
        [3, 'PATROL', 'CREATED'],
        [4, 'CASE_REPORT', 'REJECTED'],
        [5, 'VISIT', 'REJECTED'],
        [6, 'VISIT', 'REJECTED'],
        [7, null, 'REJECTED'],
        [8, 'HAZARD', 'REJECTED'],
        [9, 'VISIT', 'CREATED'],
      ]);
      expect([created, alreadyApplied, rejected]).toEqual([4, 1, 5]);
      expect(results[1].visit!.id).toBe(results[0].visit!.id);
      expect(results[4]).toMatchObject({ caseId: null, idempotencyKey: caseKey, error: { code: 'SERVICE_UNAVAILABLE', field: null } });
      expect(results[4].error!.reason).toMatch(/send it again/);
      expect(results[5].error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items.5.visit.findings' });
      expect(results[6].error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items.6.visit.idempotencyKey' });
      expect(results[7].error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items.7' });
      expect(results[8].error).toMatchObject({ code: 'FORBIDDEN', field: null });
      expect(await counts()).toEqual({
        visits: before.visits + 2,
        hazards: before.hazards + 1,
        patrols: before.patrols + 1,
        // visit ×2, hazard, patrol; the case report that cases could not take left nothing (no key: send it again)
        events: before.events + 4,
        keys: before.keys + 4,
      });
      expect(await h.count("select count(*) as n from idempotency_key where client_key = ?", [caseKey])).toBe(0);

      // The whole batch again, on the other instance: nothing new, the same ids.
      const replay = await onSecond<SyncPayload>(SYNC, { input: { items } });
      const again = replay.data!.syncFieldWork;
      expect(again.results.map((result) => result.status)).toEqual(['ALREADY_APPLIED', 'ALREADY_APPLIED', 'ALREADY_APPLIED', 'ALREADY_APPLIED', 'REJECTED', 'REJECTED', 'REJECTED', 'REJECTED', 'REJECTED', 'ALREADY_APPLIED']);
      expect(again.results.map((result) => result.visit?.id ?? result.hazard?.id ?? result.patrol?.id ?? result.caseId ?? null)).toEqual(
        results.map((result) => result.visit?.id ?? result.hazard?.id ?? result.patrol?.id ?? result.caseId ?? null),
      );
      expect(await counts()).toEqual({ visits: before.visits + 2, hazards: before.hazards + 1, patrols: before.patrols + 1, events: before.events + 4, keys: before.keys + 4 });
    });

    it('a synced item and the single mutation with the same key are one write', async () => {
      const key = randomUUID();
      const input = { householdId: HOUSEHOLD, findings: '同一条', idempotencyKey: key };
      const synced = await h.gql<SyncPayload>('gridWorker', SYNC, { input: { items: [{ visit: input }] } });
      const direct = await h.gql<{ recordVisit: { visit: { id: string } } }>('gridWorker', VISIT, { input });
      expect(direct.data!.recordVisit.visit.id).toBe(synced.data!.syncFieldWork.results[0].visit!.id);
    });

    it(`refuses more than 100 items as a whole, writing nothing`, async () => {
      const before = await counts();
      const response = await h.gql('gridWorker', SYNC, { input: { items: Array.from({ length: 101 }, (_, i) => visitItem(`第${i}条`)) } });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items' });
      expect(await counts()).toEqual(before);
    });

    it('is for field workers and admins only', async () => {
      for (const user of ['resident', 'auditor', 'civilStaff', 'volunteer'] as const) {
        expect(errorCodes(await h.gql(user, SYNC, { input: { items: [visitItem('不可')] } }))).toEqual(['FORBIDDEN']);
      }
    });
  });

  it('the purge drops keys past the retention (45 days) and keeps those a device may still replay (occurredAt up to 30 days old)', async () => {
    const keyOf = () => randomUUID();
    const old = keyOf();
    const inWindow = keyOf();
    for (const key of [old, inWindow]) {
      const response = await h.gql<{ recordVisit: { visit: { id: string } } }>('gridWorker', VISIT, { input: { householdId: HOUSEHOLD, findings: `保留期 ${key}`, idempotencyKey: key } });
      expect(response.errors).toBeUndefined();
    }
    await h.sql(`update idempotency_key set created_at = now() - interval '46 days' where client_key = ?`, [old]);
    await h.sql(`update idempotency_key set created_at = now() - interval '31 days' where client_key = ?`, [inWindow]);
    const purged = await h.app.get(IdempotencyKeyPurgeJob).runOnce(new Date());
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await h.count('select count(*) as n from idempotency_key where client_key = ?', [old])).toBe(0);
    // The key a device may still send (its work is at most 30 days old, it was first sent 31 days ago) is still recognised.
    expect(await h.count('select count(*) as n from idempotency_key where client_key = ?', [inWindow])).toBe(1);
    const replay = await h.gql<{ recordVisit: { visit: { id: string } } }>('gridWorker', VISIT, { input: { householdId: HOUSEHOLD, findings: `保留期 ${inWindow}`, idempotencyKey: inWindow } });
    expect(replay.errors).toBeUndefined();
    expect(await h.count('select count(*) as n from visit where findings = ?', [`保留期 ${inWindow}`])).toBe(1);
  });
});
