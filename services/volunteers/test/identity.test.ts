import { randomUUID } from 'node:crypto';
import { createEnvelope, EventsService } from '@lianxin/events';
import {
  codes,
  GRID,
  knownPerson,
  orderStep,
  OTHER_GRID,
  OTHER_VILLAGE,
  publishOrder,
  registerVolunteer,
  startVolunteersApp,
  VILLAGE,
  waitFor,
  type DemoUser,
  type VolunteersTestApp,
  type VolunteerView,
} from './harness.js';

const TOWNSHIP = '330402001';

/**
 * Issue 13 (privacy and identity) in the volunteers subgraph: team rosters scoped to the caller's area,
 * DOMAIN.md §8.7 (volunteers and residents act only as themselves; staff name others only inside their
 * area) and the Viewer fields this subgraph adds.
 */
describe('volunteers subgraph: privacy and identity (issue 13, §8.7)', () => {
  let t: VolunteersTestApp;
  let demo: VolunteerView;
  let neighbour: VolunteerView;
  let outsider: VolunteerView;

  beforeAll(async () => {
    t = await startVolunteersApp('volunteers_identity');
    demo = await registerVolunteer(t, 'village.admin', { userId: t.subs['volunteer.demo'], kinds: ['ACTIVIST'] });
    neighbour = await registerVolunteer(t, 'village.admin', { userId: randomUUID(), areaCode: GRID, kinds: ['STUDENT'] });
    outsider = await registerVolunteer(t, 'village2.admin', { areaCode: OTHER_GRID, kinds: ['STUDENT'] });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('Team.members', () => {
    let township: string;
    const membersQuery = `query ($id: ID!) { volunteer(id: $id) { teams { name memberCount members(first: 10) { totalCount edges { node { id } } } } } }`;
    const rosterSeenBy = async (user: DemoUser) => {
      const response = await t.gql<{ volunteer: { teams: Array<{ memberCount: number; members: { totalCount: number; edges: Array<{ node: { id: string } }> } }> } }>(
        user,
        membersQuery,
        { id: demo.id },
      );
      return response;
    };

    beforeAll(async () => {
      const created = await t.ok<{ createTeam: { team: { id: string } } }>('jianshe.admin', `mutation ($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }`, {
        input: { name: '街道蓝天救援队', areaCode: TOWNSHIP },
      });
      township = created.createTeam.team.id;
      for (const volunteer of [demo, neighbour, outsider]) {
        await t.ok('jianshe.admin', `mutation ($input: JoinTeamInput!) { joinTeam(input: $input) { team { id } } }`, { input: { teamId: township, volunteerId: volunteer.id } });
      }
    });

    it('issue 13: Team.members lists only the volunteers inside the caller\'s area, and counts only them', async () => {
      // village.admin reaches the township's team through their own volunteer's teams: the roster holds their village's members only.
      const village = await rosterSeenBy('village.admin');
      expect(codes(village)).toEqual([]);
      const [team] = village.data!.volunteer.teams;
      expect(team.memberCount).toBe(3);
      expect(team.members.totalCount).toBe(2);
      expect(team.members.edges.map((edge) => edge.node.id).sort()).toEqual([demo.id, neighbour.id].sort());

      // Grid staff organise their village's volunteers: the same two.
      const grid = await rosterSeenBy('grid.leader');
      expect(grid.data!.volunteer.teams[0].members.edges.map((edge) => edge.node.id).sort()).toEqual([demo.id, neighbour.id].sort());

      // The township's admin and the county's auditor see the whole team.
      for (const user of ['jianshe.admin', 'county.auditor'] as DemoUser[]) {
        const whole = await t.ok<{ team: { members: { totalCount: number; edges: Array<{ node: { id: string } }> } } }>(
          user,
          `query ($id: ID!) { team(id: $id) { members(first: 10) { totalCount edges { node { id } } } } }`,
          { id: township },
        );
        expect(whole.team.members.totalCount).toBe(3);
        expect(whole.team.members.edges.map((edge) => edge.node.id).sort()).toEqual([demo.id, neighbour.id, outsider.id].sort());
      }
    });

    it('issue 13: a page of Team.members is full and its cursor continues inside the caller\'s area', async () => {
      const page = (after?: string) =>
        t.ok<{ volunteer: { teams: Array<{ members: { edges: Array<{ node: { id: string } }>; pageInfo: { endCursor: string; hasNextPage: boolean } } }> } }>(
          'village.admin',
          `query ($id: ID!, $after: String) { volunteer(id: $id) { teams { members(first: 1, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage } } } } }`,
          { id: demo.id, ...(after ? { after } : {}) },
        );
      const first = (await page()).volunteer.teams[0].members;
      expect(first.edges).toHaveLength(1);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = (await page(first.pageInfo.endCursor)).volunteer.teams[0].members;
      expect(second.edges).toHaveLength(1);
      expect(second.pageInfo.hasNextPage).toBe(false);
      expect([first.edges[0].node.id, second.edges[0].node.id].sort()).toEqual([demo.id, neighbour.id].sort());
    });

    it('issue 13: volunteers and residents see a team\'s size, not its roster', async () => {
      const asVolunteer = await rosterSeenBy('volunteer.demo');
      expect(codes(asVolunteer)).toEqual(['FORBIDDEN']);
      const count = await t.ok<{ volunteer: { teams: Array<{ memberCount: number }> } }>('volunteer.demo', `query ($id: ID!) { volunteer(id: $id) { teams { memberCount } } }`, {
        id: demo.id,
      });
      expect(count.volunteer.teams[0].memberCount).toBe(3);
    });
  });

  describe('§8.7 acting as oneself', () => {
    const signUpMutation = `mutation ($input: SignUpInput!) { signUp(input: $input) { signUp { volunteerId } } }`;
    const createActivity = async (user: DemoUser, areaCode = GRID) =>
      (
        await t.ok<{ createActivity: { activity: { id: string } } }>(user, `mutation ($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }`, {
          input: {
            title: '社区义诊',
            kind: 'FREE_CLINIC',
            areaCode,
            startsAt: new Date(Date.now() + 86_400_000).toISOString(),
            endsAt: new Date(Date.now() + 90_000_000).toISOString(),
            capacity: 10,
            serviceHours: 1,
          },
        })
      ).createActivity.activity.id;

    it('§8.7 a volunteer claims an order as their own record, and completes only their own claim', async () => {
      const order = await publishOrder(t, 'village.admin');
      const claimed = await orderStep(t, 'volunteer.demo', 'claimOrder', { orderId: order.id });
      expect(claimed.data?.claimOrder.order.claimantVolunteerId).toBe(demo.id);
      // The claim input names no volunteer: a forged volunteerId is not even part of the schema.
      const forged = await t.gql('volunteer.demo', `mutation { claimOrder(input: { orderId: "${order.id}", volunteerId: "${neighbour.id}" }) { order { id } } }`);
      expect(codes(forged)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      const other = await publishOrder(t, 'village.admin');
      const [row] = await t.sql<{ id: string }>(`update service_order set status = 'CLAIMED', claimant_volunteer_id = ?, claimed_at = now(), version = version + 1 where id = ? returning id`, [
        neighbour.id,
        other.id,
      ]);
      expect(row.id).toBe(other.id);
      expect(codes(await orderStep(t, 'volunteer.demo', 'completeOrder', { orderId: other.id, note: '代为完成' }))).toEqual(['FORBIDDEN']);
    });

    it('§8.7 a volunteer naming another volunteer to sign up is FORBIDDEN, also when no such volunteer exists', async () => {
      const activity = await createActivity('village.admin');
      for (const volunteerId of [neighbour.id, outsider.id, randomUUID()]) {
        expect(codes(await t.gql('volunteer.demo', signUpMutation, { input: { activityId: activity, volunteerId } }))).toEqual(['FORBIDDEN']);
      }
      expect(await t.sql(`select 1 from activity_sign_up where activity_id = ?`, [activity])).toHaveLength(0);
      // Naming themselves is the same as naming no one.
      const own = await t.ok<{ signUp: { signUp: { volunteerId: string } } }>('volunteer.demo', signUpMutation, { input: { activityId: activity, volunteerId: demo.id } });
      expect(own.signUp.signUp.volunteerId).toBe(demo.id);
    });

    it('§8.7 staff sign up only volunteers of their own area', async () => {
      const activity = await createActivity('grid.leader');
      // demo serves the whole village, outside grid.leader's grid; neighbour serves in the grid.
      expect(codes(await t.gql('grid.leader', signUpMutation, { input: { activityId: activity, volunteerId: demo.id } }))).toEqual(['FORBIDDEN']);
      const signed = await t.ok<{ signUp: { signUp: { volunteerId: string } } }>('grid.leader', signUpMutation, { input: { activityId: activity, volunteerId: neighbour.id } });
      expect(signed.signUp.signUp.volunteerId).toBe(neighbour.id);
      expect(codes(await t.gql('village.admin', signUpMutation, { input: { activityId: activity, volunteerId: outsider.id } }))).toEqual(['FORBIDDEN']);
    });

    it('§8.7 a volunteer changes only their own skills: another\'s or an unknown id is FORBIDDEN', async () => {
      const mutation = `mutation ($input: UpdateVolunteerSkillsInput!) { updateVolunteerSkills(input: $input) { volunteer { skills } } }`;
      for (const volunteerId of [neighbour.id, randomUUID()]) {
        expect(codes(await t.gql('volunteer.demo', mutation, { input: { volunteerId, skills: ['x'], expectedVersion: 1 } }))).toEqual(['FORBIDDEN']);
      }
      const [row] = await t.sql<{ skills: string[] }>(`select skills from volunteer where id = ?`, [neighbour.id]);
      expect(row.skills).toEqual([]);
    });

    it('§8.7 a resident redeems only their own points: naming another person is FORBIDDEN, omitting the person spends their own', async () => {
      const own = await knownPerson(t, { areaCode: GRID });
      const other = await knownPerson(t, { areaCode: GRID });
      const open = `mutation ($input: OpenPointAccountInput!) { openPointAccount(input: $input) { account { id } } }`;
      await t.ok('village.admin', open, { input: { personId: own, accountKind: 'CIVIC', areaCode: GRID, holderUserId: t.subs['resident.demo'] } });
      await t.ok('village.admin', open, { input: { personId: other, accountKind: 'CIVIC', areaCode: GRID } });
      for (const personId of [own, other]) {
        const proposed = await t.ok<{ proposeManualAward: { manualAward: { id: string } } }>(
          'village.admin',
          `mutation ($input: ProposeManualAwardInput!) { proposeManualAward(input: $input) { manualAward { id } } }`,
          { input: { personId, ruleCode: 'CIVIC_MANUAL', points: 10, reason: '助人为乐', occurredAt: new Date().toISOString() } },
        );
        await t.ok('jianshe.admin', `mutation ($input: ApproveManualAwardInput!) { approveManualAward(input: $input) { manualAward { id } } }`, {
          input: { manualAwardId: proposed.proposeManualAward.manualAward.id },
        });
      }
      const item = (
        await t.ok<{ createRedemptionItem: { item: { id: string } } }>('village.admin', `mutation ($input: CreateRedemptionItemInput!) { createRedemptionItem(input: $input) { item { id } } }`, {
          input: { name: '洗衣液', kind: 'GOODS', areaCode: VILLAGE, pointsCost: 4, stock: 10 },
        })
      ).createRedemptionItem.item.id;
      const redeem = (input: Record<string, unknown>) =>
        t.gql<{ redeem: { account: { balance: number } } }>('resident.demo', `mutation ($input: RedeemInput!) { redeem(input: $input) { account { balance } } }`, {
          input: { itemId: item, accountKind: 'CIVIC', ...input },
        });
      expect(codes(await redeem({ personId: other }))).toEqual(['FORBIDDEN']);
      expect(codes(await redeem({ personId: randomUUID() }))).toEqual(['FORBIDDEN']);
      expect((await redeem({})).data?.redeem.account.balance).toBe(6);
      expect((await redeem({ personId: own })).data?.redeem.account.balance).toBe(2);
      const balances = await t.sql<{ person_id: string; balance: number }>(`select person_id, balance from point_account where person_id in (?, ?) order by balance`, [own, other]);
      expect(balances).toEqual([
        { person_id: own, balance: 2 },
        { person_id: other, balance: 10 },
      ]);
    });
  });

  describe('§8.7 staff name persons only inside their area (person directory)', () => {
    const mutations = {
      publishServiceOrder: (personId: string) => ({
        query: `mutation ($input: PublishServiceOrderInput!) { publishServiceOrder(input: $input) { order { id } } }`,
        input: { kind: 'NEED', title: '代老人预约体检', areaCode: GRID, deadline: new Date(Date.now() + 86_400_000).toISOString(), requesterPersonId: personId },
      }),
      registerVolunteer: (personId: string) => ({
        query: `mutation ($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { id } } }`,
        input: { personId, areaCode: VILLAGE, kinds: ['ACTIVIST'] },
      }),
      openPointAccount: (personId: string) => ({
        query: `mutation ($input: OpenPointAccountInput!) { openPointAccount(input: $input) { account { id } } }`,
        input: { personId, accountKind: 'CIVIC', areaCode: GRID },
      }),
      proposeManualAward: (personId: string) => ({
        query: `mutation ($input: ProposeManualAwardInput!) { proposeManualAward(input: $input) { manualAward { id } } }`,
        input: { personId, ruleCode: 'CIVIC_MANUAL', points: 5, reason: '见义勇为', occurredAt: new Date().toISOString(), areaCode: GRID },
      }),
      registerDoubleReport: (personId: string) => ({
        query: `mutation ($input: RegisterDoubleReportInput!) { registerDoubleReport(input: $input) { doubleReport { id } } }`,
        input: { personId, workUnit: '南湖区教育局', villageCode: VILLAGE, year: 2026 },
      }),
    };

    it('§8.7 naming a person who lives outside the caller\'s area, or one nobody knows, is refused alike (BAD_USER_INPUT on the field) and writes nothing', async () => {
      const elsewhere = await knownPerson(t, { areaCode: OTHER_VILLAGE });
      const tables = ['service_order', 'volunteer', 'point_account', 'manual_award', 'double_report'];
      const counts = async () => Promise.all(tables.map(async (table) => Number((await t.sql<{ n: string }>(`select count(*) as n from "${table}"`))[0].n)));
      const before = await counts();
      for (const [name, build] of Object.entries(mutations)) {
        for (const personId of [elsewhere, randomUUID()]) {
          const { query, input } = build(personId);
          const refused = await t.gql('village.admin', query, { input });
          expect([name, refused.errors?.[0].extensions]).toMatchObject([name, { code: 'BAD_USER_INPUT', field: name === 'publishServiceOrder' ? 'requesterPersonId' : 'personId' }]);
          expect(refused.errors?.[0].message).not.toContain(OTHER_VILLAGE);
        }
      }
      expect(await counts()).toEqual(before);
      // Inside the area each of them goes through.
      for (const [name, build] of Object.entries(mutations)) {
        const { query, input } = build(await knownPerson(t, { areaCode: GRID }));
        expect([name, codes(await t.gql('village.admin', query, { input }))]).toEqual([name, []]);
      }
    });

    it('§8.7 grid staff name only residents of their own grid as requesters', async () => {
      const sibling = await knownPerson(t, { areaCode: '330402001001002' });
      const { query, input } = mutations.publishServiceOrder(sibling);
      expect((await t.gql('grid.worker', query, { input })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'requesterPersonId' });
      const own = await knownPerson(t, { areaCode: GRID });
      expect(codes(await t.gql('grid.worker', query, { input: { ...input, requesterPersonId: own } }))).toEqual([]);
    });

    it('§8.7 the account of a named person is the one people linked: filled in when omitted, refused when it differs', async () => {
      const linked = await knownPerson(t, { areaCode: GRID, userId: t.subs['resident.demo'] });
      const order = await publishOrder(t, 'grid.worker', { requesterPersonId: linked });
      expect(order.requesterUserId).toBe(t.subs['resident.demo']);
      const listed = await t.ok<{ serviceOrders: { edges: Array<{ node: { id: string } }> } }>('resident.demo', '{ serviceOrders(first: 100) { edges { node { id } } } }');
      expect(listed.serviceOrders.edges.map((edge) => edge.node.id)).toContain(order.id);
      // Named alone, the account brings its person (and the area check) along.
      const byAccount = await publishOrder(t, 'grid.worker', { requesterUserId: t.subs['resident.demo'] });
      const [row] = await t.sql<{ requester_person_id: string }>(`select requester_person_id from service_order where id = ?`, [byAccount.id]);
      expect(row.requester_person_id).toBe(linked);
      const { query, input } = mutations.publishServiceOrder(linked);
      const mismatch = await t.gql('grid.worker', query, { input: { ...input, requesterUserId: randomUUID() } });
      expect(mismatch.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'requesterUserId' });
      const unlinked = await knownPerson(t, { areaCode: GRID });
      const taken = await t.gql('village.admin', mutations.registerVolunteer(unlinked).query, {
        input: { ...mutations.registerVolunteer(unlinked).input, userId: t.subs['resident.demo'] },
      });
      expect(taken.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'userId' });
    });
  });

  describe('Viewer', () => {
    const viewerQuery = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Viewer { id volunteer { id person { points { party civic } } } } } }`;

    it('issue 13: Viewer.volunteer is the caller\'s own volunteer record, with their points through volunteer.person.points', async () => {
      await t.ok('village.admin', `mutation ($input: OpenPointAccountInput!) { openPointAccount(input: $input) { account { id } } }`, {
        input: { personId: demo.personId, accountKind: 'CIVIC', areaCode: VILLAGE, holderUserId: t.subs['volunteer.demo'] },
      });
      const proposed = await t.ok<{ proposeManualAward: { manualAward: { id: string } } }>(
        'village.admin',
        `mutation ($input: ProposeManualAwardInput!) { proposeManualAward(input: $input) { manualAward { id } } }`,
        { input: { personId: demo.personId, ruleCode: 'CIVIC_MANUAL', points: 7, reason: '义务巡逻', occurredAt: new Date().toISOString() } },
      );
      await t.ok('jianshe.admin', `mutation ($input: ApproveManualAwardInput!) { approveManualAward(input: $input) { manualAward { id } } }`, {
        input: { manualAwardId: proposed.proposeManualAward.manualAward.id },
      });
      const mine = await t.ok<{ _entities: Array<unknown> }>('volunteer.demo', viewerQuery, {
        representations: [{ __typename: 'Viewer', id: t.subs['volunteer.demo'] }],
      });
      expect(mine._entities).toEqual([{ id: t.subs['volunteer.demo'], volunteer: { id: demo.id, person: { points: { party: null, civic: 7 } } } }]);
      const none = await t.ok<{ _entities: Array<unknown> }>('resident.demo', viewerQuery, {
        representations: [{ __typename: 'Viewer', id: t.subs['resident.demo'] }],
      });
      expect(none._entities).toEqual([{ id: t.subs['resident.demo'], volunteer: null }]);
    });

    it('issue 13: a forged Viewer representation (another account\'s id) sent straight to the subgraph resolves to null', async () => {
      const forged = await t.ok<{ _entities: Array<unknown> }>('village.admin', viewerQuery, {
        representations: [
          { __typename: 'Viewer', id: t.subs['volunteer.demo'] },
          { __typename: 'Viewer', id: t.subs['village.admin'] },
        ],
      });
      expect(forged._entities).toEqual([null, { id: t.subs['village.admin'], volunteer: null }]);
    });
  });
  describe('§8.7 the login people linked (people.account.linked / unlinked)', () => {
    const publish = async (type: string, personId: string, userId: string, version: number, at = new Date()) => {
      const envelope = createEnvelope({ type, areaCode: GRID, actor: 'system', data: { userId, personId, gridCode: GRID, version } }, at);
      const nc = await t.app.get(EventsService).nats.connection();
      await waitFor(
        () => nc.request(type, JSON.stringify(envelope), { timeout: 1_000 }).then(() => true, () => false),
        (published) => published,
      );
    };
    const myVolunteer = async () => (await t.ok<{ myVolunteer: { id: string } | null }>('volunteer.demo', '{ myVolunteer { id } }')).myVolunteer?.id ?? null;

    it('§8.7 a login people linked to a person makes that person\'s volunteer record and points accounts its own, and leaves them when unlinked', async () => {
      const person = await knownPerson(t, { areaCode: GRID });
      const linked = await registerVolunteer(t, 'village.admin', { personId: person, areaCode: GRID, kinds: ['ACTIVIST'] });
      expect(linked.userId).toBeNull();
      await t.ok('village.admin', `mutation ($input: OpenPointAccountInput!) { openPointAccount(input: $input) { account { id } } }`, {
        input: { personId: person, accountKind: 'CIVIC', areaCode: GRID },
      });
      expect(await myVolunteer()).toBe(demo.id);

      // people links volunteer.demo's login to this person: the admin's earlier link on demo gives way.
      await publish('people.account.linked', person, t.subs['volunteer.demo'], 2);
      expect(await waitFor(myVolunteer, (id) => id === linked.id)).toBe(linked.id);
      const [old] = await t.sql<{ user_id: string | null }>(`select user_id from volunteer where id = ?`, [demo.id]);
      expect(old.user_id).toBeNull();
      const [account] = await t.sql<{ holder_user_id: string | null }>(`select holder_user_id from point_account where person_id = ? and kind = 'CIVIC'`, [person]);
      expect(account.holder_user_id).toBe(t.subs['volunteer.demo']);
      // The volunteer acts as the linked person now: a claim is theirs.
      const order = await publishOrder(t, 'village.admin');
      expect((await orderStep(t, 'volunteer.demo', 'claimOrder', { orderId: order.id })).data?.claimOrder.order.claimantVolunteerId).toBe(linked.id);

      // An older link event delivered late changes nothing; the unlink (newer) takes the login away.
      await publish('people.account.linked', demo.personId, t.subs['volunteer.demo'], 1, new Date(Date.now() - 3_600_000));
      await publish('people.account.unlinked', person, t.subs['volunteer.demo'], 3);
      expect(await waitFor(myVolunteer, (id) => id === null)).toBeNull();
      const holders = await t.sql<{ holder_user_id: string | null }>(`select holder_user_id from point_account where person_id = ?`, [person]);
      expect(holders).toEqual([{ holder_user_id: null }]);
      const [directory] = await t.sql<{ user_id: string | null }>(`select user_id from known_person where person_id = ?`, [demo.personId]);
      expect(directory.user_id).toBeNull();
    });
  });
});
