import { randomUUID } from 'node:crypto';
import { queryCounter } from '@lianxin/db';
import { chinaDate } from '../src/common/periods.js';
import { OrderExpiryScheduler } from '../src/order/order-expiry.scheduler.js';
import { OrderService } from '../src/order/order.service.js';
import {
  codes,
  GRID,
  knownPerson,
  OTHER_GRID,
  OTHER_VILLAGE,
  orderStep,
  publishOrder,
  registerVolunteer,
  startVolunteersApp,
  VILLAGE,
  VOLUNTEER_FIELDS,
  type OrderView,
  type VolunteersTestApp,
  type VolunteerView,
} from './harness.js';

/**
 * DOMAIN.md §5, numbered as the rules of the volunteers subgraph:
 *   5.1 volunteers (kinds, skills, teams), 5.2 double reporting and its yearly duty,
 *   5.3 service orders (one claimant, expiry back to the pool), 5.4 activities (capacity, attendance, hours).
 * Points (5.5) and the events consumed (5.6) are in points.test.ts.
 */
describe('volunteers subgraph: volunteers, double reporting, orders, activities', () => {
  let t: VolunteersTestApp;
  let demo: VolunteerView;
  const count = async (table: string) => Number((await t.sql<{ n: string }>(`select count(*) as n from "${table}"`))[0].n);
  const outbox = (subject: string) => t.sql<{ envelope: { data: Record<string, unknown> } }>(`select envelope from outbox_event where subject = ? order by seq`, [subject]);

  beforeAll(async () => {
    t = await startVolunteersApp('volunteers', { DATABASE_COUNT_QUERIES: 'true' });
    demo = await registerVolunteer(t, 'village.admin', {
      userId: t.subs['volunteer.demo'],
      kinds: ['PARTY_MEMBER', 'PROFESSIONAL_TEACHER'],
      partyMemberType: 'IN_SERVICE',
      skills: ['电工', ' 法律咨询 ', '电工'],
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('5.1 volunteers and teams', () => {
    it('5.1.1 registers a person as a volunteer once, with kinds and cleaned-up skills', async () => {
      expect(demo).toMatchObject({ areaCode: VILLAGE, kinds: ['PARTY_MEMBER', 'PROFESSIONAL_TEACHER'], skills: ['电工', '法律咨询'], partyMemberType: 'IN_SERVICE', serviceHours: 0 });
      const again = await t.gql('county.admin', `mutation ($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { id } } }`, {
        input: { personId: demo.personId, areaCode: VILLAGE, kinds: ['ACTIVIST'] },
      });
      expect(codes(again)).toEqual(['CONFLICT']);
      const mine = await t.ok<{ myVolunteer: { id: string } }>('volunteer.demo', '{ myVolunteer { id } }');
      expect(mine.myVolunteer.id).toBe(demo.id);
    });

    it('5.1.2 refuses bad input with the field and writes nothing', async () => {
      const before = await count('volunteer');
      const attempts: Array<[Record<string, unknown>, string]> = [
        [{ personId: randomUUID(), areaCode: VILLAGE, kinds: ['PARTY_MEMBER'] }, 'partyMemberType'],
        [{ personId: randomUUID(), areaCode: VILLAGE, kinds: ['ACTIVIST'], partyMemberType: 'MOBILE' }, 'partyMemberType'],
        [{ personId: randomUUID(), areaCode: '3304020010', kinds: ['ACTIVIST'] }, 'areaCode'],
        [{ personId: randomUUID(), areaCode: VILLAGE, kinds: [] }, 'kinds'],
        [{ personId: 'not-a-uuid', areaCode: VILLAGE, kinds: ['STUDENT'] }, 'personId'],
      ];
      for (const [input, field] of attempts) {
        const response = await t.gql('village.admin', `mutation ($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { id } } }`, { input });
        expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      expect(await count('volunteer')).toBe(before);
    });

    it('5.1.3 registers only in the admin\'s own area, and only admins do', async () => {
      const mutation = `mutation ($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { id } } }`;
      // §8.7: the person lives in village2's area (the person directory knows them).
      const input = { personId: await knownPerson(t, { areaCode: OTHER_VILLAGE }), areaCode: OTHER_VILLAGE, kinds: ['STUDENT'] };
      expect(codes(await t.gql('village.admin', mutation, { input }))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql('grid.leader', mutation, { input: { ...input, areaCode: GRID } }))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql('county.auditor', mutation, { input }))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql('village2.admin', mutation, { input }))).toEqual([]);
    });

    it('5.1.4 lets a volunteer update their own skills, not someone else\'s, with optimistic locking', async () => {
      const mutation = `mutation ($input: UpdateVolunteerSkillsInput!) { updateVolunteerSkills(input: $input) { volunteer { skills version } } }`;
      const other = await registerVolunteer(t, 'village.admin', { kinds: ['LOCAL_TALENT'] });
      const own = await t.ok<{ updateVolunteerSkills: { volunteer: { skills: string[]; version: number } } }>('volunteer.demo', mutation, {
        input: { volunteerId: demo.id, skills: ['电工', '急救'], expectedVersion: demo.version },
      });
      expect(own.updateVolunteerSkills.volunteer).toEqual({ skills: ['电工', '急救'], version: demo.version + 1 });
      const stale = await t.gql('volunteer.demo', mutation, { input: { volunteerId: demo.id, skills: ['x'], expectedVersion: demo.version } });
      expect(codes(stale)).toEqual(['CONFLICT']);
      const foreign = await t.gql('volunteer.demo', mutation, { input: { volunteerId: other.id, skills: ['x'], expectedVersion: other.version } });
      // §8.7: a volunteer acts only as themselves.
      expect(codes(foreign)).toEqual(['FORBIDDEN']);
      const byAdmin = await t.ok<{ updateVolunteerSkills: { volunteer: { skills: string[] } } }>('village.admin', mutation, {
        input: { volunteerId: other.id, skills: ['木工'], expectedVersion: other.version },
      });
      expect(byAdmin.updateVolunteerSkills.volunteer.skills).toEqual(['木工']);
      demo.version += 1;
    });

    it('5.1.5 organises volunteers in teams of the area and shows each volunteer\'s teams', async () => {
      const create = `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { team { id name areaCode } } }`;
      const team = (await t.ok<{ createTeam: { team: { id: string } } }>('village.admin', create, { input: { name: '红色纠纷调解队', areaCode: VILLAGE } })).createTeam.team;
      expect(codes(await t.gql('village.admin', create, { input: { name: '红色纠纷调解队', areaCode: VILLAGE } }))).toEqual(['CONFLICT']);
      const township = (await t.ok<{ createTeam: { team: { id: string } } }>('jianshe.admin', create, { input: { name: '蓝天救援队', areaCode: '330402001' } })).createTeam.team;
      const join = `mutation ($input: JoinTeamInput!) { joinTeam(input: $input) { team { id memberCount } volunteer { teams { name } } } }`;
      const joined = await t.ok<{ joinTeam: { team: { memberCount: number }; volunteer: { teams: Array<{ name: string }> } } }>('village.admin', join, {
        input: { teamId: team.id, volunteerId: demo.id },
      });
      expect(joined.joinTeam.team.memberCount).toBe(1);
      expect(codes(await t.gql('village.admin', join, { input: { teamId: team.id, volunteerId: demo.id } }))).toEqual(['CONFLICT']);
      // The township team takes volunteers of any of its villages; a village team only its own.
      const zi = await registerVolunteer(t, 'village2.admin', { areaCode: OTHER_GRID, kinds: ['STUDENT'] });
      await t.ok('jianshe.admin', join, { input: { teamId: township.id, volunteerId: zi.id } });
      expect((await t.gql('jianshe.admin', join, { input: { teamId: team.id, volunteerId: zi.id } })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'volunteerId',
      });
      await t.ok('jianshe.admin', join, { input: { teamId: township.id, volunteerId: demo.id } });
      const view = await t.ok<{ volunteer: { teams: Array<{ name: string }> } }>('volunteer.demo', `query ($id: ID!) { volunteer(id: $id) { teams { name } } }`, { id: demo.id });
      expect(view.volunteer.teams.map((row) => row.name).sort()).toEqual(['红色纠纷调解队', '蓝天救援队'].sort());
      // Volunteers browse their village's teams; the township team is above it.
      const seen = await t.ok<{ teams: { edges: Array<{ node: { name: string; memberCount: number } }> } }>('volunteer.demo', '{ teams { edges { node { name memberCount } } } }');
      expect(seen.teams.edges.map((edge) => edge.node)).toEqual([{ name: '红色纠纷调解队', memberCount: 1 }]);
    });

    it('5.1.6 contributes a nullable Person.volunteer, visible to staff in scope and to the volunteer', async () => {
      const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id volunteer { id areaCode } } } }`;
      const representations = [{ __typename: 'Person', id: demo.personId }, { __typename: 'Person', id: randomUUID() }];
      const asAdmin = await t.ok<{ _entities: Array<{ volunteer: { id: string } | null }> }>('village.admin', query, { representations });
      expect(asAdmin._entities.map((person) => person.volunteer?.id ?? null)).toEqual([demo.id, null]);
      const asSelf = await t.ok<{ _entities: Array<{ volunteer: { id: string } | null }> }>('volunteer.demo', query, { representations });
      expect(asSelf._entities[0].volunteer?.id).toBe(demo.id);
      const outside = await t.ok<{ _entities: Array<{ volunteer: { id: string } | null }> }>('village2.admin', query, { representations });
      expect(outside._entities[0].volunteer).toBeNull();
    });
  });

  describe('5.3 service orders (群众点单、社区派单、党员接单)', () => {
    it('5.3.1 the community publishes, a volunteer of the area claims and completes, the resident confirms and the claimant earns points', async () => {
      const order = await publishOrder(t, 'grid.worker', { requesterUserId: t.subs['resident.demo'], kind: 'NEED' });
      expect(order).toMatchObject({ status: 'OPEN', areaCode: GRID, claimantVolunteerId: null });
      const claimed = await orderStep(t, 'volunteer.demo', 'claimOrder', { orderId: order.id });
      expect(claimed.data?.claimOrder.order).toMatchObject({ status: 'CLAIMED', claimantVolunteerId: demo.id });
      // The resident follows their own order; the claimant is not theirs to see.
      const followed = await t.ok<{ serviceOrders: { edges: Array<{ node: { id: string; status: string; claimant: null } }> } }>(
        'resident.demo',
        '{ serviceOrders { edges { node { id status claimant { id } } } } }',
      );
      expect(followed.serviceOrders.edges.map((edge) => edge.node)).toEqual([{ id: order.id, status: 'CLAIMED', claimant: null }]);
      expect(codes(await orderStep(t, 'resident.demo', 'confirmOrder', { orderId: order.id }))).toEqual(['CONFLICT']);
      expect(codes(await orderStep(t, 'grid.worker', 'completeOrder', { orderId: order.id, note: '已送达' }))).toEqual(['FORBIDDEN']);
      const completed = await orderStep(t, 'volunteer.demo', 'completeOrder', { orderId: order.id, note: '已送米十斤' });
      expect(completed.data?.completeOrder.order.status).toBe('COMPLETED');
      const confirmed = await orderStep(t, 'resident.demo', 'confirmOrder', { orderId: order.id });
      expect(confirmed.data?.confirmOrder.order.status).toBe('CONFIRMED');
      expect(codes(await orderStep(t, 'grid.worker', 'confirmOrder', { orderId: order.id }))).toEqual(['CONFLICT']);
      const events = await t.sql<{ subject: string }>(`select subject from outbox_event where envelope->'data'->>'orderId' = ? order by seq`, [order.id]);
      expect(events.map((row) => row.subject)).toEqual([
        'volunteers.order.published',
        'volunteers.order.claimed',
        'volunteers.order.completed',
        'volunteers.order.confirmed',
      ]);
      // An in-service member earns PARTY points by the general order rule (no in-service rule of its own).
      const [award] = await t.sql<{ rule_code: string; amount: number; kind: string }>(
        `select p.rule_code, e.amount, a.kind from ledger_posting p join ledger_entry e on e.posting_id = p.id join point_account a on a.id = e.account_id
         where p.idempotency_key = ? and a.person_id is not null`,
        [`order-completed:${order.id}`],
      );
      expect(award).toEqual({ rule_code: 'PARTY_ORDER', amount: 10, kind: 'PARTY' });
      const awarded = await outbox('volunteers.points.awarded');
      expect(awarded.some((row) => row.envelope.data.idempotencyKey === `order-completed:${order.id}`)).toBe(true);
    });

    it('5.3.2 exactly one claimant: of 10 concurrent claims one succeeds, the others get CONFLICT', async () => {
      const order = await publishOrder(t, 'village.admin');
      const responses = await Promise.all(Array.from({ length: 10 }, () => orderStep(t, 'volunteer.demo', 'claimOrder', { orderId: order.id })));
      expect(responses.filter((response) => !response.errors).length).toBe(1);
      expect(responses.flatMap(codes).sort()).toEqual(Array(9).fill('CONFLICT'));

      // Ten different volunteers racing for one order.
      const racers = await Promise.all(
        Array.from({ length: 10 }, () => registerVolunteer(t, 'village.admin', { userId: randomUUID(), kinds: ['ACTIVIST'] })),
      );
      const contested = await publishOrder(t, 'village.admin');
      const orders = t.app.get(OrderService);
      const outcomes = await Promise.allSettled(
        racers.map((racer) =>
          t.inRequest(() => orders.claim({ sub: racer.userId!, username: 'racer', roles: ['volunteer'], areaCode: VILLAGE }, { orderId: contested.id })),
        ),
      );
      const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect((outcome.reason as { extensions: { code: string } }).extensions.code).toBe('CONFLICT');
      }
      const [row] = await t.sql<{ status: string; claimant_volunteer_id: string; version: number }>(`select status, claimant_volunteer_id, version from service_order where id = ?`, [contested.id]);
      expect(row.status).toBe('CLAIMED');
      expect(racers.map((racer) => racer.id)).toContain(row.claimant_volunteer_id);
      expect(row.version).toBe(2);
      const claimedEvents = await t.sql(`select 1 from outbox_event where subject = 'volunteers.order.claimed' and envelope->'data'->>'orderId' = ?`, [contested.id]);
      expect(claimedEvents).toHaveLength(1);
    });

    it('5.3.3 volunteers see and claim only the orders of their village; residents only their own', async () => {
      const elsewhere = await publishOrder(t, 'village2.admin', { areaCode: OTHER_GRID });
      expect(codes(await orderStep(t, 'volunteer.demo', 'claimOrder', { orderId: elsewhere.id }))).toEqual(['NOT_FOUND']);
      const listed = await t.ok<{ serviceOrders: { edges: Array<{ node: OrderView }> } }>('volunteer.demo', `{ serviceOrders(first: 100) { edges { node { id areaCode } } } }`);
      expect(listed.serviceOrders.edges.length).toBeGreaterThan(0);
      expect(listed.serviceOrders.edges.every((edge) => edge.node.areaCode.startsWith(VILLAGE))).toBe(true);
      const resident = await t.ok<{ serviceOrders: { totalCount: number } }>('resident.demo', '{ serviceOrders { totalCount } }');
      expect(resident.serviceOrders.totalCount).toBe(1);
      expect(codes(await t.gql('civil.staff', '{ serviceOrders { totalCount } }'))).toEqual(['FORBIDDEN']);
      const audited = await t.ok<{ serviceOrders: { totalCount: number } }>('county.auditor', '{ serviceOrders { totalCount } }');
      expect(audited.serviceOrders.totalCount).toBeGreaterThan(resident.serviceOrders.totalCount);
      expect(codes(await t.gql('county.auditor', `mutation ($input: PublishServiceOrderInput!) { publishServiceOrder(input: $input) { order { id } } }`, {
        input: { kind: 'NEED', title: 'x', areaCode: GRID, deadline: new Date(Date.now() + 86_400_000).toISOString() },
      }))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql('grid.worker2', `mutation ($input: PublishServiceOrderInput!) { publishServiceOrder(input: $input) { order { id } } }`, {
        input: { kind: 'NEED', title: 'x', areaCode: GRID, deadline: new Date(Date.now() + 86_400_000).toISOString() },
      }))).toEqual(['FORBIDDEN']);
    });

    it('5.3.4 an order whose deadline passes while open or claimed goes back to the pool once; the community republishes it', async () => {
      const soon = new Date(Date.now() + 3_600_000);
      const open = await publishOrder(t, 'village.admin', { deadline: soon });
      const claimed = await publishOrder(t, 'village.admin', { deadline: soon });
      await orderStep(t, 'volunteer.demo', 'claimOrder', { orderId: claimed.id });
      const done = await publishOrder(t, 'village.admin', { deadline: soon });
      await orderStep(t, 'volunteer.demo', 'claimOrder', { orderId: done.id });
      await orderStep(t, 'volunteer.demo', 'completeOrder', { orderId: done.id, note: '完成' });
      const scheduler = t.app.get(OrderExpiryScheduler);
      const later = new Date(soon.getTime() + 60_000);
      // Two replicas at once: SKIP LOCKED gives each order to one of them, and each expires once.
      const [first, second] = await Promise.all([scheduler.runOnce(later), scheduler.runOnce(later)]);
      expect(first + second).toBe(2);
      expect(await scheduler.runOnce(later)).toBe(0);
      const statuses = await t.sql<{ id: string; status: string; claimant_volunteer_id: string | null; last_claimant_volunteer_id: string | null }>(
        `select id, status, claimant_volunteer_id, last_claimant_volunteer_id from service_order where id in (?)`,
        [[open.id, claimed.id, done.id]],
      );
      const byId = new Map(statuses.map((row) => [row.id, row]));
      expect(byId.get(open.id)).toMatchObject({ status: 'EXPIRED', claimant_volunteer_id: null });
      expect(byId.get(claimed.id)).toMatchObject({ status: 'EXPIRED', claimant_volunteer_id: null, last_claimant_volunteer_id: demo.id });
      expect(byId.get(done.id)?.status).toBe('COMPLETED');
      const expired = await outbox('volunteers.order.expired');
      expect(expired.map((row) => row.envelope.data.orderId).sort()).toEqual([open.id, claimed.id].sort());
      expect(codes(await orderStep(t, 'volunteer.demo', 'claimOrder', { orderId: claimed.id }))).toEqual(['CONFLICT']);
      const republished = await orderStep(t, 'grid.leader', 'republishOrder', { orderId: claimed.id, deadline: new Date(Date.now() + 86_400_000).toISOString() });
      expect(republished.data?.republishOrder.order).toMatchObject({ status: 'OPEN', claimantVolunteerId: null });
      expect(codes(await orderStep(t, 'volunteer.demo', 'claimOrder', { orderId: claimed.id }))).toEqual([]);
    });

    it('5.3.5 refuses a deadline in the past and other bad input, writing nothing', async () => {
      const before = [await count('service_order'), await count('outbox_event')];
      const base = { kind: 'NEED', title: '修水管', areaCode: GRID, deadline: new Date(Date.now() + 86_400_000).toISOString() };
      const attempts: Array<[Record<string, unknown>, string]> = [
        [{ ...base, deadline: new Date(Date.now() - 60_000).toISOString() }, 'deadline'],
        [{ ...base, areaCode: '33040200100' }, 'areaCode'],
        [{ ...base, title: '' }, 'title'],
        [{ ...base, requesterUserId: 'nobody' }, 'requesterUserId'],
      ];
      for (const [input, field] of attempts) {
        const response = await t.gql('village.admin', `mutation ($input: PublishServiceOrderInput!) { publishServiceOrder(input: $input) { order { id } } }`, { input });
        expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      expect([await count('service_order'), await count('outbox_event')]).toEqual(before);
    });
  });

  describe('5.2 double reporting (双报到)', () => {
    it('5.2.1 lists the reported in-service members who have not yet done a service and taken a volunteer post this year', async () => {
      const year = Number(chinaDate(new Date()).slice(0, 4));
      const register = `mutation ($input: RegisterDoubleReportInput!) { registerDoubleReport(input: $input) { doubleReport { id personId year } } }`;
      // demo completed orders above and holds team posts: duty met.
      const postOnly = await registerVolunteer(t, 'village.admin', { kinds: ['PARTY_MEMBER'], partyMemberType: 'IN_SERVICE' });
      const team = await t.ok<{ teams: { edges: Array<{ node: { id: string } }> } }>('village.admin', '{ teams { edges { node { id } } } }');
      await t.ok('village.admin', `mutation ($input: JoinTeamInput!) { joinTeam(input: $input) { team { id } } }`, {
        input: { teamId: team.teams.edges[0].node.id, volunteerId: postOnly.id },
      });
      const idle = await registerVolunteer(t, 'village.admin', { kinds: ['PARTY_MEMBER'], partyMemberType: 'IN_SERVICE' });
      const notVolunteer = await knownPerson(t);
      for (const personId of [demo.personId, postOnly.personId, idle.personId, notVolunteer]) {
        await t.ok('village.admin', register, { input: { personId, workUnit: '嘉兴学院', villageCode: VILLAGE, year } });
      }
      expect(codes(await t.gql('village.admin', register, { input: { personId: idle.personId, workUnit: '嘉兴学院', villageCode: VILLAGE, year } }))).toEqual(['CONFLICT']);
      expect((await t.gql('village.admin', register, { input: { personId: idle.personId, workUnit: '嘉兴学院', villageCode: GRID, year } })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'villageCode',
      });
      expect(codes(await t.gql('village.admin', register, { input: { personId: randomUUID(), workUnit: '嘉兴学院', villageCode: OTHER_VILLAGE, year } }))).toEqual(['FORBIDDEN']);

      const duty = await t.ok<{ doubleReportDuty: { totalCount: number; edges: Array<{ node: { doubleReport: { personId: string }; servicesDone: number; volunteerPostsHeld: number } }> } }>(
        'jianshe.admin',
        `query ($year: Int!) { doubleReportDuty(year: $year, areaCode: "${VILLAGE}") { totalCount edges { node { doubleReport { personId } servicesDone volunteerPostsHeld } } } }`,
        { year },
      );
      const standing = new Map(duty.doubleReportDuty.edges.map((edge) => [edge.node.doubleReport.personId, edge.node]));
      expect(duty.doubleReportDuty.totalCount).toBe(3);
      expect(standing.has(demo.personId)).toBe(false);
      expect(standing.get(postOnly.personId)).toMatchObject({ servicesDone: 0, volunteerPostsHeld: 1 });
      expect(standing.get(idle.personId)).toMatchObject({ servicesDone: 0, volunteerPostsHeld: 0 });
      expect(standing.get(notVolunteer)).toMatchObject({ servicesDone: 0, volunteerPostsHeld: 0 });
      // Paging goes through the same list.
      const first = await t.ok<{ doubleReportDuty: { edges: Array<{ cursor: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
        'village.admin',
        `query ($year: Int!) { doubleReportDuty(year: $year, first: 2) { edges { cursor } pageInfo { hasNextPage endCursor } } }`,
        { year },
      );
      expect(first.doubleReportDuty.pageInfo.hasNextPage).toBe(true);
      const rest = await t.ok<{ doubleReportDuty: { edges: unknown[] } }>('village.admin', `query ($year: Int!, $after: String) { doubleReportDuty(year: $year, after: $after) { edges { cursor } } }`, {
        year,
        after: first.doubleReportDuty.pageInfo.endCursor,
      });
      expect(rest.doubleReportDuty.edges).toHaveLength(1);
      expect(codes(await t.gql('volunteer.demo', `{ doubleReportDuty(year: ${year}) { totalCount } }`))).toEqual(['FORBIDDEN']);
      const outside = await t.ok<{ doubleReportDuty: { totalCount: number } }>('village2.admin', `{ doubleReportDuty(year: ${year}) { totalCount } }`);
      expect(outside.doubleReportDuty.totalCount).toBe(0);
    });
  });

  describe('5.4 activities', () => {
    const createActivity = async (user: 'grid.worker' | 'village.admin', input: Record<string, unknown> = {}) => {
      const data = await t.ok<{ createActivity: { activity: { id: string; capacity: number; serviceHours: number } } }>(
        user,
        `mutation ($input: CreateActivityInput!) { createActivity(input: $input) { activity { id capacity serviceHours } } }`,
        {
          input: {
            title: '南湖边环境清洁',
            kind: 'CLEAN_UP',
            areaCode: GRID,
            startsAt: new Date(Date.now() + 86_400_000).toISOString(),
            endsAt: new Date(Date.now() + 86_400_000 + 3 * 3_600_000).toISOString(),
            capacity: 20,
            serviceHours: 2.5,
            ...input,
          },
        },
      );
      return data.createActivity.activity;
    };
    const signUp = (user: 'volunteer.demo' | 'village.admin', activityId: string, volunteerId?: string) =>
      t.gql<{ signUp: { activity: { signedUpCount: number } } }>(user, `mutation ($input: SignUpInput!) { signUp(input: $input) { activity { signedUpCount } signUp { volunteerId } } }`, {
        input: { activityId, ...(volunteerId ? { volunteerId } : {}) },
      });

    it('5.4.1 refuses sign-ups when the activity is full, also when they arrive at once', async () => {
      const activity = await createActivity('village.admin', { capacity: 3 });
      const volunteers = await Promise.all(Array.from({ length: 10 }, () => registerVolunteer(t, 'village.admin', { kinds: ['STUDENT'] })));
      const responses = await Promise.all(volunteers.map((volunteer) => signUp('village.admin', activity.id, volunteer.id)));
      expect(responses.filter((response) => !response.errors)).toHaveLength(3);
      expect(responses.flatMap(codes)).toEqual(Array(7).fill('CONFLICT'));
      const [row] = await t.sql<{ signed_up_count: number; n: string }>(
        `select a.signed_up_count, (select count(*) from activity_sign_up s where s.activity_id = a.id) as n from activity a where a.id = ?`,
        [activity.id],
      );
      expect([row.signed_up_count, Number(row.n)]).toEqual([3, 3]);
    });

    it('5.4.2 the organiser checks attendees in: service hours and points are credited once', async () => {
      const activity = await createActivity('grid.worker');
      const signed = await signUp('volunteer.demo', activity.id);
      expect(signed.data?.signUp.activity.signedUpCount).toBe(1);
      expect(codes(await signUp('volunteer.demo', activity.id))).toEqual(['CONFLICT']);
      const checkIn = `mutation ($input: CheckInInput!) { checkIn(input: $input) { activity { attendedCount } signUp { attendedAt } volunteer { serviceHours } } }`;
      const before = (await t.ok<{ volunteer: { serviceHours: number } }>('village.admin', `query ($id: ID!) { volunteer(id: $id) { serviceHours } }`, { id: demo.id })).volunteer.serviceHours;
      expect(codes(await t.gql('grid.leader', checkIn, { input: { activityId: activity.id, volunteerId: demo.id } }))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql('grid.worker2', checkIn, { input: { activityId: activity.id, volunteerId: demo.id } }))).toEqual(['NOT_FOUND']);
      const stranger = await registerVolunteer(t, 'village.admin', { kinds: ['ACTIVIST'] });
      expect((await t.gql('grid.worker', checkIn, { input: { activityId: activity.id, volunteerId: stranger.id } })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'volunteerId',
      });
      const checked = await t.ok<{ checkIn: { activity: { attendedCount: number }; signUp: { attendedAt: string }; volunteer: { serviceHours: number } } }>('grid.worker', checkIn, {
        input: { activityId: activity.id, volunteerId: demo.id },
      });
      expect(checked.checkIn.activity.attendedCount).toBe(1);
      expect(checked.checkIn.volunteer.serviceHours).toBe(before + 2.5);
      expect(codes(await t.gql('grid.worker', checkIn, { input: { activityId: activity.id, volunteerId: demo.id } }))).toEqual(['CONFLICT']);
      const attended = await outbox('volunteers.activity.attended');
      expect(attended.filter((row) => row.envelope.data.activityId === activity.id)).toHaveLength(1);
      const postings = await t.sql<{ rule_code: string }>(`select rule_code from ledger_posting where idempotency_key = ?`, [`activity-attended:${activity.id}:${demo.id}`]);
      expect(postings).toEqual([{ rule_code: 'PARTY_ACTIVITY' }]);
      const list = await t.ok<{ activity: { signUps: { edges: Array<{ node: { volunteer: { id: string }; attendedAt: string | null } }> } } }>(
        'grid.worker',
        `query ($id: ID!) { activity(id: $id) { signUps { edges { node { attendedAt volunteer { id } } } } } }`,
        { id: activity.id },
      );
      expect(list.activity.signUps.edges.map((edge) => edge.node.volunteer.id)).toEqual([demo.id]);
    });

    it('5.4.3 refuses an activity that ends before it starts, writing nothing', async () => {
      const before = await count('activity');
      const response = await t.gql('village.admin', `mutation ($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }`, {
        input: {
          title: '义诊',
          kind: 'FREE_CLINIC',
          areaCode: GRID,
          startsAt: new Date(Date.now() + 86_400_000).toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
          capacity: 5,
          serviceHours: 1,
        },
      });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
      expect(await count('activity')).toBe(before);
    });
  });

  describe('the graph', () => {
    it('resolves many Volunteer and ServiceOrder references with one SQL query each (DataLoader)', async () => {
      const volunteerIds = (await t.sql<{ id: string }>(`select id from volunteer order by id limit 8`)).map((row) => row.id);
      const orderIds = (await t.sql<{ id: string }>(`select id from service_order order by id limit 6`)).map((row) => row.id);
      const representations = [
        ...volunteerIds.map((id) => ({ __typename: 'Volunteer', id })),
        ...orderIds.map((id) => ({ __typename: 'ServiceOrder', id })),
      ];
      queryCounter.reset();
      const response = await t.ok<{ _entities: Array<{ id: string } | null> }>(
        'county.admin',
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Volunteer { id ${VOLUNTEER_FIELDS} } ... on ServiceOrder { id status } } }`,
        { representations },
      );
      expect(response._entities.map((entity) => entity?.id)).toEqual([...volunteerIds, ...orderIds]);
      expect(queryCounter.matching('volunteer')).toHaveLength(1);
      expect(queryCounter.matching('service_order')).toHaveLength(1);
    });

    it('hides references outside the caller\'s area', async () => {
      const [order] = await t.sql<{ id: string }>(`select id from service_order where area_code like ? limit 1`, [`${OTHER_VILLAGE}%`]);
      const response = await t.ok<{ _entities: Array<{ id: string } | null> }>(
        'village.admin',
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ServiceOrder { id } ... on Volunteer { id } } }`,
        { representations: [{ __typename: 'ServiceOrder', id: order.id }, { __typename: 'Volunteer', id: demo.id }] },
      );
      expect(response._entities).toEqual([null, { id: demo.id }]);
    });
  });
});
