import { buildIdNumber, checkIdNumber } from '../../services/people/src/personal-data/id-number.js';
import type { Sex as PeopleSex } from '../../services/people/src/person/person-enums.js';
import { buildPlan, childCode, gridOfPerson, levelOf } from './area-plan.ts';
import { birthDateFor, IdNumberAllocator } from './id-numbers.ts';
import { PopulationGenerator } from './population.ts';
import { apportion, randomStream, scaleUuid, WeightedTable } from './prng.ts';
import { applyCaseEvent } from '../../services/assessments/src/projection/case-activity.js';
import { CaseEventTypes } from '../../services/assessments/src/events/consumed-events.js';
import { isDecided, SHEET_RULES, STEP_ORDER } from '../../services/assessments/src/star-rating/rating-procedure.js';
import { combineSheets, scoreStars } from '../../services/assessments/src/star-rating/star-scoring.js';
import { yearlyOutcome } from '../../services/assessments/src/star-rating/yearly-outcome.js';
import { quarterEndWindow } from '../../services/volunteers/src/common/periods.js';
import { assertBalanced } from '../../services/volunteers/src/points/ledger.service.js';
import { SKILLS_BY_KIND } from '../../services/volunteers/src/demo/volunteer-skills.js';
import { GridProjection, type HistoryRow } from './case-projection.ts';
import { pickRule, PointsBook, type PointRule } from './points-book.ts';
import { KeyedRuns } from './row-stream.ts';
import { rateMember, ratedYears, type StarRules } from './star-ratings.ts';
import { generateVillage } from './volunteer-village.ts';

const build = (region: string, birthDate: string, sequence: number, sex: 'MALE' | 'FEMALE') => buildIdNumber(region, birthDate, sequence, sex as PeopleSex);

describe('seeded randomness', () => {
  it('gives the same sequence for the same seed and label, and another for another seed or label', () => {
    const draw = (seed: number, label: string) => {
      const random = randomStream(seed, label);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(1, 'cases')).toEqual(draw(1, 'cases'));
    expect(draw(1, 'cases')).not.toEqual(draw(2, 'cases'));
    expect(draw(1, 'cases')).not.toEqual(draw(1, 'people'));
    expect(draw(1, 'cases').every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('draws integers inside the bounds and weighted values in proportion', () => {
    const random = randomStream(3, 'weights');
    const ints = Array.from({ length: 2000 }, () => random.int(2, 4));
    expect(new Set(ints)).toEqual(new Set([2, 3, 4]));
    const table = new WeightedTable([1, 3], ['rare', 'common']);
    const common = Array.from({ length: 4000 }, () => table.draw(random)).filter((value) => value === 'common').length;
    expect(common / 4000).toBeGreaterThan(0.7);
    expect(common / 4000).toBeLessThan(0.8);
  });

  it('apportions a total exactly, in proportion, with a minimum per part', () => {
    const parts = apportion(1000, [1, 2, 3, 4], 10);
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(1000);
    expect(parts).toEqual([106, 202, 298, 394]);
  });

  it('makes UUIDs that are a pure function of seed, kind and index, distinct per index and kind', () => {
    expect(scaleUuid(1, 'person', 42)).toBe(scaleUuid(1, 'person', 42));
    expect(scaleUuid(1, 'person', 42)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ids = new Set<string>();
    for (let n = 0; n < 20_000; n += 1) {
      ids.add(scaleUuid(1, 'person', n));
      ids.add(scaleUuid(1, 'household', n));
    }
    expect(ids.size).toBe(40_000);
    expect(scaleUuid(2, 'person', 42)).not.toBe(scaleUuid(1, 'person', 42));
  });
});

describe('resident ID numbers', () => {
  it('uses the GB 11643 check character (the standard example 11010519491231002X)', () => {
    expect(build('110105', '1949-12-31', 2, 'FEMALE')).toBe('11010519491231002X');
  });

  it('hands out distinct numbers that the people service accepts, with the birth date and sex inside', () => {
    const allocator = new IdNumberAllocator(build);
    const numbers = new Set<string>();
    // 500 people of each sex born on the same day in the same county: every 3-digit sequence of that day.
    for (let i = 0; i < 1000; i += 1) {
      const sex = i % 2 === 0 ? 'MALE' : 'FEMALE';
      const idNumber = allocator.next('330402', '1990-05-17', sex);
      expect(checkIdNumber(idNumber, '1990-05-17')).toMatchObject({ valid: true, birthDate: '1990-05-17', sex, regionCode: '330402' });
      numbers.add(idNumber);
    }
    expect(numbers.size).toBe(1000);
  });

  it('refuses a 501st person of one sex born on one day in one county rather than repeat a number', () => {
    const allocator = new IdNumberAllocator(build);
    for (let i = 0; i < 500; i += 1) allocator.next('330402', '2001-01-01', 'MALE');
    expect(() => allocator.next('330402', '2001-01-01', 'MALE')).toThrow(/more than 500/);
    expect(() => allocator.next('330402', '2001-01-01', 'FEMALE')).not.toThrow();
  });

  it('puts the birth date where the person is exactly their age on the as-of day', () => {
    expect(birthDateFor('2026-11-23', 38, 0)).toBe('1988-11-23');
    expect(birthDateFor('2026-11-23', 38, 364)).toBe('1987-11-25');
  });
});

describe('area codes and the county plan', () => {
  it('builds child codes by the prefix rule and knows the level of a code by its length', () => {
    expect(childCode('330402', 1)).toBe('330402001');
    expect(childCode('330402001', 20)).toBe('330402001020');
    expect(childCode('330402001020', 10)).toBe('330402001020010');
    expect(() => childCode('330402', 1000)).toThrow();
    expect(levelOf('330402')).toBe('COUNTY');
    expect(levelOf('330402001')).toBe('TOWNSHIP');
    expect(levelOf('330402001001')).toBe('VILLAGE');
    expect(levelOf('330402001001001')).toBe('GRID');
    expect(() => levelOf('3304020')).toThrow();
  });

  it('lays out the county: 20 townships × 20 villages × 10 grids, demo areas first, every code under its parent', () => {
    const plan = buildPlan('county', 1);
    expect(plan.townships).toHaveLength(20);
    expect(plan.villages).toHaveLength(400);
    expect(plan.grids).toHaveLength(4000);
    expect(plan.townships.slice(0, 3).map((t) => `${t.code} ${t.name}`)).toEqual(['330402001 建设街道', '330402002 新嘉街道', '330402003 七星街道']);
    expect(plan.villages.slice(0, 3).map((v) => `${v.code} ${v.name}`)).toEqual(['330402001001 禾兴社区', '330402001002 紫阳社区', '330402001003 南溪社区']);
    expect(plan.villages.find((v) => v.code === '330402003001')?.name).toBe('东进村');
    expect(plan.grids[0].code).toBe('330402001001001');
    expect(plan.townships.every((t) => t.code.startsWith('330402') && t.code.length === 9)).toBe(true);
    expect(plan.villages.every((v) => v.code.startsWith(v.townshipCode) && v.code.length === 12)).toBe(true);
    expect(plan.grids.every((g) => g.code.startsWith(g.villageCode) && g.code.length === 15)).toBe(true);
    expect(new Set(plan.grids.map((g) => g.code)).size).toBe(4000);
    expect(new Set(plan.villages.map((v) => v.name)).size).toBe(400);
  });

  it('gives every grid households and people that add up to the county totals, numbered without gaps', () => {
    const plan = buildPlan('county', 1);
    expect(plan.grids.reduce((sum, g) => sum + g.households, 0)).toBe(300_000);
    expect(plan.grids.reduce((sum, g) => sum + g.persons, 0)).toBe(1_000_000);
    plan.grids.forEach((grid, i) => {
      expect(grid.persons).toBeGreaterThanOrEqual(grid.households);
      if (i > 0) expect(grid.personBase).toBe(plan.grids[i - 1].personBase + plan.grids[i - 1].persons);
    });
    expect(gridOfPerson(plan, 0).code).toBe('330402001001001');
    expect(gridOfPerson(plan, 999_999).code).toBe(plan.grids[3999].code);
  });

  it('is the same plan for the same seed; a township run is one township of 200 grids', () => {
    expect(buildPlan('county', 5)).toEqual(buildPlan('county', 5));
    const township = buildPlan('township', 5);
    expect(township.townships.map((t) => t.code)).toEqual(['330402001']);
    expect(township.grids).toHaveLength(200);
    expect(township.grids.reduce((sum, g) => sum + g.persons, 0)).toBe(50_000);
  });

  it("fills a grid with exactly its households and people, heads first in the grid's person numbering", () => {
    const plan = buildPlan('township', 1);
    const grid = plan.grids[7];
    const village = plan.villages.find((v) => v.code === grid.villageCode)!;
    const population = new PopulationGenerator(randomStream(1, 'test')).grid(grid, village);
    expect(population.households).toHaveLength(grid.households);
    const members = population.households.flatMap((h) => h.members);
    expect(members).toHaveLength(grid.persons);
    expect(population.households.map((h) => h.members[0].index)).toEqual(Array.from({ length: grid.households }, (_, k) => grid.personBase + k));
    expect(new Set(members.map((m) => m.index)).size).toBe(grid.persons);
    expect(Math.min(...members.map((m) => m.index))).toBe(grid.personBase);
    expect(Math.max(...members.map((m) => m.index))).toBe(grid.personBase + grid.persons - 1);
    expect(members.filter((m) => m.tags.includes('ELDERLY')).every((m) => m.age >= 60)).toBe(true);
  });
});

// ─── volunteers, points and star ratings ─────────────────────────────────────

describe('the points book (dual-points ledger)', () => {
  const book = () => {
    let n = 0;
    return new PointsBook((kind) => `${kind}-${n++}`, assertBalanced);
  };

  it('writes balanced postings, keeps balances as the sums of their entries and pays a fact once', () => {
    const ledger = book();
    const account = ledger.personAccount({ personId: 'p1', kind: 'CIVIC', areaCode: '330402001001001' }, 1000);
    const issuer = ledger.systemAccount('AWARDS_ISSUED', account.areaCode, 1000);
    const award = { kind: 'AWARD' as const, source: 'MANUAL' as const, ruleCode: 'CIVIC_MANUAL', memo: '拾金不昧', areaCode: account.areaCode, occurredAt: 1000, recordedAt: 1000, actor: 'u' };
    const lines = [
      { accountId: account.id, amount: 15 },
      { accountId: issuer.id, amount: -15 },
    ];
    expect(ledger.post({ ...award, idempotencyKey: 'manual-award:1', lines })).not.toBeNull();
    expect(ledger.post({ ...award, idempotencyKey: 'manual-award:1', lines })).toBeNull();
    expect(issuer.areaCode).toBe('330402001001');
    expect([account.balance, issuer.balance]).toEqual([15, -15]);
    for (const target of [account, issuer]) {
      expect(ledger.entries.filter((entry) => entry.accountId === target.id).reduce((sum, entry) => sum + entry.amount, 0)).toBe(target.balance);
    }
    expect(() => ledger.post({ ...award, idempotencyKey: 'bad', lines: [{ accountId: account.id, amount: 5 }, { accountId: issuer.id, amount: -4 }] })).toThrow(/balance/);
  });

  it("refuses a posting that would take a person's balance below zero, and keeps an account's first area", () => {
    const ledger = book();
    const account = ledger.personAccount({ personId: 'p1', kind: 'CIVIC', areaCode: '330402001001001' }, 1000);
    expect(ledger.personAccount({ personId: 'p1', kind: 'CIVIC', areaCode: '330402001001', holderUserId: 'u1' }, 2000)).toBe(account);
    expect([account.areaCode, account.holderUserId]).toEqual(['330402001001001', 'u1']);
    const till = ledger.systemAccount('REDEMPTIONS', account.areaCode, 1000);
    const redemption = { idempotencyKey: 'redemption:1', kind: 'REDEMPTION' as const, source: 'REDEMPTION' as const, ruleCode: null, memo: '毛巾', areaCode: account.areaCode, occurredAt: 1, recordedAt: 1, actor: 'u' };
    expect(() => ledger.post({ ...redemption, lines: [{ accountId: account.id, amount: -10 }, { accountId: till.id, amount: 10 }] })).toThrow(/-10 points/);
    expect(ledger.postings).toHaveLength(0);
  });

  it("picks the member type's own rule over the general one, as the award service does", () => {
    const rules: PointRule[] = [
      { code: 'PARTY_ORDER', source: 'ORDER_COMPLETED', accountKind: 'PARTY', partyMemberType: null, points: 10, active: true },
      { code: 'PARTY_ORDER_HOUSEHOLD_LINKING', source: 'ORDER_COMPLETED', accountKind: 'PARTY', partyMemberType: 'HOUSEHOLD_LINKING', points: 12, active: true },
      { code: 'CIVIC_ORDER', source: 'ORDER_COMPLETED', accountKind: 'CIVIC', partyMemberType: null, points: 8, active: true },
    ];
    expect(pickRule(rules, 'ORDER_COMPLETED', 'PARTY', 'HOUSEHOLD_LINKING')?.code).toBe('PARTY_ORDER_HOUSEHOLD_LINKING');
    expect(pickRule(rules, 'ORDER_COMPLETED', 'PARTY', 'IN_SERVICE')?.code).toBe('PARTY_ORDER');
    expect(pickRule(rules, 'ORDER_COMPLETED', 'CIVIC', null)?.code).toBe('CIVIC_ORDER');
    expect(pickRule(rules, 'MANUAL', 'CIVIC', null)).toBeNull();
  });
});

describe("a village's volunteers and points", () => {
  const DAY = 86_400_000;
  const asOf = Date.parse('2026-11-23T00:00:00+08:00');
  const since = asOf - 1096 * DAY;
  const grids = [
    { code: '330402001001001', households: 60, personBase: 0 },
    { code: '330402001001002', households: 50, personBase: 200 },
  ];
  const types = ['IN_SERVICE', 'HOUSEHOLD_LINKING', 'WITHOUT_POST', 'PROBATIONARY', null, null, null, null] as const;
  const candidates = Array.from({ length: 80 }, (_, i) => ({
    personId: `person-${i}`,
    gridCode: grids[i % 2].code,
    age: 20 + ((i * 7) % 50),
    sex: i % 3 === 0 ? ('FEMALE' as const) : ('MALE' as const),
    partyType: types[i % types.length],
    workUnit: types[i % types.length] === 'IN_SERVICE' ? '嘉兴学院' : null,
  }));
  const rules: PointRule[] = [
    ['CIVIC_ACTIVITY', 'ACTIVITY_ATTENDED', 'CIVIC', null, 5],
    ['CIVIC_ORDER', 'ORDER_COMPLETED', 'CIVIC', null, 8],
    ['CIVIC_CASE_REPORT', 'CASE_REPORTED_CONFIRMED', 'CIVIC', null, 3],
    ['CIVIC_MANUAL', 'MANUAL', 'CIVIC', null, 20],
    ['PARTY_ACTIVITY', 'ACTIVITY_ATTENDED', 'PARTY', null, 5],
    ['PARTY_ORDER', 'ORDER_COMPLETED', 'PARTY', null, 10],
    ['PARTY_MEDIATION', 'MEDIATION_JOINED', 'PARTY', null, 8],
    ['PARTY_DECLARATION_IN_SERVICE', 'DECLARATION', 'PARTY', 'IN_SERVICE', 20],
  ].map(([code, source, accountKind, partyMemberType, points]) => ({ code, source, accountKind, partyMemberType, points, active: true }) as PointRule);
  const village = (seed: number) => {
    const counters = new Map<string, number>();
    return generateVillage({
      seed,
      village: { code: '330402001001', townshipCode: '330402001' },
      grids,
      since,
      asOf,
      candidates,
      staffVolunteers: [{ personId: 'staff-1', gridCode: grids[0].code, age: 40, sex: 'FEMALE', partyType: null, workUnit: null }],
      volunteerTarget: 40,
      verifications: Array.from({ length: 300 }, (_, i) => ({ caseId: `case-${i}`, gridCode: grids[i % 2].code, reporterPersonId: `resident-${i % 37}`, at: since + (i * 3 + 1) * DAY, actor: 'grid-worker' })),
      actors: { villageAdmin: 'village-admin', townshipAdmin: 'township-admin', gridLeader: (gridCode) => `leader-${gridCode}` },
      personId: (index) => (index < 3 ? `resident-${index}` : `resident-${index % 37}`),
      demo: { volunteerUserId: 'volunteer-demo', resident: { personId: 'resident-0', userId: 'resident-demo' } },
      townshipTeamId: 'township-team',
      countyItems: [{ id: 'county-haircut', name: '免费理发一次', areaCode: '330402', pointsCost: 10 }],
      rules,
      redemptionWindowDays: 7,
      quarterEndWindow,
      assertBalanced,
      skillsByKind: SKILLS_BY_KIND,
      newId: (kind) => {
        const n = counters.get(kind) ?? 0;
        counters.set(kind, n + 1);
        return `${kind}-${n}`;
      },
    });
  };
  const rows = village(1);

  it('is the same for the same seed and different for another', () => {
    expect(village(1)).toEqual(rows);
    expect(village(2).ledger_entry).not.toEqual(rows.ledger_entry);
  });

  it('keeps a ledger that balances, with balances the sums of their entries and never negative on the way', () => {
    const byPosting = new Map<string, number[]>();
    for (const entry of rows.ledger_entry) byPosting.set(entry.posting_id as string, [...(byPosting.get(entry.posting_id as string) ?? []), entry.amount as number]);
    expect(byPosting.size).toBe(rows.ledger_posting.length);
    for (const amounts of byPosting.values()) {
      expect(amounts.length).toBeGreaterThanOrEqual(2);
      expect(amounts.reduce((sum, amount) => sum + amount, 0)).toBe(0);
    }
    const persons = new Set(rows.point_account.filter((account) => account.person_id !== null).map((account) => account.id));
    const running = new Map<string, number>();
    const ordered = [...rows.ledger_entry].sort((a, b) => (a.created_at as Date).getTime() - (b.created_at as Date).getTime());
    for (const entry of ordered) {
      const balance = (running.get(entry.account_id as string) ?? 0) + (entry.amount as number);
      running.set(entry.account_id as string, balance);
      if (persons.has(entry.account_id as string)) expect(balance).toBeGreaterThanOrEqual(0);
    }
    for (const account of rows.point_account) expect(account.balance).toBe(running.get(account.id as string) ?? 0);
    expect(new Set(rows.ledger_posting.map((posting) => posting.idempotency_key)).size).toBe(rows.ledger_posting.length);
    expect(rows.ledger_posting.filter((posting) => posting.kind === 'REDEMPTION').length).toBe(rows.redemption.length);
    expect(rows.redemption.length).toBeGreaterThan(0);
  });

  it('pays exactly the confirmed orders, approved awards, verified declarations, attended activities and verified cases', () => {
    const keys = new Set(rows.ledger_posting.map((posting) => posting.idempotency_key));
    const count = (source: string) => rows.ledger_posting.filter((posting) => posting.source === source).length;
    expect(count('ORDER_COMPLETED')).toBe(rows.service_order.filter((order) => order.status === 'CONFIRMED').length);
    for (const order of rows.service_order.filter((o) => o.status === 'CONFIRMED')) expect(keys.has(`order-completed:${order.id}`)).toBe(true);
    expect(count('MANUAL') + count('MEDIATION_JOINED')).toBe(rows.manual_award.filter((award) => award.status === 'APPROVED').length);
    expect(count('DECLARATION')).toBe(rows.point_declaration.filter((declaration) => declaration.status === 'VERIFIED').length);
    expect(count('ACTIVITY_ATTENDED')).toBe(rows.activity_sign_up.filter((signUp) => signUp.attended_at !== null).length);
    expect(count('CASE_REPORTED_CONFIRMED')).toBe(300);
    // Residents' civic accounts stay in the grid the first verified report came from; resident.demo sees its own.
    expect(rows.point_account.find((account) => account.person_id === 'resident-0' && account.kind === 'CIVIC')?.holder_user_id).toBe('resident-demo');
  });

  it('has orders in every state, each with the fields its state needs', () => {
    // A village has a few orders in flight at a time: several villages show every state.
    const orders = [rows, ...[2, 3, 4, 5, 6, 7].map(village)].flatMap((village) => village.service_order);
    expect(new Set(orders.map((order) => order.status))).toEqual(new Set(['OPEN', 'CLAIMED', 'COMPLETED', 'CONFIRMED', 'EXPIRED']));
    for (const order of orders) {
      expect(order.claimant_volunteer_id === null).toBe(order.status === 'OPEN' || order.status === 'EXPIRED');
      expect(order.confirmed_at !== null).toBe(order.status === 'CONFIRMED');
      expect(order.version).toBe({ OPEN: 1, CLAIMED: 2, COMPLETED: 3, CONFIRMED: 4, EXPIRED: order.last_claimant_volunteer_id ? 3 : 2 }[order.status as string]);
      expect((order.updated_at as Date).getTime()).toBeLessThan(asOf);
    }
  });

  it('makes volunteers of the party members and residents, the demo account an in-service member of the village', () => {
    const volunteers = rows.volunteer;
    expect(new Set(volunteers.map((volunteer) => volunteer.person_id)).size).toBe(volunteers.length);
    expect(volunteers.length).toBeGreaterThanOrEqual(40);
    const demo = volunteers.filter((volunteer) => volunteer.user_id === 'volunteer-demo');
    expect(demo).toHaveLength(1);
    expect([demo[0].party_member_type, demo[0].area_code]).toEqual(['IN_SERVICE', '330402001001']);
    expect(volunteers.filter((volunteer) => volunteer.party_member_type === 'IN_SERVICE').length).toBeGreaterThan(0);
    expect(volunteers.some((volunteer) => volunteer.person_id === 'staff-1')).toBe(true);
    for (const report of rows.double_report) expect(volunteers.find((volunteer) => volunteer.person_id === report.person_id)?.party_member_type).toBe('IN_SERVICE');
  });
});

describe('party members star ratings', () => {
  const DAY = 86_400_000;
  const asOf = Date.parse('2026-11-23T00:00:00+08:00');
  const rules: StarRules = { scoreStars, combineSheets, yearlyOutcome, isDecided, stepOrder: STEP_ORDER, sheetRules: SHEET_RULES } as unknown as StarRules;
  const rate = (personId: string, memberType = 'WITHOUT_POST', joinedOn: string | null = '2001-07-01') => {
    let n = 0;
    return rateMember(
      { personId, gridCode: '330402001001001', memberType, joinedOn },
      { seed: 1, since: asOf - 1096 * DAY, asOf, rules, actors: { villageAdmin: () => 'va', townshipAdmin: () => 'ta', gridLeader: () => 'gl' }, newId: (kind) => `${kind}-${n++}` },
    );
  };

  it('rates the whole years of the period quarter by quarter, each round through the five steps', () => {
    expect(ratedYears(asOf - 1096 * DAY, asOf)).toEqual([2024, 2025, 2026]);
    const rows = rate('m1');
    expect(rows.rating_round.map((round) => `${round.year}Q${round.quarter}`)).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1', '2026Q2', '2026Q3']);
    expect(rows.rating_step_record).toHaveLength(11 * 5);
    expect(rows.party_member_rating.map((rating) => [rating.year, rating.final])).toEqual([
      [2024, true],
      [2025, true],
      [2026, false],
    ]);
    expect(rate('m1')).toEqual(rows);
  });

  it("gives each year the stars the service computes from its decided quarters' sheets, a second yellow card downgraded", () => {
    let downgraded = 0;
    for (let i = 0; i < 300; i += 1) {
      const rows = rate(`member-${i}`);
      let previousYellow = false;
      for (const rating of rows.party_member_rating) {
        const sheets = rows.rating_round
          .filter((round) => round.rating_id === rating.id)
          .map((round) => {
            const lines = rows.rating_entry.filter((entry) => entry.round_id === round.id && entry.step === round.sheet_step);
            return { items: lines.filter((l) => l.star !== null).map((l) => ({ star: l.star, points: l.points })), redLines: lines.filter((l) => l.red_line !== null).map((l) => l.red_line) };
          });
        const result = scoreStars(combineSheets(sheets as never) as never, { probationary: false });
        const outcome = rating.final ? yearlyOutcome(result, previousYellow) : { stars: result.stars, downgraded: false, yellowCard: false };
        expect([rating.stars, rating.downgraded, rating.yellow_card]).toEqual([outcome.stars, outcome.downgraded, outcome.yellowCard]);
        if (rating.downgraded) {
          downgraded += 1;
          expect(rating.stars).toBe(1);
          expect(rating.one_star_measure).toBe('CORRECTION_DEADLINE');
        }
        previousYellow = rating.final === true && rating.yellow_card === true;
      }
    }
    expect(downgraded).toBeGreaterThan(0);
  });

  it('scores a probationary member without stars, from the quarter they joined', () => {
    const rows = rate('probationary', 'PROBATIONARY', '2025-07-01');
    expect(rows.rating_round.map((round) => `${round.year}Q${round.quarter}`)[0]).toBe('2025Q3');
    expect(rows.party_member_rating.every((rating) => rating.stars === null && rating.informs_full_membership === true)).toBe(true);
  });
});

describe("the case consumer's projections from a case history", () => {
  const at = (day: number) => Date.parse(`2025-03-${String(day).padStart(2, '0')}T10:00:00+08:00`);
  const row = (action: string, actor: string, day: number, noteHead: string | null = null): HistoryRow => ({
    caseId: 'c1',
    action,
    actor,
    at: at(day),
    noteHead,
    gridCode: '330402001001001',
    source: 'RESIDENT',
    dueAt: at(10),
  });

  it('counts found, closed and ratings as applyCaseEvent does, takes a reopened closure back, and (§8.1) never counts the reopened closure on time', () => {
    const projection = new GridProjection(applyCaseEvent as never, CaseEventTypes);
    projection.addCase([row('REPORT', 'worker', 1), row('VERIFY', 'worker', 1), row('RESOLVE', 'dept', 3), row('FEED_BACK', 'worker', 3), row('REOPEN', 'worker', 4, 'UNSATISFIED'), row('RESOLVE', 'dept', 6), row('RATE', 'worker', 7, 'SATISFIED')]);
    expect(projection.counts('worker', '2025-03-01', '2025-03-31')).toMatchObject({ casesFound: 1, casesClosed: 1, casesClosedOnTime: 0, satisfied: 1, unsatisfied: 0 });
    expect(projection.counts('dept', '2025-03-01', '2025-03-31')).toMatchObject({ casesFound: 0, casesClosed: 1, casesClosedOnTime: 0 });
    // The first closure (day 3) was taken back: the row stays, at zero.
    expect(projection.activityRows().find((r) => r.userId === 'dept' && r.day === '2025-03-03')).toMatchObject({ casesClosed: 0 });
    expect(projection.cases[0].state).toMatchObject({ gridWorkerUserId: 'worker', overdue: false, rating: { value: 'SATISFIED', day: '2025-03-07' } });
  });

  it('makes an overdue case not on time', () => {
    const projection = new GridProjection(applyCaseEvent as never, CaseEventTypes);
    projection.addCase([{ ...row('REPORT', 'worker', 1), source: 'GRID_PATROL' }, row('MARK_OVERDUE', 'system', 11), row('RESOLVE', 'worker', 12)]);
    expect(projection.counts('worker', '2025-03-01', '2025-03-31')).toMatchObject({ casesFound: 1, casesClosed: 1, casesClosedOnTime: 0 });
    expect(projection.counts('system', '2025-03-01', '2025-03-31')).toMatchObject({ casesFound: 0, casesClosed: 0 });
  });
});

describe('keyed runs of an ordered stream', () => {
  async function* rows() {
    for (const key of ['a', 'a', 'b', 'd', 'd', 'e']) yield [key];
  }

  it('hands out the rows of each key in order, none for a key without rows, skipping keys not asked for', async () => {
    const runs = new KeyedRuns(rows(), (row) => row[0]);
    expect(await runs.take('a')).toHaveLength(2);
    expect(await runs.take('c')).toHaveLength(0);
    expect(await runs.take('e')).toHaveLength(1);
    await expect(runs.take('b')).rejects.toThrow(/out of order/);
    await runs.finish();
  });
});
