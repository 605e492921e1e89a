import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createSubgraphApp } from '@lianxin/platform';
import { graphqlRequest } from '@lianxin/testing';
import { GRID, knownPerson, registerVolunteer, startVolunteersApp, VILLAGE, type VolunteersTestApp } from './harness.js';

const CREATE = 'mutation ($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }';
const SIGN_UP = 'mutation ($input: SignUpInput!) { signUp(input: $input) { activity { signedUpCount } signUp { volunteerId signedUpAt } } }';
const CHECK_IN = 'mutation ($input: CheckInInput!) { checkIn(input: $input) { activity { attendedCount } signUp { attendedAt } volunteer { serviceHours } } }';

/**
 * Issue 17 in volunteers: a sign-up and a check-in sent again with their key return the first result —
 * also from a second app instance, also at the same moment — and never count a place, service hours or
 * a points posting twice.
 */
describe('volunteers: sign-ups and check-ins that survive retries (issue 17)', () => {
  let t: VolunteersTestApp;
  let second: INestApplication;
  let secondUrl: string;

  beforeAll(async () => {
    t = await startVolunteersApp('volunteers_idempotency');
    const { AppModule } = await import('../src/app.module.js');
    second = await createSubgraphApp(AppModule);
    await second.listen(0, '127.0.0.1');
    secondUrl = `${await second.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('createActivity, signUp and checkIn replayed (here, elsewhere, at once) write once; hours and points once', async () => {
    const activityInput = {
      title: '南湖边环境清洁',
      kind: 'CLEAN_UP',
      areaCode: GRID,
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000 + 2 * 3_600_000).toISOString(),
      capacity: 10,
      serviceHours: 2,
      idempotencyKey: randomUUID(),
    };
    const a1 = await t.ok<{ createActivity: { activity: { id: string } } }>('grid.worker', CREATE, { input: activityInput });
    const a2 = await t.ok<{ createActivity: { activity: { id: string } } }>('grid.worker', CREATE, { input: activityInput });
    expect(a2.createActivity.activity.id).toBe(a1.createActivity.activity.id);
    const activityId = a1.createActivity.activity.id;

    const volunteer = await registerVolunteer(t, 'village.admin', { kinds: ['ACTIVIST'] });
    const signUpInput = { activityId, volunteerId: volunteer.id, idempotencyKey: randomUUID(), occurredAt: new Date(Date.now() - 600_000).toISOString() };
    const onSecond = <T>(query: string, input: Record<string, unknown>, user: 'village.admin' | 'grid.worker') =>
      graphqlRequest<T>(secondUrl, query, { token: t.tokens[user], variables: { input } });
    const signUps = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        i % 2 ? onSecond<{ signUp: { activity: { signedUpCount: number } } }>(SIGN_UP, signUpInput, 'village.admin') : t.gql<{ signUp: { activity: { signedUpCount: number } } }>('village.admin', SIGN_UP, { input: signUpInput }),
      ),
    );
    expect(signUps.flatMap((response) => response.errors ?? [])).toEqual([]);
    const [signed] = await t.sql<{ n: string; count: number; signed_up_at: Date }>(
      'select (select count(*) from activity_sign_up where activity_id = a.id) as n, a.signed_up_count as count, (select signed_up_at from activity_sign_up where activity_id = a.id) from activity a where a.id = ?',
      [activityId],
    );
    expect([Number(signed!.n), signed!.count]).toEqual([1, 1]);
    expect(new Date(signed!.signed_up_at).toISOString()).toBe(signUpInput.occurredAt);

    const checkInInput = { activityId, volunteerId: volunteer.id, idempotencyKey: randomUUID() };
    const first = await t.ok<{ checkIn: { volunteer: { serviceHours: number }; activity: { attendedCount: number } } }>('grid.worker', CHECK_IN, { input: checkInInput });
    const again = await onSecond<{ checkIn: { volunteer: { serviceHours: number }; activity: { attendedCount: number } } }>(CHECK_IN, checkInInput, 'grid.worker');
    expect(again.errors).toBeUndefined();
    expect(again.data!.checkIn).toEqual(first.checkIn);
    expect(first.checkIn.activity.attendedCount).toBe(1);
    const [credited] = await t.sql<{ minutes: number; postings: string; events: string }>(
      `select v.service_minutes as minutes,
        (select count(*) from ledger_posting where idempotency_key = ?) as postings,
        (select count(*) from outbox_event where subject = 'volunteers.activity.attended' and envelope->'data'->>'activityId' = ?) as events
       from volunteer v where v.id = ?`,
      [`activity-attended:${activityId}:${volunteer.id}`, activityId, volunteer.id],
    );
    expect([credited!.minutes, Number(credited!.postings), Number(credited!.events)]).toEqual([120, 1, 1]);
    // Without a key the old rule stands: a second check-in is CONFLICT.
    const plain = await t.gql('grid.worker', CHECK_IN, { input: { activityId, volunteerId: volunteer.id } });
    expect(plain.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('publishServiceOrder sent again with its key (also to another instance) is one order and one event', async () => {
    const PUBLISH = 'mutation ($input: PublishServiceOrderInput!) { publishServiceOrder(input: $input) { order { id } } }';
    const input = { kind: 'MICRO_WISH', title: '帮独居老人买米', description: '每周两次', areaCode: GRID, deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(), idempotencyKey: randomUUID() };
    const count = async () => Number((await t.sql<{ n: string }>(`select count(*) as n from outbox_event where subject = 'volunteers.order.published'`))[0]!.n);
    const events = await count();
    const first = await t.ok<{ publishServiceOrder: { order: { id: string } } }>('village.admin', PUBLISH, { input });
    const again = await graphqlRequest<{ publishServiceOrder: { order: { id: string } } }>(secondUrl, PUBLISH, { token: t.tokens['village.admin'], variables: { input } });
    expect(again.data!.publishServiceOrder.order.id).toBe(first.publishServiceOrder.order.id);
    expect(await t.sql('select 1 from service_order where title = ?', ['帮独居老人买米'])).toHaveLength(1);
    expect(await count()).toBe(events + 1);
  });

  it('registerVolunteer, createTeam and joinTeam sent again with their keys (also to another instance) write once; other values are CONFLICT', async () => {
    const REGISTER = 'mutation ($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { id } } }';
    const TEAM = 'mutation ($input: CreateTeamInput!) { createTeam(input: $input) { team { id } } }';
    const JOIN = 'mutation ($input: JoinTeamInput!) { joinTeam(input: $input) { team { id } volunteer { id } } }';
    const count = async (table: string) => Number((await t.sql<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n);
    const onSecond = <T>(query: string, input: Record<string, unknown>) => graphqlRequest<T>(secondUrl, query, { token: t.tokens['village.admin'], variables: { input } });

    const registration = { personId: await knownPerson(t, { areaCode: VILLAGE }), areaCode: VILLAGE, kinds: ['ACTIVIST'], skills: ['理发'], idempotencyKey: randomUUID() };
    const volunteers = await count('volunteer');
    const v1 = await t.ok<{ registerVolunteer: { volunteer: { id: string } } }>('village.admin', REGISTER, { input: registration });
    const v2 = await onSecond<{ registerVolunteer: { volunteer: { id: string } } }>(REGISTER, registration);
    expect(v2.errors).toBeUndefined();
    expect(v2.data!.registerVolunteer.volunteer.id).toBe(v1.registerVolunteer.volunteer.id);
    expect(await count('volunteer')).toBe(volunteers + 1);
    const changed = await t.gql('village.admin', REGISTER, { input: { ...registration, skills: ['修鞋'] } });
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', differingFields: ['skills'] });

    const team = { name: '巾帼志愿队', areaCode: VILLAGE, idempotencyKey: randomUUID() };
    const teams = await count('team');
    const t1 = await t.ok<{ createTeam: { team: { id: string } } }>('village.admin', TEAM, { input: team });
    const t2 = await onSecond<{ createTeam: { team: { id: string } } }>(TEAM, team);
    expect(t2.data!.createTeam.team.id).toBe(t1.createTeam.team.id);
    expect(await count('team')).toBe(teams + 1);

    const join = { teamId: t1.createTeam.team.id, volunteerId: v1.registerVolunteer.volunteer.id, idempotencyKey: randomUUID() };
    const joins = await Promise.all([t.gql<{ joinTeam: { team: { id: string } } }>('village.admin', JOIN, { input: join }), onSecond<{ joinTeam: { team: { id: string } } }>(JOIN, join)]);
    expect(joins.flatMap((response) => response.errors ?? [])).toEqual([]);
    expect(Number((await t.sql<{ n: string }>('select count(*) as n from team_membership where team_id = ?', [join.teamId]))[0]!.n)).toBe(1);
  });
});
