import { randomUUID } from 'node:crypto';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { applyCountySettingsEvent, createEnvelope, CountySettingsEvents, localDayOf } from '@lianxin/events';
import { chinaMonth } from '../src/common/periods.js';
import { AwardService } from '../src/points/award.service.js';
import { PointAccountKind, PointSource } from '../src/points/points-enums.js';
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

  describe('issue 15 red-line veto holds (一票否决)', () => {
    const monthsAgo = (months: number, day = 15) => {
      const now = new Date();
      return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, day, 4));
    };
    const award = (personId: string, points: number, occurredAt: Date, idempotencyKey = `test:${randomUUID()}`, source = PointSource.MANUAL) =>
      (t.app.get(MikroORM).em.fork() as EntityManager).transactional((em) =>
        t.app.get(AwardService).award(em, {
          personId,
          accountKind: PointAccountKind.CIVIC,
          areaCode: GRID,
          source,
          ...(source === PointSource.MANUAL ? { ruleCode: 'CIVIC_MANUAL', points } : {}),
          idempotencyKey,
          occurredAt,
          actor: 'test',
          memo: 'veto test',
        }),
      );
    const balanceOf = async (personId: string) => Number((await t.sql<{ balance: number }>(`select balance from point_account where person_id = ? and kind = 'CIVIC'`, [personId]))[0]?.balance ?? 0);
    const VETO = `mutation ($input: VetoPointsInput!) { vetoPoints(input: $input) { veto { id period pointsVoided pointsOutstanding } account { balance } } }`;
    const vetoOf = async (id: string) => (await t.sql<{ points_voided: number; points_outstanding: number }>('select points_voided, points_outstanding from point_veto where id = ?', [id]))[0];
    const ledgerHolds = async () => {
      const [sum] = await t.sql<{ total: string | null }>('select sum(amount) as total from ledger_entry');
      expect(Number(sum.total ?? 0)).toBe(0);
      const [negative] = await t.sql<{ n: string }>(`select count(*) as n from point_account where balance < 0 and kind in ('CIVIC', 'PARTY')`);
      expect(Number(negative.n)).toBe(0);
      const [mismatch] = await t.sql<{ n: string }>(
        'select count(*) as n from point_account a where a.balance <> coalesce((select sum(e.amount) from ledger_entry e where e.account_id = a.id), 0)',
      );
      expect(Number(mismatch.n)).toBe(0);
    };

    it('issue 15 the veto holds for every later posting dated in the vetoed period: a declaration verified after the veto, a replayed case event; other periods pay', async () => {
      const person = await knownPerson(t, { areaCode: GRID });
      const month = monthsAgo(1);
      await award(person, 10, month);
      const vetoed = await t.ok<{ vetoPoints: { veto: { id: string; pointsVoided: number; pointsOutstanding: number }; account: { balance: number } } }>('village.admin', VETO, {
        input: { personId: person, accountKind: 'CIVIC', period: chinaMonth(month), reason: '违法乱纪' },
      });
      expect(vetoed.vetoPoints.veto).toMatchObject({ pointsVoided: 10, pointsOutstanding: 0 });
      expect(vetoed.vetoPoints.account.balance).toBe(0);

      // A declaration of that month verified now (its award is dated in the month): posted and reversed at once.
      const late = await award(person, 8, month);
      expect(late).toMatchObject({ points: 8, voided: 8, balance: 0 });
      // A case event of that month replayed: the first delivery is reversed, the replay pays nothing twice.
      const key = `case-verified:${randomUUID()}`;
      expect(await award(person, 0, month, key, PointSource.CASE_REPORTED_CONFIRMED)).toMatchObject({ points: 3, voided: 3 });
      expect(await award(person, 0, month, key, PointSource.CASE_REPORTED_CONFIRMED)).toBeNull();
      // This month is not vetoed: it pays.
      expect(await award(person, 5, new Date())).toMatchObject({ points: 5, voided: 0, balance: 5 });
      expect(await balanceOf(person)).toBe(5);
      expect(await vetoOf(vetoed.vetoPoints.veto.id)).toEqual({ points_voided: 21, points_outstanding: 0 });
      const reversals = await t.sql<{ kind: string; source: string }>(
        `select p.kind, p.source from ledger_posting p join ledger_entry e on e.posting_id = p.id join point_account a on a.id = e.account_id where a.person_id = ? and p.kind = 'VOID'`,
        [person],
      );
      expect(reversals).toHaveLength(3);
      expect(reversals.every((r) => r.source === 'RED_LINE_VETO')).toBe(true);
      await ledgerHolds();
    });

    it('issue 15 points of the period redeemed before the veto are taken back from later awards by reversing entries, never a negative balance', async () => {
      const person = await knownPerson(t, { areaCode: GRID });
      const month = monthsAgo(2);
      await award(person, 20, month);
      await award(person, 5, month);
      // 20 of the 25 are redeemed before the veto (goods handed out).
      const item = (
        await t.ok<{ createRedemptionItem: { item: { id: string } } }>('village.admin', `mutation ($input: CreateRedemptionItemInput!) { createRedemptionItem(input: $input) { item { id } } }`, {
          input: { kind: 'GOODS', areaCode: VILLAGE, name: '大米', pointsCost: 20, stock: 5 },
        })
      ).createRedemptionItem.item.id;
      expect(codes(await t.gql('village.admin', `mutation ($input: RedeemInput!) { redeem(input: $input) { account { balance } } }`, { input: { itemId: item, personId: person, accountKind: 'CIVIC' } }))).toEqual([]);
      expect(await balanceOf(person)).toBe(5);
      const vetoed = await t.ok<{ vetoPoints: { veto: { id: string; pointsVoided: number; pointsOutstanding: number } } }>('village.admin', VETO, {
        input: { personId: person, accountKind: 'CIVIC', period: chinaMonth(month), reason: '违反社会公德' },
      });
      expect(vetoed.vetoPoints.veto).toMatchObject({ pointsVoided: 5, pointsOutstanding: 20 });
      // Later awards (another period) pay the 20 back first: 12 → all taken; 15 → 8 taken, 7 kept.
      expect(await award(person, 12, new Date())).toMatchObject({ voided: 12, balance: 0 });
      expect(await award(person, 15, new Date())).toMatchObject({ voided: 8, balance: 7 });
      expect(await vetoOf(vetoed.vetoPoints.veto.id)).toEqual({ points_voided: 25, points_outstanding: 0 });
      expect(await award(person, 4, new Date())).toMatchObject({ voided: 0, balance: 11 });
      await ledgerHolds();
    });
  });

  describe('issue 15 per-county point rules (county setting POINT_RULES)', () => {
    it('issue 15 a county changes a rule\'s points from a day on; an act keeps the rule in force on its own day; 0 turns the rule off', async () => {
      const person = await knownPerson(t, { areaCode: GRID });
      const apply = (key: string, value: unknown, effectiveFrom: string, version: number) =>
        (t.app.get(MikroORM).em.fork() as EntityManager).transactional((em) =>
          applyCountySettingsEvent(
            createEnvelope({ type: CountySettingsEvents.SETTING_CHANGED, areaCode: '330402', actor: 'test', data: { changeId: randomUUID(), countyCode: '330402', key, value, effectiveFrom, version } }),
            em,
          ),
        );
      const awardOn = (at: Date) =>
        (t.app.get(MikroORM).em.fork() as EntityManager).transactional((em) =>
          t.app.get(AwardService).award(em, {
            personId: person,
            accountKind: PointAccountKind.CIVIC,
            areaCode: GRID,
            source: PointSource.ORDER_COMPLETED,
            idempotencyKey: `test:${randomUUID()}`,
            occurredAt: at,
            actor: 'test',
            memo: 'county rule',
          }),
        );
      const yesterday = new Date(Date.now() - 86_400_000);
      expect((await awardOn(yesterday))?.points).toBe(8);
      await apply('POINT_RULES', { points: { CIVIC_ORDER: 12 } }, localDayOf(new Date()), 1);
      expect((await awardOn(new Date()))?.points).toBe(12);
      expect((await awardOn(yesterday))?.points).toBe(8);
      // A neighbouring county's setting changes nothing here.
      await (t.app.get(MikroORM).em.fork() as EntityManager).transactional((em) =>
        applyCountySettingsEvent(
          createEnvelope({ type: CountySettingsEvents.SETTING_CHANGED, areaCode: '330411', actor: 'test', data: { changeId: randomUUID(), countyCode: '330411', key: 'POINT_RULES', value: { points: { CIVIC_ORDER: 0 } }, effectiveFrom: localDayOf(new Date()), version: 1 } }),
          em,
        ),
      );
      expect((await awardOn(new Date()))?.points).toBe(12);
      await apply('POINT_RULES', { points: { CIVIC_ORDER: 0 } }, localDayOf(new Date()), 2);
      expect(await awardOn(new Date())).toBeNull();
    });
  });
});
