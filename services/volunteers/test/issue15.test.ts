import { codes, GRID, knownPerson, ORDER_FIELDS, orderStep, OTHER_VILLAGE, registerVolunteer, startVolunteersApp, VILLAGE, type OrderView, type VolunteersTestApp } from './harness.js';

const REQUEST = `mutation ($input: RequestServiceOrderInput!) { requestServiceOrder(input: $input) { order { ${ORDER_FIELDS} requestedAt reviewNote reviewedByUserId } } }`;
const REVIEW = `mutation ($input: ReviewServiceOrderInput!) { reviewServiceOrder(input: $input) { order { ${ORDER_FIELDS} reviewNote reviewedByUserId } } }`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** Issue 15 in the volunteers subgraph: §8.6 residents order services themselves; the red-line veto holds; points rules per county. */
describe('volunteers (issue 15)', () => {
  let t: VolunteersTestApp;
  let residentPerson: string;

  beforeAll(async () => {
    t = await startVolunteersApp('volunteers_issue15');
    // resident.demo's login is linked to a person of grid 001 (as people's account.linked event would make it).
    residentPerson = await knownPerson(t, { areaCode: GRID, userId: t.subs['resident.demo'] });
    await registerVolunteer(t, 'village.admin', { userId: t.subs['volunteer.demo'] });
  });

  afterAll(async () => {
    await t?.close();
  });

  const request = (user: 'resident.demo' | 'volunteer.demo' | 'grid.worker', title = '帮忙修理漏水的水龙头') =>
    t.gql<{ requestServiceOrder: { order: OrderView & { requestedAt: string } } }>(user, REQUEST, { input: { kind: 'NEED', title, description: '厨房水龙头漏水', deadline: inDays(5) } });

  describe('§8.6 residents order services themselves (群众点单)', () => {
    it('§8.6 a resident publishes a need in their own village as their linked person; the community publishes it; a volunteer claims and completes it; the resident confirms', async () => {
      const asked = await request('resident.demo');
      expect(asked.errors).toBeUndefined();
      const order = asked.data!.requestServiceOrder.order;
      expect(order).toMatchObject({ status: 'PROPOSED', areaCode: GRID, requesterUserId: t.subs['resident.demo'] });
      expect(order.requestedAt).toBeTruthy();
      const [row] = await t.sql<{ requester_person_id: string }>('select requester_person_id from service_order where id = ?', [order.id]);
      expect(row.requester_person_id).toBe(residentPerson);

      // Before the review volunteers neither see nor claim it; the resident follows it.
      expect(codes(await orderStep(t, 'volunteer.demo', 'claimOrder', { orderId: order.id }))).toEqual(['NOT_FOUND']);
      const volunteerList = await t.ok<{ serviceOrders: { edges: Array<{ node: { id: string } }> } }>('volunteer.demo', `{ serviceOrders(first: 100) { edges { node { id } } } }`);
      expect(volunteerList.serviceOrders.edges.map((e) => e.node.id)).not.toContain(order.id);
      const mine = await t.ok<{ serviceOrders: { edges: Array<{ node: { id: string; status: string } }> } }>('resident.demo', `{ serviceOrders(first: 100) { edges { node { id status } } } }`);
      expect(mine.serviceOrders.edges.map((e) => e.node)).toContainEqual({ id: order.id, status: 'PROPOSED' });

      // Grid staff are not "the community" that reviews; the village admin is.
      expect(codes(await t.gql('grid.worker', REVIEW, { input: { orderId: order.id, publish: true } }))).toEqual(['FORBIDDEN']);
      expect(codes(await t.gql('village2.admin', REVIEW, { input: { orderId: order.id, publish: true } }))).toEqual(['NOT_FOUND']);
      const published = await t.gql<{ reviewServiceOrder: { order: OrderView & { reviewedByUserId: string } } }>('village.admin', REVIEW, { input: { orderId: order.id, publish: true, note: '已核实，派单' } });
      expect(published.errors).toBeUndefined();
      expect(published.data!.reviewServiceOrder.order).toMatchObject({ status: 'OPEN', reviewedByUserId: t.subs['village.admin'] });
      // Reviewed once: a second review is a CONFLICT and changes nothing.
      expect(codes(await t.gql('village.admin', REVIEW, { input: { orderId: order.id, publish: false, note: '重复' } }))).toEqual(['CONFLICT']);

      const claimed = await orderStep(t, 'volunteer.demo', 'claimOrder', { orderId: order.id });
      expect(claimed.data?.claimOrder.order.status).toBe('CLAIMED');
      const done = await orderStep(t, 'volunteer.demo', 'completeOrder', { orderId: order.id, note: '已更换水龙头' });
      expect(done.data?.completeOrder.order.status).toBe('COMPLETED');
      const confirmed = await orderStep(t, 'resident.demo', 'confirmOrder', { orderId: order.id });
      expect(confirmed.data?.confirmOrder.order.status).toBe('CONFIRMED');
      const events = await t.sql<{ subject: string }>(`select subject from outbox_event where envelope->'data'->>'orderId' = ? order by occurred_at`, [order.id]);
      expect(events.map((e) => e.subject)).toEqual(['volunteers.order.requested', 'volunteers.order.published', 'volunteers.order.claimed', 'volunteers.order.completed', 'volunteers.order.confirmed']);
    });

    it('§8.6 the community declines a request only with a reason the resident reads; a declined request is never claimable', async () => {
      const order = (await request('resident.demo', '希望小区加装路灯')).data!.requestServiceOrder.order;
      const noReason = await t.gql('village.admin', REVIEW, { input: { orderId: order.id, publish: false } });
      expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
      const declined = await t.gql<{ reviewServiceOrder: { order: OrderView & { reviewNote: string } } }>('village.admin', REVIEW, {
        input: { orderId: order.id, publish: false, note: '路灯属城管部门，已转为事项上报' },
      });
      expect(declined.data!.reviewServiceOrder.order).toMatchObject({ status: 'REJECTED', reviewNote: '路灯属城管部门，已转为事项上报' });
      const seen = await t.ok<{ serviceOrder: { status: string; reviewNote: string } }>('resident.demo', `{ serviceOrder(id: "${order.id}") { status reviewNote } }`);
      expect(seen.serviceOrder).toEqual({ status: 'REJECTED', reviewNote: '路灯属城管部门，已转为事项上报' });
      expect(codes(await orderStep(t, 'volunteer.demo', 'claimOrder', { orderId: order.id }))).toEqual(['NOT_FOUND']);
    });

    it('§8.6 a resident acts only as their linked person: no link is FORBIDDEN; staff still publish through publishServiceOrder; a past deadline is BAD_USER_INPUT and writes nothing', async () => {
      const before = await t.sql<{ n: string }>('select count(*) as n from service_order');
      await t.sql('update known_person set user_id = null where person_id = ?', [residentPerson]);
      try {
        expect(codes(await request('resident.demo'))).toEqual(['FORBIDDEN']);
      } finally {
        await t.sql('update known_person set user_id = ? where person_id = ?', [t.subs['resident.demo'], residentPerson]);
      }
      expect(codes(await request('grid.worker'))).toEqual(['FORBIDDEN']);
      const past = await t.gql('resident.demo', REQUEST, { input: { kind: 'MICRO_WISH', title: '微心愿', deadline: inDays(-1) } });
      expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deadline' });
      const after = await t.sql<{ n: string }>('select count(*) as n from service_order');
      expect(after[0].n).toBe(before[0].n);
      // The request lies in the resident's own grid, whatever village they might name: the input has no area.
      const forged = await t.gql('resident.demo', `mutation { requestServiceOrder(input: { kind: NEED, title: "x", deadline: "${inDays(2)}", areaCode: "${OTHER_VILLAGE}" }) { order { id } } }`);
      expect(codes(forged)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(VILLAGE).toBe(GRID.slice(0, 12));
    });
  });
});
