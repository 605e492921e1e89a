import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryCounter } from '@lianxin/db';
import { createEnvelope, EventsService } from '@lianxin/events';
import { chinaMonth } from '../src/common/periods.js';
import { PartyMemberType } from '../src/common/party-member-type.js';
import { AwardService } from '../src/points/award.service.js';
import { LedgerService } from '../src/points/ledger.service.js';
import { PointAccountKind, PointSource } from '../src/points/points-enums.js';
import { RedemptionService } from '../src/points/redemption.service.js';
import { loadVolunteersConfig } from '../src/volunteers-config.js';
import { codes, GRID, knownPerson, OTHER_GRID, registerVolunteer, startVolunteersApp, VILLAGE, waitFor, type DemoUser, type VolunteersTestApp, type VolunteerView } from './harness.js';

/**
 * DOMAIN.md §5, dual points (双积分), numbered as the rules of the volunteers subgraph:
 *   5.5.1 double-entry, append-only ledger   5.5.2 rules per account kind and member type
 *   5.5.3 verified case reports pay the reporter once (event consumed)   5.5.4 manual awards need a second admin
 *   5.5.5 red-line veto by a reversing posting   5.5.6 in-service declarations: declare → collect → verify
 *   5.5.7 monthly leaderboard per village   5.5.8 quarterly redemption: balance and stock never below zero
 *   5.5.9 invariants: balances are the sums of their entries, the ledger sums to zero
 *   5.6 events published and consumed.
 */
describe('volunteers subgraph: dual points', () => {
  let t: VolunteersTestApp;
  let demo: VolunteerView;
  const residentPerson = randomUUID();

  const monthsAgo = (months: number, day = 15) => {
    const now = new Date();
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, day, 4));
  };
  const balanceOf = async (personId: string, kind = 'CIVIC') =>
    Number((await t.sql<{ balance: number }>(`select balance from point_account where person_id = ? and kind = ?`, [personId, kind]))[0]?.balance ?? 0);

  /** A manual award proposed by one admin and approved by another; returns the award id. */
  const manualAward = async (
    personId: string,
    points: number,
    options: { occurredAt?: Date; areaCode?: string; ruleCode?: string; proposer?: DemoUser; approver?: DemoUser } = {},
  ) => {
    await knownPerson(t, { personId, areaCode: options.areaCode ?? GRID });
    const proposed = await t.ok<{ proposeManualAward: { manualAward: { id: string } } }>(
      options.proposer ?? 'village.admin',
      `mutation ($input: ProposeManualAwardInput!) { proposeManualAward(input: $input) { manualAward { id } } }`,
      {
        input: {
          personId,
          ruleCode: options.ruleCode ?? 'CIVIC_MANUAL',
          points,
          reason: '垃圾分类示范户',
          occurredAt: (options.occurredAt ?? new Date()).toISOString(),
          areaCode: options.areaCode ?? GRID,
        },
      },
    );
    const id = proposed.proposeManualAward.manualAward.id;
    await t.ok(options.approver ?? 'jianshe.admin', `mutation ($input: ApproveManualAwardInput!) { approveManualAward(input: $input) { manualAward { id } } }`, {
      input: { manualAwardId: id },
    });
    return id;
  };

  const createItem = async (input: { name: string; pointsCost: number; stock: number; areaCode?: string }) =>
    (
      await t.ok<{ createRedemptionItem: { item: { id: string } } }>(
        'village.admin',
        `mutation ($input: CreateRedemptionItemInput!) { createRedemptionItem(input: $input) { item { id } } }`,
        { input: { kind: 'GOODS', areaCode: VILLAGE, ...input } },
      )
    ).createRedemptionItem.item.id;

  const redeem = (user: DemoUser, input: { itemId: string; personId: string; accountKind?: string; quantity?: number }) =>
    t.gql<{ redeem: { account: { balance: number }; item: { stock: number } } }>(
      user,
      `mutation ($input: RedeemInput!) { redeem(input: $input) { redemption { points } account { balance } item { stock } } }`,
      { input: { accountKind: 'CIVIC', ...input } },
    );

  beforeAll(async () => {
    t = await startVolunteersApp('volunteer_points', { DATABASE_COUNT_QUERIES: 'true' });
    demo = await registerVolunteer(t, 'village.admin', { userId: t.subs['volunteer.demo'], kinds: ['PARTY_MEMBER'], partyMemberType: 'IN_SERVICE' });
    await knownPerson(t, { personId: residentPerson, areaCode: GRID });
    await t.ok('village.admin', `mutation ($input: OpenPointAccountInput!) { openPointAccount(input: $input) { account { id } } }`, {
      input: { personId: residentPerson, accountKind: 'CIVIC', areaCode: GRID, holderUserId: t.subs['resident.demo'] },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('5.5.1 posts one debit and one credit of equal points; the database refuses edits, deletes and unbalanced postings', async () => {
    const person = randomUUID();
    await manualAward(person, 12);
    const [posting] = await t.sql<{ id: string }>(`select p.id from ledger_posting p join ledger_entry e on e.posting_id = p.id join point_account a on a.id = e.account_id where a.person_id = ?`, [person]);
    const entries = await t.sql<{ amount: number; kind: string }>(
      `select e.amount, a.kind from ledger_entry e join point_account a on a.id = e.account_id where e.posting_id = ? order by e.amount`,
      [posting.id],
    );
    expect(entries).toEqual([{ amount: -12, kind: 'AWARDS_ISSUED' }, { amount: 12, kind: 'CIVIC' }]);
    await expect(t.sql(`update ledger_entry set amount = 100 where posting_id = ?`, [posting.id])).rejects.toThrow(/append-only/);
    await expect(t.sql(`delete from ledger_entry where posting_id = ?`, [posting.id])).rejects.toThrow(/append-only/);
    await expect(t.sql(`update ledger_posting set memo = 'x' where id = ?`, [posting.id])).rejects.toThrow(/append-only/);
    await expect(t.sql(`truncate ledger_entry`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`update point_account set balance = -1 where person_id = ?`, [person])).rejects.toThrow(/point_account_balance_check/);
    // A posting whose entries do not balance fails at commit, leaving nothing behind.
    const orm = t.app.get(MikroORM);
    const [account] = await t.sql<{ id: string }>(`select id from point_account where person_id = ?`, [person]);
    const unbalanced = randomUUID();
    await expect(
      (orm.em.fork() as EntityManager).transactional(async (em) => {
        await em.execute(
          `insert into ledger_posting (id, idempotency_key, kind, source, memo, area_code, occurred_at, recorded_at, actor) values (?, ?, 'AWARD', 'MANUAL', 'x', ?, now(), now(), 'test')`,
          [unbalanced, `test:${unbalanced}`, GRID],
        );
        await em.execute(`insert into ledger_entry (id, posting_id, account_id, amount, created_at) values (?, ?, ?, 5, now())`, [randomUUID(), unbalanced, account.id]);
      }),
    ).rejects.toThrow(/does not balance/);
    expect(await t.sql(`select 1 from ledger_posting where id = ?`, [unbalanced])).toHaveLength(0);
  });

  it('5.5.2 awards by the rule for the source, the account kind and the party member type', async () => {
    const awards = t.app.get(AwardService);
    const orm = t.app.get(MikroORM);
    const award = (source: PointSource, kind: PointAccountKind.CIVIC | PointAccountKind.PARTY, memberType: PartyMemberType | null) =>
      (orm.em.fork() as EntityManager).transactional((em) =>
        awards.award(em, {
          personId: randomUUID(),
          accountKind: kind,
          areaCode: GRID,
          partyMemberType: memberType,
          source,
          idempotencyKey: `test:${randomUUID()}`,
          occurredAt: new Date(),
          actor: 'test',
          memo: 'rule test',
        }),
      );
    const points = async (...args: Parameters<typeof award>) => {
      const outcome = await award(...args);
      return [outcome?.ruleCode, outcome?.points];
    };
    expect(await points(PointSource.ORDER_COMPLETED, PointAccountKind.CIVIC, null)).toEqual(['CIVIC_ORDER', 8]);
    expect(await points(PointSource.ORDER_COMPLETED, PointAccountKind.PARTY, PartyMemberType.HOUSEHOLD_LINKING)).toEqual(['PARTY_ORDER_HOUSEHOLD_LINKING', 12]);
    expect(await points(PointSource.ORDER_COMPLETED, PointAccountKind.PARTY, PartyMemberType.PROBATIONARY)).toEqual(['PARTY_ORDER_PROBATIONARY', 8]);
    expect(await points(PointSource.ORDER_COMPLETED, PointAccountKind.PARTY, PartyMemberType.IN_SERVICE)).toEqual(['PARTY_ORDER', 10]);
    expect(await points(PointSource.ACTIVITY_ATTENDED, PointAccountKind.PARTY, PartyMemberType.WITHOUT_POST)).toEqual(['PARTY_ACTIVITY_WITHOUT_POST', 6]);
    expect(await points(PointSource.ACTIVITY_ATTENDED, PointAccountKind.PARTY, PartyMemberType.MOBILE)).toEqual(['PARTY_ACTIVITY_MOBILE', 8]);
    expect(await points(PointSource.ACTIVITY_ATTENDED, PointAccountKind.CIVIC, null)).toEqual(['CIVIC_ACTIVITY', 5]);
    const rules = await t.ok<{ pointRules: Array<{ code: string; partyMemberType: string | null }> }>('resident.demo', '{ pointRules { code partyMemberType } }');
    expect(rules.pointRules.find((rule) => rule.code === 'PARTY_DECLARATION_IN_SERVICE')?.partyMemberType).toBe('IN_SERVICE');
  });

  describe('5.5.3 a verified case pays its reporter civic points once', () => {
    const verified = (caseId: string, reporterPersonId: string | null, gridCode = GRID) =>
      createEnvelope({
        type: 'cases.case.verified',
        areaCode: gridCode,
        actor: t.subs['grid.worker'],
        data: { caseId, number: 'NH-1', gridCode, category: 'ENVIRONMENT', class: 'SIMPLE', source: 'RESIDENT', status: 'VERIFIED', level: 'GRID', reporterPersonId, actor: t.subs['grid.worker'] },
      });
    /** Publishes on the private NATS (no Nats-Msg-Id, so JetStream stores every copy), once the consumer made the stream. */
    const publish = async (envelope: ReturnType<typeof verified>) => {
      const nc = await t.app.get(EventsService).nats.connection();
      await waitFor(
        () => nc.request('cases.case.verified', JSON.stringify(envelope), { timeout: 1_000 }).then(() => true, () => false),
        (published) => published,
      );
    };
    const postingsFor = (caseId: string) =>
      t.sql<{ amount: number; kind: string; area_code: string; rule_code: string }>(
        `select e.amount, a.kind, a.area_code, p.rule_code from ledger_posting p join ledger_entry e on e.posting_id = p.id join point_account a on a.id = e.account_id
         where p.idempotency_key = ? and a.person_id is not null`,
        [`case-verified:${caseId}`],
      );

    it('however often the event is delivered, and when it is replayed under a new envelope id', async () => {
      const reporter = randomUUID();
      const caseId = randomUUID();
      const event = verified(caseId, reporter);
      await publish(event);
      await publish(event);
      await publish({ ...verified(caseId, reporter), id: randomUUID() });
      const anonymous = randomUUID();
      await publish(verified(anonymous, null));
      await publish({ ...verified(randomUUID(), reporter), data: { caseId: 'x' } as never });
      const sentinel = randomUUID();
      await publish(verified(sentinel, randomUUID(), OTHER_GRID));
      await waitFor(() => postingsFor(sentinel), (rows) => rows.length === 1);
      expect(await postingsFor(caseId)).toEqual([{ amount: 3, kind: 'CIVIC', area_code: GRID, rule_code: 'CIVIC_CASE_REPORT' }]);
      expect(await balanceOf(reporter)).toBe(3);
      expect(await postingsFor(anonymous)).toEqual([]);
      const processed = await t.sql<{ n: string }>(`select count(*) as n from processed_event where consumer = 'volunteers-case-verified'`);
      // The malformed one (no gridCode) does not match the declared shape: dead-lettered, not processed (issue 14).
      expect(Number(processed[0].n)).toBe(4);
      const awarded = await t.sql(`select 1 from outbox_event where subject = 'volunteers.points.awarded' and envelope->'data'->>'idempotencyKey' = ?`, [`case-verified:${caseId}`]);
      expect(awarded).toHaveLength(1);
    });
  });

  it('5.5.4 a manual award needs a second admin; its points stay within the rule', async () => {
    const person = await knownPerson(t, { areaCode: GRID });
    const propose = (user: DemoUser, input: Record<string, unknown>) =>
      t.gql<{ proposeManualAward: { manualAward: { id: string; status: string } } }>(
        user,
        `mutation ($input: ProposeManualAwardInput!) { proposeManualAward(input: $input) { manualAward { id status } } }`,
        { input: { personId: person, ruleCode: 'CIVIC_MANUAL', points: 15, reason: '拾金不昧', occurredAt: new Date().toISOString(), areaCode: GRID, ...input } },
      );
    const approve = (user: DemoUser, id: string) =>
      t.gql(user, `mutation ($input: ApproveManualAwardInput!) { approveManualAward(input: $input) { manualAward { status postingId } } }`, { input: { manualAwardId: id } });
    const before = Number((await t.sql<{ n: string }>(`select count(*) as n from manual_award`))[0].n);
    for (const [input, field] of [
      [{ points: 21 }, 'points'],
      [{ ruleCode: 'NO_SUCH_RULE' }, 'ruleCode'],
      [{ ruleCode: 'CIVIC_MEDIATION', points: 7 }, 'points'],
      [{ ruleCode: 'PARTY_DECLARATION_IN_SERVICE' }, 'ruleCode'],
      [{ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }, 'occurredAt'],
    ] as Array<[Record<string, unknown>, string]>) {
      expect((await propose('village.admin', input)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(Number((await t.sql<{ n: string }>(`select count(*) as n from manual_award`))[0].n)).toBe(before);
    expect(codes(await propose('grid.worker2', {}))).toEqual(['FORBIDDEN']);

    const own = (await propose('village.admin', {})).data!.proposeManualAward.manualAward;
    expect(own.status).toBe('PROPOSED');
    expect(codes(await approve('village.admin', own.id))).toEqual(['FORBIDDEN']);
    expect(codes(await approve('grid.leader', own.id))).toEqual(['FORBIDDEN']);
    expect(codes(await approve('village2.admin', own.id))).toEqual(['NOT_FOUND']);
    expect(await balanceOf(person)).toBe(0);
    expect(codes(await approve('jianshe.admin', own.id))).toEqual([]);
    expect(codes(await approve('county.admin', own.id))).toEqual(['CONFLICT']);
    expect(await balanceOf(person)).toBe(15);

    const mediation = (await propose('grid.leader', { ruleCode: 'CIVIC_MEDIATION', points: undefined })).data!.proposeManualAward.manualAward;
    await t.ok('village.admin', `mutation ($input: RejectManualAwardInput!) { rejectManualAward(input: $input) { manualAward { status } } }`, {
      input: { manualAwardId: mediation.id, reason: '重复申报' },
    });
    expect(codes(await approve('jianshe.admin', mediation.id))).toEqual(['CONFLICT']);
    expect(await balanceOf(person)).toBe(15);
  });

  it('5.5.5 a red-line veto voids the period\'s points by a reversing posting, never by deleting', async () => {
    const person = randomUUID();
    const month = monthsAgo(1);
    await manualAward(person, 15, { occurredAt: month });
    await manualAward(person, 10, { occurredAt: month });
    await manualAward(person, 5);
    const item = await createItem({ name: '洗衣液', pointsCost: 20, stock: 10 });
    expect(codes(await redeem('village.admin', { itemId: item, personId: person }))).toEqual([]);
    expect(await balanceOf(person)).toBe(10);
    const entriesBefore = Number((await t.sql<{ n: string }>(`select count(*) as n from ledger_entry`))[0].n);

    const veto = `mutation ($input: VetoPointsInput!) { vetoPoints(input: $input) { veto { period pointsVoided postingId } account { balance } } }`;
    const input = { personId: person, accountKind: 'CIVIC', period: chinaMonth(month), reason: '违规搭建' };
    expect(codes(await t.gql('grid.leader', veto, { input }))).toEqual(['FORBIDDEN']);
    expect((await t.gql('village.admin', veto, { input: { ...input, period: '2026-13' } })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
    const done = await t.ok<{ vetoPoints: { veto: { pointsVoided: number; postingId: string }; account: { balance: number } } }>('village.admin', veto, { input });
    // 25 were awarded that month, 20 already redeemed: what is left of them (10) is voided.
    expect(done.vetoPoints.veto.pointsVoided).toBe(10);
    expect(done.vetoPoints.account.balance).toBe(0);
    expect(Number((await t.sql<{ n: string }>(`select count(*) as n from ledger_entry`))[0].n)).toBe(entriesBefore + 2);
    const reversal = await t.sql<{ kind: string; source: string }>(`select kind, source from ledger_posting where id = ?`, [done.vetoPoints.veto.postingId]);
    expect(reversal).toEqual([{ kind: 'VOID', source: 'RED_LINE_VETO' }]);
    const quarter = `${chinaMonth(month).slice(0, 4)}-Q${Math.floor((Number(chinaMonth(month).slice(5, 7)) - 1) / 3) + 1}`;
    expect(codes(await t.gql('jianshe.admin', veto, { input: { ...input, period: quarter } }))).toEqual(['CONFLICT']);
    const voided = await t.sql(`select 1 from outbox_event where subject = 'volunteers.points.voided' and envelope->'data'->>'personId' = ?`, [person]);
    expect(voided).toHaveLength(1);
    const board = await t.ok<{ leaderboard: { entries: Array<{ person: { id: string } }> } }>('village.admin', `{ leaderboard(villageCode: "${VILLAGE}", month: "${chinaMonth(month)}") { entries { person { id } } } }`);
    expect(board.leaderboard.entries.map((entry) => entry.person.id)).not.toContain(person);
  });

  it('5.5.6 an in-service member declares, the convener collects, the community verifies and the points are awarded', async () => {
    const declare = (input: Record<string, unknown>) =>
      t.gql<{ declarePoints: { declaration: { id: string; status: string } } }>('volunteer.demo', `mutation ($input: DeclarePointsInput!) { declarePoints(input: $input) { declaration { id status } } }`, {
        input: { month: chinaMonth(new Date()), points: 15, description: '到社区参加周末清洁', ...input },
      });
    const step = (user: DemoUser, mutation: 'collectDeclaration' | 'verifyDeclaration', id: string) =>
      t.gql(user, `mutation ($input: DeclarationStepInput!) { ${mutation}(input: $input) { declaration { status postingId } } }`, { input: { declarationId: id } });
    expect((await declare({ points: 21 })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'points' });
    expect((await declare({ month: '2999-01' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    const declared = (await declare({})).data!.declarePoints.declaration;
    expect(declared.status).toBe('DECLARED');
    expect(codes(await declare({}))).toEqual(['CONFLICT']);
    expect(codes(await step('village.admin', 'verifyDeclaration', declared.id))).toEqual(['CONFLICT']);
    expect(codes(await step('grid.worker', 'collectDeclaration', declared.id))).toEqual(['FORBIDDEN']);
    expect(codes(await step('grid.leader', 'collectDeclaration', declared.id))).toEqual([]);
    expect(codes(await step('grid.leader', 'verifyDeclaration', declared.id))).toEqual(['FORBIDDEN']);
    const before = await balanceOf(demo.personId, 'PARTY');
    expect(codes(await step('village.admin', 'verifyDeclaration', declared.id))).toEqual([]);
    expect(await balanceOf(demo.personId, 'PARTY')).toBe(before + 15);
    const mine = await t.ok<{ pointDeclarations: { edges: Array<{ node: { status: string } }> } }>('volunteer.demo', '{ pointDeclarations { edges { node { status } } } }');
    expect(mine.pointDeclarations.edges.map((edge) => edge.node.status)).toEqual(['VERIFIED']);
    // Only in-service members declare.
    const other = await t.gql('resident.demo', `mutation ($input: DeclarePointsInput!) { declarePoints(input: $input) { declaration { id } } }`, {
      input: { month: chinaMonth(new Date()), points: 5, description: 'x' },
    });
    expect(codes(other)).toEqual(['FORBIDDEN']);
  });

  it('5.5.7 publishes a monthly leaderboard per village, to its own people and those above it', async () => {
    const month = monthsAgo(2);
    const [a, b, c, d, outsider] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await manualAward(a, 20, { occurredAt: month });
    await manualAward(b, 15, { occurredAt: month });
    await manualAward(c, 15, { occurredAt: month });
    await manualAward(d, 5, { occurredAt: month });
    await manualAward(d, 20, { occurredAt: monthsAgo(3) });
    await manualAward(outsider, 20, { occurredAt: month, areaCode: OTHER_GRID, proposer: 'village2.admin' });
    const query = `{ leaderboard(villageCode: "${VILLAGE}", month: "${chinaMonth(month)}") { month accountKind entries { rank points balance person { id } } } }`;
    const board = await t.ok<{ leaderboard: { accountKind: string; entries: Array<{ rank: number; points: number; balance: number; person: { id: string } }> } }>('resident.demo', query);
    expect(board.leaderboard.accountKind).toBe('CIVIC');
    expect(board.leaderboard.entries.map((entry) => [entry.rank, entry.person.id, entry.points])).toEqual([
      [1, a, 20],
      ...[b, c].sort().map((id) => [2, id, 15]),
      [4, d, 5],
    ]);
    expect(board.leaderboard.entries.at(-1)?.balance).toBe(25);
    const top = await t.ok<{ leaderboard: { entries: unknown[] } }>('grid.leader', `{ leaderboard(villageCode: "${VILLAGE}", month: "${chinaMonth(month)}", top: 2) { entries { rank } } }`);
    expect(top.leaderboard.entries).toHaveLength(2);
    for (const user of ['county.admin', 'county.auditor', 'jianshe.admin', 'volunteer.demo'] as DemoUser[]) expect(codes(await t.gql(user, query))).toEqual([]);
    for (const user of ['village2.admin', 'grid.worker2', 'civil.staff', 'xinjia.admin'] as DemoUser[]) expect(codes(await t.gql(user, query))).toEqual(['FORBIDDEN']);
    expect((await t.gql('village.admin', `{ leaderboard(villageCode: "${VILLAGE}", month: "2026-7") { month } }`)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'month',
    });
  });

  describe('5.5.8 quarterly redemption', () => {
    it('never overdraws: of 10 concurrent redemptions against a balance for 3, exactly 3 succeed', async () => {
      await manualAward(residentPerson, 20);
      await manualAward(residentPerson, 10);
      expect(await balanceOf(residentPerson)).toBe(30);
      const item = await createItem({ name: '大米 5 斤', pointsCost: 10, stock: 100 });
      const responses = await Promise.all(Array.from({ length: 10 }, () => redeem('resident.demo', { itemId: item, personId: residentPerson })));
      expect(responses.filter((response) => !response.errors)).toHaveLength(3);
      expect(responses.flatMap(codes)).toEqual(Array(7).fill('CONFLICT'));
      expect(await balanceOf(residentPerson)).toBe(0);
      expect((await t.sql<{ stock: number }>(`select stock from redemption_item where id = ?`, [item]))[0].stock).toBe(97);
      expect(await t.sql(`select 1 from outbox_event where subject = 'volunteers.points.redeemed' and envelope->'data'->>'personId' = ?`, [residentPerson])).toHaveLength(3);
    });

    it('never takes stock below zero under concurrent redemptions', async () => {
      const persons = Array.from({ length: 5 }, () => randomUUID());
      for (const person of persons) await manualAward(person, 5);
      const item = await createItem({ name: '优先就诊', pointsCost: 1, stock: 2 });
      const responses = await Promise.all(persons.map((person) => redeem('village.admin', { itemId: item, personId: person })));
      expect(responses.filter((response) => !response.errors)).toHaveLength(2);
      expect(responses.flatMap(codes)).toEqual(Array(3).fill('CONFLICT'));
      expect((await t.sql<{ stock: number }>(`select stock from redemption_item where id = ?`, [item]))[0].stock).toBe(0);
    });

    it('redeems on redemption days only, from the holder or an admin, for items offered in the account\'s area', async () => {
      const person = randomUUID();
      await manualAward(person, 20);
      const item = await createItem({ name: '毛巾', pointsCost: 5, stock: 10 });
      const elsewhere = (
        await t.ok<{ createRedemptionItem: { item: { id: string } } }>('village2.admin', `mutation ($input: CreateRedemptionItemInput!) { createRedemptionItem(input: $input) { item { id } } }`, {
          input: { name: '肥皂', kind: 'GOODS', areaCode: '330402001002', pointsCost: 1, stock: 5 },
        })
      ).createRedemptionItem.item.id;
      expect((await redeem('village.admin', { itemId: elsewhere, personId: person })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'itemId' });
      // §8.7: a resident spends only their own points; naming anyone else is refused.
      expect(codes(await redeem('resident.demo', { itemId: item, personId: person }))).toEqual(['FORBIDDEN']);
      expect(codes(await redeem('grid.worker', { itemId: item, personId: person }))).toEqual(['FORBIDDEN']);
      expect((await redeem('village.admin', { itemId: item, personId: person, quantity: 0 })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
      expect(await balanceOf(person)).toBe(20);
      // The default calendar: the last seven days of each quarter.
      const calendar = new RedemptionService(t.app.get(MikroORM).em.fork() as EntityManager, t.app.get(LedgerService), loadVolunteersConfig({}));
      const admin = { sub: t.subs['village.admin'], username: 'village.admin', roles: ['village-admin' as const], areaCode: VILLAGE };
      await expect(calendar.redeem(admin, { itemId: item, personId: person, accountKind: PointAccountKind.CIVIC }, new Date('2026-08-15T02:00:00Z'))).rejects.toMatchObject({
        extensions: { code: 'CONFLICT' },
      });
      expect(calendar.window(new Date('2026-09-28T02:00:00Z'))).toEqual({ open: true, firstDay: '2026-09-24', lastDay: '2026-09-30' });
      const window = await t.ok<{ redemptionWindow: { open: boolean } }>('resident.demo', '{ redemptionWindow { open firstDay lastDay } }');
      expect(window.redemptionWindow.open).toBe(true);
      const catalogue = await t.ok<{ redemptionItems: { edges: Array<{ node: { id: string } }> } }>('resident.demo', '{ redemptionItems(first: 100) { edges { node { id } } } }');
      expect(catalogue.redemptionItems.edges.map((edge) => edge.node.id)).toContain(item);
      expect(catalogue.redemptionItems.edges.map((edge) => edge.node.id)).not.toContain(elsewhere);
    });
  });

  it('contributes a nullable Person.points: the holder\'s own balances, staff in scope, nobody else; one query per request', async () => {
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id points { civic party } } } }`;
    const representations = [{ __typename: 'Person', id: residentPerson }, { __typename: 'Person', id: demo.personId }, { __typename: 'Person', id: randomUUID() }];
    const own = await t.ok<{ _entities: Array<{ points: { civic: number | null; party: number | null } | null }> }>('resident.demo', query, { representations });
    expect(own._entities.map((person) => person.points)).toEqual([{ civic: 0, party: null }, null, null]);
    queryCounter.reset();
    const staff = await t.ok<{ _entities: Array<{ points: { civic: number | null; party: number | null } | null }> }>('village.admin', query, { representations });
    expect(staff._entities[1].points?.party).toBeGreaterThan(0);
    expect(queryCounter.matching('point_account')).toHaveLength(1);
    const outside = await t.ok<{ _entities: Array<{ points: unknown }> }>('village2.admin', query, { representations });
    expect(outside._entities.map((person) => person.points)).toEqual([null, null, null]);
    const statement = await t.ok<{ myPointAccounts: Array<{ kind: string; balance: number; entries: { totalCount: number; edges: Array<{ node: { amount: number; posting: { source: string } } }> } }> }>(
      'resident.demo',
      '{ myPointAccounts { kind balance entries(first: 2) { totalCount edges { node { amount posting { source } } } } } }',
    );
    expect(statement.myPointAccounts[0].entries.totalCount).toBe(5);
    expect(statement.myPointAccounts[0].entries.edges.map((edge) => edge.node.posting.source)).toEqual(['REDEMPTION', 'REDEMPTION']);
  });

  it('5.5.9 every balance is the sum of its entries, every posting balances and the whole ledger sums to zero', async () => {
    const mismatched = await t.sql(
      `select a.id from point_account a left join ledger_entry e on e.account_id = a.id group by a.id, a.balance having a.balance <> coalesce(sum(e.amount), 0)`,
    );
    expect(mismatched).toEqual([]);
    const unbalanced = await t.sql(`select posting_id from ledger_entry group by posting_id having sum(amount) <> 0 or count(*) <> 2`);
    expect(unbalanced).toEqual([]);
    const [total] = await t.sql<{ entries: string; sum: string; balances: string }>(
      `select (select count(*) from ledger_entry) as entries, (select coalesce(sum(amount), 0) from ledger_entry) as sum, (select coalesce(sum(balance), 0) from point_account) as balances`,
    );
    expect(Number(total.entries)).toBeGreaterThan(40);
    expect([Number(total.sum), Number(total.balances)]).toEqual([0, 0]);
    expect(await t.sql(`select 1 from point_account where person_id is not null and balance < 0`)).toEqual([]);
  });

  it('5.6 publishes every event it recorded (volunteers.points.awarded|voided|redeemed …) through the outbox', async () => {
    await waitFor(
      async () => Number((await t.sql<{ n: string }>(`select count(*) as n from outbox_event where published_at is null`))[0].n),
      (pending) => pending === 0,
    );
    const subjects = (await t.sql<{ subject: string }>(`select distinct subject from outbox_event order by subject`)).map((row) => row.subject);
    expect(subjects).toEqual(expect.arrayContaining(['volunteers.points.awarded', 'volunteers.points.redeemed', 'volunteers.points.voided']));
  });
});
