import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { queryCounter } from '@lianxin/db';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createEnvelope, EventConsumer, type EventEnvelope, PersonDirectory, personDirectoryConsumer } from '@lianxin/events';
import { errorCodes, publishEnvelope } from '@lianxin/testing';
import { CASE_FIELDS, type CaseView, GRID, OTHER_GRID, startCasesApp, step, waitFor, XINJIA_GRID, type CasesTestApp } from './harness.js';

process.env.DATABASE_COUNT_QUERIES = 'true';

/**
 * Privacy and identity in cases (issue 13, DOMAIN.md §8.7): the person directory kept from people's
 * events, who a new case names as reporter, anonymous reporters, mediation on a need-to-know basis,
 * and the Viewer's cases.
 */
describe('cases: privacy and identity', () => {
  let t: CasesTestApp;
  let em: EntityManager;

  beforeAll(async () => {
    t = await startCasesApp('cases_identity');
    em = t.app.get(MikroORM).em.fork() as EntityManager;
  });

  afterAll(async () => {
    await t?.close();
    delete process.env.DATABASE_COUNT_QUERIES;
  });

  const directory = () => t.app.get(PersonDirectory);
  const row = async (personId: string) =>
    (await t.sql<{ grid_code: string; user_id: string | null; version: number; link_version: number }>(
      'select grid_code, user_id, version, link_version from known_person where person_id = ?',
      [personId],
    ))[0];

  const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 8, minute));
  const registered = (personId: string, gridCode: string, version = 1, when = at(0)) =>
    createEnvelope({ type: 'people.person.registered', areaCode: gridCode, actor: 'system', data: { personId, gridCode, householdId: null, residenceStatus: 'REGISTERED', version } }, when);
  const moved = (personId: string, fromGridCode: string, toGridCode: string, version: number | undefined, when = at(1)) =>
    createEnvelope(
      { type: 'people.person.moved', areaCode: toGridCode, actor: 'system', data: { personId, fromGridCode, toGridCode, householdId: null, ...(version === undefined ? {} : { version }) } },
      when,
    );
  const link = (type: 'linked' | 'unlinked', userId: string, personId: string, gridCode: string, version: number, when: Date) =>
    createEnvelope({ type: `people.account.${type}`, areaCode: gridCode, actor: 'grid-worker', data: { userId, personId, gridCode, version } }, when);

  /** Publishes to the private NATS once the PEOPLE stream exists (the directory's consumer creates it). */
  const publish = (envelope: EventEnvelope) =>
    waitFor(
      () => publishEnvelope(t.nats.url, envelope).then(() => true, () => false),
      (published) => published,
    );

  describe('§8.7 the person directory', () => {
    /** A consumer of its own (not the running one), applied directly: the order is the test's. */
    let consumer: EventConsumer;
    beforeAll(() => {
      consumer = new EventConsumer(personDirectoryConsumer('cases-directory-test'), { em: t.app.get(MikroORM).em, nats: t.nats.url });
    });

    const permutations = <T>(items: T[]): T[][] =>
      items.length <= 1 ? [items] : items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));

    it('§8.7 ends in the same state whatever order registered, moved, linked and unlinked arrive in (newest version wins)', async () => {
      for (const order of permutations([0, 1, 2, 3])) {
        const personId = randomUUID();
        const userId = randomUUID();
        const events = [
          registered(personId, GRID, 1),
          moved(personId, GRID, OTHER_GRID, 2),
          link('linked', userId, personId, OTHER_GRID, 3, at(2)),
          moved(personId, OTHER_GRID, XINJIA_GRID, 4, at(3)),
        ];
        for (const index of order) expect(await consumer.apply(events[index])).toBe('applied');
        expect(await row(personId)).toEqual({ grid_code: XINJIA_GRID, user_id: userId, version: 4, link_version: 3 });
        expect(await directory().personOfUser(em, userId)).toEqual({ personId, gridCode: XINJIA_GRID });
      }
    });

    it('§8.7 applies an event once, however often it is delivered', async () => {
      const personId = randomUUID();
      const userId = randomUUID();
      const linked = link('linked', userId, personId, GRID, 2, at(1));
      const unlinked = link('unlinked', userId, personId, GRID, 3, at(2));
      expect(await consumer.apply(registered(personId, GRID))).toBe('applied');
      expect(await consumer.apply(linked)).toBe('applied');
      expect(await consumer.apply(unlinked)).toBe('applied');
      expect(await consumer.apply(linked)).toBe('duplicate');
      // The same link under a new envelope id (a replay): older than the unlink, so it changes nothing.
      expect(await consumer.apply({ ...linked, id: randomUUID() })).toBe('applied');
      expect(await row(personId)).toEqual({ grid_code: GRID, user_id: null, version: 3, link_version: 3 });
      expect(await directory().personOfUser(em, userId)).toBeNull();
    });

    it('§8.7 an account belongs to one person: a newer link takes it over, a late old link does not take it back', async () => {
      const [first, second, userId] = [randomUUID(), randomUUID(), randomUUID()];
      await consumer.apply(registered(first, GRID));
      await consumer.apply(registered(second, OTHER_GRID));
      const oldLink = link('linked', userId, first, GRID, 2, at(1));
      const oldUnlink = link('unlinked', userId, first, GRID, 3, at(2));
      const newLink = link('linked', userId, second, OTHER_GRID, 2, at(3));
      await consumer.apply(newLink);
      await consumer.apply(oldLink);
      expect(await directory().personOfUser(em, userId)).toEqual({ personId: second, gridCode: OTHER_GRID });
      await consumer.apply(oldUnlink);
      expect(await directory().personOfUser(em, userId)).toEqual({ personId: second, gridCode: OTHER_GRID });
      expect((await row(first)).user_id).toBeNull();
    });

    it('§8.7 a move without a version (before people added it) wins over the registration, and a versioned move over both', async () => {
      const personId = randomUUID();
      await consumer.apply(moved(personId, GRID, OTHER_GRID, undefined));
      await consumer.apply(registered(personId, GRID, 1));
      expect(await directory().gridOfPerson(em, personId)).toBe(OTHER_GRID);
      await consumer.apply(moved(personId, OTHER_GRID, XINJIA_GRID, 2));
      expect(await directory().gridOfPerson(em, personId)).toBe(XINJIA_GRID);
      expect(await directory().gridOfPerson(em, randomUUID())).toBeNull();
    });

    it('§8.7 is kept by the service from the PEOPLE stream: other people events pass, malformed ones are set aside (dead-lettered), not retried', async () => {
      const personId = randomUUID();
      const userId = randomUUID();
      await publish(createEnvelope({ type: 'people.household.created', areaCode: GRID, actor: 'system', data: { householdId: randomUUID(), gridCode: GRID, headId: null } }));
      await publish(createEnvelope({ type: 'people.person.registered', areaCode: GRID, actor: 'system', data: { personId: 'not-a-uuid', gridCode: GRID, version: 1 } }));
      const event = registered(personId, GRID);
      await publish(event);
      await publish(event);
      await publish(link('linked', userId, personId, GRID, 2, at(5)));
      await waitFor(() => directory().personOfUser(em, userId), (entry) => entry !== null);
      expect(await t.sql(`select 1 from processed_event where consumer = 'cases-person-directory' and event_id = ?`, [event.id])).toHaveLength(1);
      expect(await row(personId)).toEqual({ grid_code: GRID, user_id: userId, version: 2, link_version: 2 });
    });
  });

  /** Persons the tests name: the resident's own, a neighbour in the same grid, someone in 新嘉街道. */
  const residentPerson = randomUUID();
  const neighbour = randomUUID();
  const xinjiaPerson = randomUUID();
  const linkResident = async () => {
    const consumer = new EventConsumer(personDirectoryConsumer('cases-identity-setup'), { em: t.app.get(MikroORM).em, nats: t.nats.url });
    await consumer.apply(link('linked', t.subs['resident.demo'], residentPerson, GRID, 2, new Date()));
  };

  const REPORT = `mutation ($input: ReportCaseInput!) { reportCase(input: $input) { case { ${CASE_FIELDS} reporter { id } } } }`;
  type Reported = CaseView & { reporter: { id: string } | null };
  const report = (user: Parameters<CasesTestApp['gql']>[0], extra: Record<string, unknown> = {}) =>
    t.gql<{ reportCase: { case: Reported } }>(user, REPORT, {
      input: { title: '路灯不亮', description: '小区北门路灯坏了一周', categoryCode: 'INFRASTRUCTURE', gridCode: GRID, ...extra },
    });
  const reported = async (user: Parameters<CasesTestApp['gql']>[0], extra: Record<string, unknown> = {}) => {
    const response = await report(user, extra);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.reportCase.case;
  };

  describe('§8.7 who reports', () => {
    beforeAll(async () => {
      const consumer = new EventConsumer(personDirectoryConsumer('cases-identity-setup'), { em: t.app.get(MikroORM).em, nats: t.nats.url });
      for (const [personId, gridCode] of [[residentPerson, GRID], [neighbour, GRID], [xinjiaPerson, XINJIA_GRID]]) await consumer.apply(registered(personId, gridCode));
    });

    it('§8.7 a resident with no linked person still reports; the case is theirs, with no reporter', async () => {
      const c = await reported('resident.demo');
      expect(c.reporter).toBeNull();
      expect(await t.sql('select reporter_user_id, reporter_person_id from "case" where id = ?', [c.id])).toEqual([{ reporter_user_id: t.subs['resident.demo'], reporter_person_id: null }]);
    });

    it('§8.7 a resident naming someone else as reporter is refused (FORBIDDEN), linked or not', async () => {
      expect(errorCodes(await report('resident.demo', { reporterPersonId: neighbour }))).toEqual(['FORBIDDEN']);
      await linkResident();
      expect(errorCodes(await report('resident.demo', { reporterPersonId: neighbour }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await report('resident.demo', { reporterPersonId: xinjiaPerson, anonymous: true }))).toEqual(['FORBIDDEN']);
    });

    it('§8.7 a linked resident always reports as their own person', async () => {
      await linkResident();
      expect((await reported('resident.demo')).reporter).toEqual({ id: residentPerson });
      expect((await reported('resident.demo', { reporterPersonId: residentPerson })).reporter).toEqual({ id: residentPerson });
    });

    it('§8.7 staff name another person only inside their own area; outside and unknown persons get the same BAD_USER_INPUT', async () => {
      expect((await reported('grid.worker', { source: 'RESIDENT', reporterPersonId: neighbour })).reporter).toEqual({ id: neighbour });
      expect((await reported('county.admin', { source: 'RESIDENT', gridCode: XINJIA_GRID, reporterPersonId: xinjiaPerson })).reporter).toEqual({ id: xinjiaPerson });
      for (const [user, gridCode] of [['grid.worker', GRID], ['jianshe.admin', GRID], ['grid.worker2', OTHER_GRID]] as const) {
        const outside = await report(user, { source: 'RESIDENT', gridCode, reporterPersonId: xinjiaPerson });
        expect(errorCodes(outside)).toEqual(['BAD_USER_INPUT']);
        expect(outside.errors?.[0].extensions).toMatchObject({ field: 'reporterPersonId' });
      }
      const unknown = await report('grid.worker', { source: 'RESIDENT', reporterPersonId: randomUUID() });
      expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
      expect(unknown.errors?.[0].extensions).toMatchObject({ field: 'reporterPersonId' });
    });

    it('§8.7 a resident acts only as themself: no rating of a case reported for someone else; their own person\'s cases are theirs to read', async () => {
      await linkResident();
      const forNeighbour = await reported('grid.worker', { source: 'RESIDENT', reporterPersonId: neighbour });
      await step(t, 'grid.worker', 'verifyCase', { caseId: forNeighbour.id });
      await step(t, 'grid.worker', 'resolveCase', { caseId: forNeighbour.id, result: '已修复' });
      await step(t, 'grid.worker', 'feedBackCase', { caseId: forNeighbour.id, feedback: '已告知' });
      const rate = await t.gql('resident.demo', 'mutation ($input: RateCaseInput!) { rateCase(input: $input) { case { id } } }', {
        input: { caseId: forNeighbour.id, rating: 'SATISFIED' },
      });
      expect(errorCodes(rate)).toEqual(['NOT_FOUND']);
      const forResident = await reported('grid.worker', { source: 'RESIDENT', reporterPersonId: residentPerson });
      expect((await t.ok<{ case: { id: string } }>('resident.demo', 'query ($id: ID!) { case(id: $id) { id } }', { id: forResident.id })).case.id).toBe(forResident.id);
    });
  });

  describe('issue 13: an anonymous report names nobody but to auditors', () => {
    const HISTORY = 'query ($id: ID!) { case(id: $id) { reporter { id } history { action actorUserId actorRoles } } }';
    type History = { case: { reporter: { id: string } | null; history: Array<{ action: string; actorUserId: string | null }> } };
    const actors = async (user: Parameters<CasesTestApp['gql']>[0], id: string) =>
      (await t.ok<History>(user, HISTORY, { id })).case.history.map((entry) => [entry.action, entry.actorUserId]);
    const eventsOf = (caseId: string) =>
      t.sql<{ subject: string; actor: string; data_actor: string }>(
        `select subject, envelope->>'actor' as actor, envelope->'data'->>'actor' as data_actor from outbox_event where envelope->'data'->>'caseId' = ? order by seq`,
        [caseId],
      );

    it('hides the reporting account of an anonymous report, and of the reporter\'s rating, from everyone but auditors', async () => {
      await linkResident();
      const c = await reported('resident.demo', { anonymous: true });
      expect(c.reporter).toBeNull();
      await step(t, 'grid.worker', 'verifyCase', { caseId: c.id });
      await step(t, 'grid.worker', 'resolveCase', { caseId: c.id, result: '已修复' });
      await step(t, 'grid.worker', 'feedBackCase', { caseId: c.id, feedback: '已告知' });
      await step(t, 'resident.demo', 'rateCase', { caseId: c.id, rating: 'SATISFIED' });
      const resident = t.subs['resident.demo'];
      const worker = t.subs['grid.worker'];
      const hidden = [['REPORT', null], ['VERIFY', worker], ['RESOLVE', worker], ['FEED_BACK', worker], ['RATE', null]];
      for (const user of ['jianshe.admin', 'village.admin', 'grid.worker', 'county.admin'] as const) expect(await actors(user, c.id)).toEqual(hidden);
      expect(await actors('county.auditor', c.id)).toEqual([['REPORT', resident], ['VERIFY', worker], ['RESOLVE', worker], ['FEED_BACK', worker], ['RATE', resident]]);
      // The row still knows, for auditors and the case's own statistics.
      expect(await t.sql('select reported_by_user_id, reporter_user_id from "case" where id = ?', [c.id])).toEqual([{ reported_by_user_id: resident, reporter_user_id: resident }]);
      expect(await t.sql('select actor_user_id from case_history where case_id = ? and action = ?', [c.id, 'REPORT'])).toEqual([{ actor_user_id: resident }]);
    });

    it('gives the events of an anonymous report\'s own steps a pseudonym as actor, never the account', async () => {
      const c = await reported('resident.demo', { anonymous: true });
      await step(t, 'grid.worker', 'verifyCase', { caseId: c.id });
      const events = await eventsOf(c.id);
      expect(events).toEqual([
        { subject: 'cases.case.reported', actor: 'anonymous', data_actor: 'anonymous' },
        { subject: 'cases.case.verified', actor: t.subs['grid.worker'], data_actor: t.subs['grid.worker'] },
      ]);
      const named = await reported('resident.demo');
      expect((await eventsOf(named.id))[0]).toEqual({ subject: 'cases.case.reported', actor: t.subs['resident.demo'], data_actor: t.subs['resident.demo'] });
    });

    it('keeps a grid worker\'s "found" statistics for an anonymous patrol report while its event names nobody', async () => {
      const worker = t.subs['grid.worker'];
      const found = async () => Number((await t.sql<{ n: string }>('select coalesce(sum(found), 0) as n from case_worker_stat where user_id = ?', [worker]))[0].n);
      const before = await found();
      const c = await reported('grid.worker', { source: 'GRID_PATROL', anonymous: true });
      expect(await found()).toBe(before + 1);
      expect((await eventsOf(c.id))[0]).toMatchObject({ actor: 'anonymous', data_actor: 'anonymous' });
    });
  });

  describe('issue 13: mediation parties and notes, need to know', () => {
    const DISPUTE = 'query ($id: ID!) { case(id: $id) { dispute { level outcome parties { name } summary sessions { outcome notes } } } }';
    type DisputeView = { level: string; outcome: string; parties: Array<{ name: string }> | null; summary: string | null; sessions: Array<{ outcome: string; notes: string | null }> };
    const disputeAs = async (user: Parameters<CasesTestApp['gql']>[0], id: string) => (await t.ok<{ case: { dispute: DisputeView } }>(user, DISPUTE, { id })).case.dispute;

    it('shows parties, notes and the agreement to the dispute\'s handlers and auditors only; others who see the case get null', async () => {
      const c = await reported('resident.demo', { categoryCode: 'DISPUTE' });
      const opened = await t.ok<{ openDispute: { dispute: { id: string } } }>('grid.worker', 'mutation ($input: OpenDisputeInput!) { openDispute(input: $input) { dispute { id } } }', {
        input: { caseId: c.id, level: 'GRID', parties: [{ name: '张三', role: '申请人' }, { name: '李四', role: '被申请人' }] },
      });
      const disputeId = opened.openDispute.dispute.id;
      await t.ok('grid.worker', 'mutation ($input: RecordMediationSessionInput!) { recordMediationSession(input: $input) { dispute { id } } }', {
        input: { disputeId, level: 'GRID', outcome: 'ADJOURNED', notes: '张三称李四家漏水三个月' },
      });
      const full = { level: 'GRID', outcome: 'PENDING', parties: [{ name: '张三' }, { name: '李四' }], summary: null, sessions: [{ outcome: 'ADJOURNED', notes: '张三称李四家漏水三个月' }] };
      const withheld = { ...full, parties: null, sessions: [{ outcome: 'ADJOURNED', notes: null }] };
      expect(await disputeAs('grid.worker', c.id)).toEqual(full);
      expect(await disputeAs('county.auditor', c.id)).toEqual(full);
      for (const user of ['village.admin', 'jianshe.admin', 'county.admin', 'resident.demo'] as const) expect([user, await disputeAs(user, c.id)]).toEqual([user, withheld]);

      // The village takes the mediation over and settles it: now a handler; the agreement is withheld like the notes.
      await t.ok('village.admin', 'mutation ($input: RecordMediationSessionInput!) { recordMediationSession(input: $input) { dispute { id } } }', {
        input: { disputeId, level: 'VILLAGE', outcome: 'SETTLED', notes: '李四修好管道并赔偿500元' },
      });
      expect((await disputeAs('village.admin', c.id)).summary).toBe('李四修好管道并赔偿500元');
      expect(await disputeAs('jianshe.admin', c.id)).toMatchObject({ outcome: 'SETTLED', parties: null, summary: null, sessions: [{ notes: null }, { notes: null }] });
      expect((await disputeAs('county.auditor', c.id)).summary).toBe('李四修好管道并赔偿500元');
    });
  });

  describe('issue 13: Viewer.myCases and Viewer.awaitingMyAction', () => {
    const VIEWER = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Viewer { id
      myCases(first: 100) { totalCount edges { node { id } } }
      awaitingMyAction(first: 100) { totalCount edges { node { id status availableActions } } } } } }`;
    type Page = { totalCount: number; edges: Array<{ node: { id: string; status?: string; availableActions?: string[] } }> };
    type ViewerView = { id: string; myCases: Page; awaitingMyAction: Page } | null;
    const viewer = async (user: Parameters<CasesTestApp['gql']>[0], id = t.subs[user]) =>
      (await t.ok<{ _entities: ViewerView[] }>(user, VIEWER, { r: [{ __typename: 'Viewer', id }] }))._entities[0];
    const ids = (page: Page) => page.edges.map((edge) => edge.node.id);

    it('answers a forged Viewer representation (another account\'s id) with null', async () => {
      expect(await viewer('grid.worker', t.subs['resident.demo'])).toBeNull();
      expect(await viewer('county.admin', t.subs['grid.worker'])).toBeNull();
      expect((await viewer('resident.demo'))?.id).toBe(t.subs['resident.demo']);
    });

    it('lists the cases the caller reported and those naming their linked person', async () => {
      await linkResident();
      const own = await reported('resident.demo');
      const forThem = await reported('grid.worker', { source: 'RESIDENT', reporterPersonId: residentPerson });
      const forNeighbour = await reported('grid.worker', { source: 'RESIDENT', reporterPersonId: neighbour });
      const mine = await viewer('resident.demo');
      expect(ids(mine!.myCases)).toEqual(expect.arrayContaining([own.id, forThem.id]));
      expect(ids(mine!.myCases)).not.toContain(forNeighbour.id);
      const expected = await t.sql<{ id: string }>(
        'select id from "case" where reported_by_user_id = ? or reporter_user_id = ? or reporter_person_id = ? or ? = any(co_reporter_person_ids) order by reported_at desc, id desc',
        [t.subs['resident.demo'], t.subs['resident.demo'], residentPerson, residentPerson],
      );
      expect(ids(mine!.myCases)).toEqual(expected.map((row) => row.id));
      expect(mine!.myCases.totalCount).toBe(expected.length);
      expect(ids((await viewer('grid.worker'))!.myCases)).toEqual(expect.arrayContaining([forThem.id, forNeighbour.id]));
    });

    it('lists what awaits the caller\'s action, one statement per page, each with an action they may take', async () => {
      const c = await reported('resident.demo');
      const awaits = async (user: Parameters<CasesTestApp['gql']>[0]) => ids((await viewer(user))!.awaitingMyAction);
      expect(await awaits('grid.worker')).toContain(c.id);
      expect(await awaits('grid.worker2')).not.toContain(c.id);
      expect(await awaits('village.admin')).not.toContain(c.id);
      await step(t, 'grid.worker', 'verifyCase', { caseId: c.id });
      await step(t, 'grid.worker', 'escalateCase', { caseId: c.id, reason: '需社区协调' });
      expect(await awaits('grid.worker')).not.toContain(c.id);
      expect(await awaits('village.admin')).toContain(c.id);
      await step(t, 'village.admin', 'resolveCase', { caseId: c.id, result: '已协调' });
      expect(await awaits('village.admin')).not.toContain(c.id);
      expect(await awaits('grid.worker')).toContain(c.id);
      await step(t, 'grid.worker', 'feedBackCase', { caseId: c.id, feedback: '已告知' });
      expect(await awaits('resident.demo')).toContain(c.id);
      expect(await awaits('grid.worker')).not.toContain(c.id);

      for (const user of ['grid.worker', 'village.admin', 'jianshe.admin', 'county.admin', 'civil.staff', 'resident.demo', 'county.auditor'] as const) {
        queryCounter.reset();
        const page = (
          await t.ok<{ _entities: Array<{ awaitingMyAction: Page }> }>(
            user,
            'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Viewer { awaitingMyAction(first: 100) { totalCount edges { node { id availableActions } } } } } }',
            { r: [{ __typename: 'Viewer', id: t.subs[user] }] },
          )
        )._entities[0].awaitingMyAction;
        // The page alone: it holds the whole list, so totalCount is its length and costs no count statement
        // (paginate, libs/graphql); availableActions needs no statement per case.
        expect(queryCounter.matching('case')).toHaveLength(1);
        expect(page.totalCount).toBe(page.edges.length);
        for (const edge of page.edges) expect([user, edge.node.id, edge.node.availableActions!.length > 0]).toEqual([user, edge.node.id, true]);
      }
      expect((await viewer('county.auditor'))!.awaitingMyAction.totalCount).toBe(0);
    });
  });
});
