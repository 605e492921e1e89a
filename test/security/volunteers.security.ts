import { randomUUID } from 'node:crypto';
import { errorCodes, graphqlRequest, tokenFor, type GraphQLResponse } from '@lianxin/testing';
import { asUser } from '../e2e/gateway.js';

/**
 * Issue 13 findings in the volunteers subgraph, through the gateway of the test stack with real tokens
 * (and, for the Viewer, straight to the subgraph as an attacker would).
 */
const VILLAGE = '330402001001';
const OTHER_VILLAGE = '330402001002';
const TOWNSHIP = '330402001';
const GRID = '330402001001001';
const VOLUNTEERS_URL = `http://127.0.0.1:${4105 + Number(process.env.STACK_PORT_OFFSET ?? 800)}/graphql`;

function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(JSON.stringify(response.errors));
  return response.data!;
}

async function volunteersOf(areaCode: string, first: number): Promise<Array<{ id: string; areaCode: string }>> {
  const data = ok(
    await asUser<{ volunteers: { edges: Array<{ node: { id: string; areaCode: string } }> } }>(
      'jianshe.admin',
      'query ($filter: VolunteerFilter, $first: Int) { volunteers(filter: $filter, first: $first) { edges { node { id areaCode } } } }',
      { filter: { areaCode }, first },
    ),
  );
  return data.volunteers.edges.map((edge) => edge.node);
}

describe('security: volunteers (issue 13)', () => {
  it('issue 13: Team.members does not list volunteers outside the caller\'s village', async () => {
    const [inside] = await volunteersOf(VILLAGE, 1);
    const [outside] = await volunteersOf(OTHER_VILLAGE, 1);
    const team = ok(
      await asUser<{ createTeam: { team: { id: string } } }>('jianshe.admin', 'mutation ($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }', {
        input: { name: `安全测试服务队 ${randomUUID().slice(0, 8)}`, areaCode: TOWNSHIP },
      }),
    ).createTeam.team.id;
    for (const volunteer of [inside, outside]) {
      ok(await asUser('jianshe.admin', 'mutation ($input: JoinTeamInput!) { joinTeam(input: $input) { team { id } } }', { input: { teamId: team, volunteerId: volunteer.id } }));
    }
    // village.admin reaches the township's team through a volunteer of their own village.
    const seen = ok(
      await asUser<{ volunteer: { teams: Array<{ id: string; memberCount: number; members: { totalCount: number; edges: Array<{ node: { id: string; areaCode: string } }> } }> } }>(
        'village.admin',
        'query ($id: ID!) { volunteer(id: $id) { teams { id memberCount members(first: 100) { totalCount edges { node { id areaCode } } } } } }',
        { id: inside.id },
      ),
    );
    const ours = seen.volunteer.teams.find((row) => row.id === team)!;
    expect(ours.memberCount).toBe(2);
    expect(ours.members.totalCount).toBe(1);
    expect(ours.members.edges.map((edge) => edge.node.id)).toEqual([inside.id]);
    // Every roster village.admin can reach holds their village's volunteers only.
    for (const row of seen.volunteer.teams) {
      for (const edge of row.members.edges) expect(edge.node.areaCode.startsWith(VILLAGE)).toBe(true);
    }
    // The township's admin sees both.
    const whole = ok(
      await asUser<{ team: { members: { totalCount: number } } }>('jianshe.admin', 'query ($id: ID!) { team(id: $id) { members(first: 10) { totalCount } } }', { id: team }),
    );
    expect(whole.team.members.totalCount).toBe(2);
  });

  it('§8.7 a volunteer claiming or signing up as another volunteer is refused', async () => {
    const me = ok(await asUser<{ myVolunteer: { id: string } }>('volunteer.demo', '{ myVolunteer { id } }')).myVolunteer.id;
    const other = (await volunteersOf(VILLAGE, 5)).find((volunteer) => volunteer.id !== me)!;
    // A claim names no volunteer: it is always the caller's own; trying to name one is not even a valid request.
    const order = ok(
      await asUser<{ publishServiceOrder: { order: { id: string } } }>(
        'village.admin',
        'mutation ($input: PublishServiceOrderInput!) { publishServiceOrder(input: $input) { order { id } } }',
        { input: { kind: 'MICRO_WISH', title: '安全测试：帮忙买菜', areaCode: GRID, deadline: new Date(Date.now() + 86_400_000).toISOString() } },
      ),
    ).publishServiceOrder.order.id;
    const forged = await asUser('volunteer.demo', `mutation { claimOrder(input: { orderId: "${order}", volunteerId: "${other.id}" }) { order { id } } }`);
    expect(errorCodes(forged)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const claimed = ok(
      await asUser<{ claimOrder: { order: { claimant: { id: string } } } }>('volunteer.demo', 'mutation ($input: ClaimOrderInput!) { claimOrder(input: $input) { order { claimant { id } } } }', {
        input: { orderId: order },
      }),
    );
    expect(claimed.claimOrder.order.claimant.id).toBe(me);

    const activity = ok(
      await asUser<{ createActivity: { activity: { id: string } } }>('village.admin', 'mutation ($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }', {
        input: {
          title: '安全测试：环境清洁',
          kind: 'CLEAN_UP',
          areaCode: GRID,
          startsAt: new Date(Date.now() + 86_400_000).toISOString(),
          endsAt: new Date(Date.now() + 90_000_000).toISOString(),
          capacity: 5,
          serviceHours: 1,
        },
      }),
    ).createActivity.activity.id;
    for (const volunteerId of [other.id, randomUUID()]) {
      const response = await asUser('volunteer.demo', 'mutation ($input: SignUpInput!) { signUp(input: $input) { signUp { volunteerId } } }', { input: { activityId: activity, volunteerId } });
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    }
    const skills = await asUser('volunteer.demo', 'mutation ($input: UpdateVolunteerSkillsInput!) { updateVolunteerSkills(input: $input) { volunteer { id } } }', {
      input: { volunteerId: other.id, skills: ['篡改'], expectedVersion: 1 },
    });
    expect(errorCodes(skills)).toEqual(['FORBIDDEN']);
  });

  it('§8.7 a resident redeeming another person\'s points is refused', async () => {
    const response = await asUser('resident.demo', 'mutation ($input: RedeemInput!) { redeem(input: $input) { redemption { points } } }', {
      input: { itemId: randomUUID(), personId: randomUUID(), accountKind: 'CIVIC' },
    });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('issue 13: a forged Viewer representation sent straight to the volunteers subgraph returns null', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Viewer { id volunteer { id personId } } } }';
    const volunteerSub = ok(await asUser<{ myVolunteer: { userId: string } }>('volunteer.demo', '{ myVolunteer { userId } }')).myVolunteer.userId;
    const forged = await graphqlRequest<{ _entities: unknown[] }>(VOLUNTEERS_URL, query, {
      token: await tokenFor('resident.demo'),
      variables: { r: [{ __typename: 'Viewer', id: volunteerSub }] },
    });
    expect(errorCodes(forged)).toEqual([]);
    expect(forged.data?._entities).toEqual([null]);
    const own = await graphqlRequest<{ _entities: Array<{ volunteer: { id: string } | null }> }>(VOLUNTEERS_URL, query, {
      token: await tokenFor('volunteer.demo'),
      variables: { r: [{ __typename: 'Viewer', id: volunteerSub }] },
    });
    expect(own.data?._entities[0]?.volunteer).not.toBeNull();
  });
});
