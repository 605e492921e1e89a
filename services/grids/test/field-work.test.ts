import { errorCodes } from '@lianxin/testing';
import { EventsService, type EventEnvelope } from '@lianxin/events';
import { GRIDS, startGridsHarness, waitForOutboxDrained, type GridsHarness } from './harness.js';

const HOUSEHOLD = '20000000-0000-4000-8000-000000000001';

/** Visits, key places, patrols, hazards and coverage links, recorded by grid staff with real tokens. */
describe('grids subgraph: field work', () => {
  let h: GridsHarness;
  const published: EventEnvelope[] = [];

  beforeAll(async () => {
    h = await startGridsHarness('grids_field');
    // A consumer on the private NATS proves the events really went out (as cases will consume them).
    h.app.get(EventsService).addConsumer({
      name: 'grids-test-hazards',
      filterSubject: 'grids.hazard.reported',
      handle: async (envelope) => {
        published.push(envelope);
      },
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  const registerKeyPlace = (user: 'gridWorker' | 'villageAdmin', gridCode: string) =>
    h.gql<{ registerKeyPlace: { keyPlace: { id: string; gridCode: string; kind: string } } }>(
      user,
      'mutation ($input: RegisterKeyPlaceInput!) { registerKeyPlace(input: $input) { keyPlace { id gridCode kind } } }',
      { input: { gridCode, kind: 'OLD_COMPOUND', name: '禾兴老小区', address: '禾兴北路3弄' } },
    );

  describe('visits', () => {
    const recordVisit = (user: 'gridWorker' | 'gridWorker2' | 'villageAdmin' | 'civilStaff' | 'auditor', input: Record<string, unknown>) =>
      h.gql<{ recordVisit: { visit: { id: string; gridCode: string; findings: string; diary: string | null; staff: { name: string }; household: { id: string } } } }>(
        user,
        'mutation ($input: RecordVisitInput!) { recordVisit(input: $input) { visit { id gridCode findings diary staff { name } household { id } } } }',
        { input },
      );

    it('records a grid worker\'s visit in their own grid, with the public-opinion diary and an event', async () => {
      const response = await recordVisit('gridWorker', { householdId: HOUSEHOLD, findings: '独居老人，身体尚可', diary: '希望社区帮忙更换燃气灶' });
      expect(response.errors).toBeUndefined();
      const visit = response.data!.recordVisit.visit;
      expect(visit).toMatchObject({ gridCode: GRIDS.own, findings: '独居老人，身体尚可', diary: '希望社区帮忙更换燃气灶', staff: { name: '周辉' }, household: { id: HOUSEHOLD } });
      const [event] = await h.sql<{ envelope: EventEnvelope<Record<string, unknown>> }>(
        `select envelope from outbox_event where subject = 'grids.visit.recorded' and envelope->'data'->>'visitId' = ?`,
        [visit.id],
      );
      expect(event.envelope).toMatchObject({ areaCode: GRIDS.own, actor: h.subs.gridWorker, data: { gridCode: GRIDS.own, householdId: HOUSEHOLD, staffUserId: h.subs.gridWorker } });
      expect(event.envelope.data).not.toHaveProperty('diary');
    });

    it('lets a grid worker record only in their own grid', async () => {
      const before = await h.count('select count(*) as n from visit');
      const otherWorker = await h.gql<{ grid: { staff: Array<{ id: string }> } }>('countyAdmin', `{ grid(code: "${GRIDS.otherVillage}") { staff { id } } }`);
      const asOther = await recordVisit('gridWorker', { householdId: HOUSEHOLD, staffId: otherWorker.data!.grid.staff[0].id, findings: '冒名记录' });
      expect(errorCodes(asOther)).toEqual(['FORBIDDEN']);
      expect(errorCodes(await registerKeyPlace('gridWorker', GRIDS.sibling))).toEqual(['FORBIDDEN']);
      // An admin without a staff assignment must name whose visit it is.
      expect((await recordVisit('villageAdmin', { householdId: HOUSEHOLD, findings: '记录' })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'staffId',
      });
      expect(errorCodes(await recordVisit('civilStaff', { householdId: HOUSEHOLD, findings: '部门不记走访' }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await recordVisit('auditor', { householdId: HOUSEHOLD, findings: '审计只读' }))).toEqual(['FORBIDDEN']);
      expect(await h.count('select count(*) as n from visit')).toBe(before);
    });

    it('refuses a visit in the future or without findings, and writes nothing', async () => {
      const before = await h.count('select count(*) as n from outbox_event');
      const future = new Date(Date.now() + 24 * 60 * 60_000).toISOString();
      expect((await recordVisit('gridWorker', { householdId: HOUSEHOLD, findings: '明天的走访', visitedAt: future })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'visitedAt',
      });
      expect((await recordVisit('gridWorker', { householdId: HOUSEHOLD, findings: '' })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'findings',
      });
      expect(await h.count('select count(*) as n from outbox_event')).toBe(before);
    });

    it('lists visits newest first for staff and admins, not for department staff', async () => {
      const yesterday = new Date(Date.now() - 24 * 60 * 60_000).toISOString();
      expect((await recordVisit('gridWorker', { householdId: HOUSEHOLD, findings: '昨天补记', visitedAt: yesterday })).errors).toBeUndefined();
      const list = await h.gql<{ visits: { totalCount: number; edges: Array<{ node: { findings: string } }>; pageInfo: { endCursor: string } } }>(
        'villageAdmin',
        `{ visits(first: 1, filter: { householdId: "${HOUSEHOLD}" }) { totalCount edges { node { findings } } pageInfo { endCursor } } }`,
      );
      expect(list.data?.visits.totalCount).toBe(2);
      expect(list.data?.visits.edges[0].node.findings).toBe('独居老人，身体尚可');
      const next = await h.gql<{ visits: { edges: Array<{ node: { findings: string } }> } }>(
        'villageAdmin',
        `query ($after: String) { visits(first: 1, after: $after, filter: { householdId: "${HOUSEHOLD}" }) { edges { node { findings } } } }`,
        { after: list.data!.visits.pageInfo.endCursor },
      );
      expect(next.data?.visits.edges.map((edge) => edge.node.findings)).toEqual(['昨天补记']);
      expect((await h.gql<{ visits: { totalCount: number } }>('gridWorker2', '{ visits { totalCount } }')).data?.visits.totalCount).toBe(0);
      expect(errorCodes(await h.gql('civilStaff', '{ visits { totalCount } }'))).toEqual(['FORBIDDEN']);
    });
  });

  describe('patrols and hazards', () => {
    let keyPlaceId: string;

    beforeAll(async () => {
      const response = await registerKeyPlace('gridWorker', GRIDS.own);
      keyPlaceId = response.data!.registerKeyPlace.keyPlace.id;
    });

    const recordPatrol = (input: Record<string, unknown>) =>
      h.gql<{ recordPatrol: { patrol: { id: string; staff: { name: string }; keyPlace: { name: string }; hazards: Array<{ id: string; category: string }> }; hazards: Array<{ id: string }> } }>(
        'gridWorker',
        'mutation ($input: RecordPatrolInput!) { recordPatrol(input: $input) { patrol { id staff { name } keyPlace { name } hazards { id category } } hazards { id } } }',
        { input: { keyPlaceId, ...input } },
      );

    it('records a patrol with the hazards found, each reported', async () => {
      const response = await recordPatrol({
        notes: '夜间巡查楼道',
        hazards: [
          { description: '3单元楼道内电动车飞线充电', severity: 'MEDIUM', category: 'ELECTRIC_BIKE_CHARGING' },
          { description: '消防通道堆放杂物', severity: 'HIGH', category: 'FIRE' },
        ],
      });
      expect(response.errors).toBeUndefined();
      const { patrol, hazards } = response.data!.recordPatrol;
      expect(patrol).toMatchObject({ staff: { name: '周辉' }, keyPlace: { name: '禾兴老小区' } });
      expect(patrol.hazards.map((hazard) => hazard.category).sort()).toEqual(['ELECTRIC_BIKE_CHARGING', 'FIRE']);
      const subjects = await h.sql<{ subject: string }>(
        `select subject from outbox_event where envelope->'data'->>'patrolId' = ? or envelope->'data'->>'hazardId' in (?, ?) order by subject`,
        [patrol.id, hazards[0].id, hazards[1].id],
      );
      expect(subjects.map((row) => row.subject)).toEqual(['grids.hazard.reported', 'grids.hazard.reported', 'grids.patrol.recorded']);
    });

    it('refuses a patrol with a malformed hazard, and writes neither patrol, hazards nor events', async () => {
      const counts = async () =>
        Promise.all(['patrol', 'hazard', 'outbox_event'].map((table) => h.count(`select count(*) as n from ${table}`)));
      const before = await counts();
      const response = await recordPatrol({
        hazards: [
          { description: '完好的描述', severity: 'LOW', category: 'OTHER' },
          { description: '', severity: 'LOW', category: 'OTHER' },
        ],
      });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hazards.1.description' });
      expect(await counts()).toEqual(before);
    });

    it('reports a hazard: the outbox holds grids.hazard.reported with its data, and NATS delivers it', async () => {
      const response = await h.gql<{ reportHazard: { hazard: { id: string; reportedAt: string; reportedByName: string; keyPlace: { id: string } } } }>(
        'gridWorker',
        'mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { hazard { id reportedAt reportedByName keyPlace { id } } } }',
        { input: { gridCode: GRIDS.own, keyPlaceId, description: '河道护栏缺失', severity: 'HIGH', category: 'FLOOD' } },
      );
      expect(response.errors).toBeUndefined();
      const hazard = response.data!.reportHazard.hazard;
      expect(hazard).toMatchObject({ reportedByName: '周辉', keyPlace: { id: keyPlaceId } });
      const expected = {
        type: 'grids.hazard.reported',
        areaCode: GRIDS.own,
        actor: h.subs.gridWorker,
        data: {
          hazardId: hazard.id,
          gridCode: GRIDS.own,
          keyPlaceId,
          description: '河道护栏缺失',
          severity: 'HIGH',
          category: 'FLOOD',
          reportedBy: h.subs.gridWorker,
          reportedAt: hazard.reportedAt,
        },
      };
      const [row] = await h.sql<{ envelope: EventEnvelope }>(`select envelope from outbox_event where subject = 'grids.hazard.reported' and envelope->'data'->>'hazardId' = ?`, [
        hazard.id,
      ]);
      expect(row.envelope).toMatchObject(expected);
      expect(await waitForOutboxDrained(h)).toBe(0);
      for (let attempt = 0; attempt < 100 && !published.some((event) => event.id === row.envelope.id); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(published.find((event) => event.id === row.envelope.id)).toMatchObject(expected);
    });

    it('reports a hazard without a key place, and keeps key places to their grid', async () => {
      const report = (input: Record<string, unknown>) =>
        h.gql<{ reportHazard: { hazard: { keyPlace: null } } }>('villageAdmin', 'mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { hazard { keyPlace { id } } } }', {
          input: { gridCode: GRIDS.sibling, description: '路灯不亮', severity: 'LOW', category: 'OTHER', ...input },
        });
      const plain = await report({});
      expect(plain.errors).toBeUndefined();
      const [event] = await h.sql<{ envelope: EventEnvelope<Record<string, unknown>> }>(
        `select envelope from outbox_event where subject = 'grids.hazard.reported' and envelope->>'areaCode' = ?`,
        [GRIDS.sibling],
      );
      expect(event.envelope.data).not.toHaveProperty('keyPlaceId');
      expect((await report({ keyPlaceId })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'keyPlaceId' });
    });

    it('shows hazards to department staff in scope, and key places with their patrols', async () => {
      const hazards = await h.gql<{ hazards: { totalCount: number; edges: Array<{ node: { reportedBy: string | null; reportedByName: string } }> } }>(
        'civilStaff',
        '{ hazards(filter: { severity: HIGH }) { totalCount edges { node { reportedBy reportedByName } } } }',
      );
      expect(hazards.data?.hazards.totalCount).toBe(2);
      expect(hazards.data?.hazards.edges[0].node).toEqual({ reportedBy: null, reportedByName: '周辉' });
      const place = await h.gql<{ keyPlace: { patrols: { totalCount: number }; hazards: { totalCount: number } } }>(
        'gridLeader',
        `{ keyPlace(id: "${keyPlaceId}") { patrols { totalCount } hazards { totalCount } } }`,
      );
      expect(place.data?.keyPlace).toEqual({ patrols: { totalCount: 1 }, hazards: { totalCount: 3 } });
      expect(errorCodes(await h.gql('gridWorker2', `{ keyPlace(id: "${keyPlaceId}") { name } }`))).toEqual(['FORBIDDEN']);
    });
  });

  describe('coverage links (三包一联)', () => {
    const createLink = (user: 'townshipAdmin' | 'villageAdmin', areaCode: string, cadre: 'townshipAdmin' | 'villageAdmin') =>
      h.gql<{ createCoverageLink: { coverageLink: { id: string; area: { code: string } | null; grid: { code: string } | null } } }>(
        user,
        'mutation ($input: CreateCoverageLinkInput!) { createCoverageLink(input: $input) { coverageLink { id area { code } grid { code } } } }',
        { input: { areaCode, cadreUserId: h.subs[cadre], cadreName: cadre === 'townshipAdmin' ? '张伟' : '杨帆' } },
      );

    it('links cadres to areas and grids, queryable both ways within scope', async () => {
      const village = await createLink('townshipAdmin', '330402001001', 'townshipAdmin');
      expect(village.data?.createCoverageLink.coverageLink).toMatchObject({ area: { code: '330402001001' }, grid: null });
      const grid = await createLink('villageAdmin', GRIDS.own, 'villageAdmin');
      expect(grid.data?.createCoverageLink.coverageLink).toMatchObject({ area: null, grid: { code: GRIDS.own } });
      expect(errorCodes(await createLink('villageAdmin', GRIDS.own, 'villageAdmin'))).toEqual(['CONFLICT']);
      expect(errorCodes(await createLink('villageAdmin', GRIDS.otherVillage, 'villageAdmin'))).toEqual(['FORBIDDEN']);
      expect((await createLink('villageAdmin', '330402001001099', 'villageAdmin')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'areaCode' });

      const ofArea = await h.gql<{ coverageLinks: { edges: Array<{ node: { cadreName: string } }> } }>(
        'gridWorker',
        '{ coverageLinks(areaCode: "330402001001") { edges { node { cadreName } } } }',
      );
      expect(ofArea.data?.coverageLinks.edges.map((edge) => edge.node.cadreName)).toEqual(['张伟']);
      const ofCadre = await h.gql<{ coverageLinksOfCadre: { totalCount: number } }>(
        'townshipAdmin',
        `{ coverageLinksOfCadre(userId: "${h.subs.villageAdmin}") { totalCount } }`,
      );
      expect(ofCadre.data?.coverageLinksOfCadre.totalCount).toBe(1);
      const outOfScope = await h.gql<{ coverageLinksOfCadre: { totalCount: number } }>(
        'gridWorker2',
        `{ coverageLinksOfCadre(userId: "${h.subs.villageAdmin}") { totalCount } }`,
      );
      expect(outOfScope.data?.coverageLinksOfCadre.totalCount).toBe(0);
      expect(errorCodes(await h.gql('gridWorker2', '{ coverageLinks(areaCode: "330402001001") { totalCount } }'))).toEqual(['FORBIDDEN']);
    });
  });
});
