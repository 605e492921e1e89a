import { chinaMonthOf, monthStart } from './volunteer-village.ts';

/**
 * verify.ts's checks of the volunteers and assessments data (load-volunteers.ts, load-assessments.ts),
 * run when their scale databases exist:
 * - the ledger passes the rules the service enforces at commit: every posting has two or more
 *   entries summing to zero, every balance is the sum of its entries, and no person's balance is
 *   negative — at the end or at any point in the order the entries were written;
 * - every fact was paid once and only when it should be: confirmed orders, approved manual awards,
 *   verified declarations, redemptions (the posting debits what the redemption says), and the
 *   cases verified with a reporting resident (counted in the cases database);
 * - activity counts, service minutes, double reports, and volunteers who are persons with the
 *   party membership the people database holds;
 * - star ratings: a sample of yearly ratings recomputed from the stored sheets with the service's
 *   own scoreStars/combineSheets/yearlyOutcome; rounds whose status matches their step log;
 * - grid staff assessments: platform counts equal a recount from the projections, the total the
 *   weighted parts; the projections agree with the cases database.
 */
export interface VerifyContext {
  sql: (service: string, text: string) => Promise<string[][]>;
  check: (ok: boolean, what: string) => void;
  print: (line?: string) => void;
  asOfDay: string;
}

export async function verifyVolunteers({ sql, check, print }: VerifyContext): Promise<void> {
  print('\n== volunteers: the points ledger passes the service\'s rules');
  const [[postings, unbalanced]] = await sql(
    'volunteers',
    `select count(*), count(*) filter (where lines < 2 or total <> 0)
       from (select p.id, count(e.id) lines, coalesce(sum(e.amount), 0) total from ledger_posting p left join ledger_entry e on e.posting_id = p.id group by p.id) x`,
  );
  check(unbalanced === '0', `postings with two or more entries summing to zero: ${Number(postings) - Number(unbalanced)} of ${postings}`);
  const [[accounts, wrongBalance, negative, total]] = await sql(
    'volunteers',
    `select count(*), count(*) filter (where a.balance <> coalesce(e.total, 0)), count(*) filter (where a.person_id is not null and a.balance < 0), coalesce(sum(a.balance), 0)
       from point_account a left join (select account_id, sum(amount) total from ledger_entry group by 1) e on e.account_id = a.id`,
  );
  check(wrongBalance === '0' && negative === '0' && total === '0', `balances are the sums of their entries (${wrongBalance} of ${accounts} differ), none negative (${negative}), all accounts together 0 (${total})`);
  const [[dipped]] = await sql(
    'volunteers',
    `select count(distinct account_id) from (
       select e.account_id, sum(e.amount) over (partition by e.account_id order by e.created_at, e.id) running
         from ledger_entry e join point_account a on a.id = e.account_id where a.person_id is not null) x where running < 0`,
  );
  check(dipped === '0', `no person's balance goes below zero on the way, in the order the entries were written (${dipped} do)`);

  print('\n== volunteers: every fact paid once, when it should be');
  const paid = async (what: string, facts: string, key: string, source: string) => {
    const [[factCount, postingCount, unpaid, unfounded]] = await sql(
      'volunteers',
      `with f as (${facts}), p as (select idempotency_key from ledger_posting where source = '${source}')
       select (select count(*) from f), (select count(*) from p),
              (select count(*) from f where not exists (select 1 from p where p.idempotency_key = ${key})),
              (select count(*) from p where not exists (select 1 from f where ${key} = p.idempotency_key))`,
    );
    check(unpaid === '0' && unfounded === '0', `${what}: ${factCount} facts, ${postingCount} ${source} postings, ${unpaid} unpaid, ${unfounded} without a fact`);
  };
  await paid('confirmed orders', `select id from service_order where status = 'CONFIRMED'`, `'order-completed:' || f.id`, 'ORDER_COMPLETED');
  await paid('approved civic deeds', `select id from manual_award where status = 'APPROVED' and rule_code = 'CIVIC_MANUAL'`, `'manual-award:' || f.id`, 'MANUAL');
  await paid('approved mediations', `select id from manual_award where status = 'APPROVED' and rule_code = 'PARTY_MEDIATION'`, `'manual-award:' || f.id`, 'MEDIATION_JOINED');
  await paid('verified declarations', `select id from point_declaration where status = 'VERIFIED'`, `'declaration:' || f.id`, 'DECLARATION');
  await paid('attended activities', `select activity_id || ':' || volunteer_id as id from activity_sign_up where attended_at is not null`, `'activity-attended:' || f.id`, 'ACTIVITY_ATTENDED');
  const [[badRedemptions]] = await sql(
    'volunteers',
    `select count(*) from redemption r left join ledger_entry e on e.posting_id = r.posting_id and e.account_id = r.account_id where e.amount is distinct from -r.points`,
  );
  check(badRedemptions === '0', `each redemption's posting debits its points from its account (${badRedemptions} do not)`);
  const [[verifiedCases]] = await sql(
    'cases',
    `select count(distinct h.case_id) from case_history h join "case" c on c.id = h.case_id where h.action = 'VERIFY' and c.reporter_person_id is not null`,
  );
  const [[caseAwards]] = await sql('volunteers', `select count(*) from ledger_posting where source = 'CASE_REPORTED_CONFIRMED'`);
  check(verifiedCases === caseAwards, `cases verified with a reporting resident (cases) each paid civic points once (volunteers): ${verifiedCases} cases, ${caseAwards} postings`);

  print('\n== volunteers: counts and references');
  const [[badCounts]] = await sql(
    'volunteers',
    `select count(*) from activity a left join (select activity_id, count(*) n, count(attended_at) m from activity_sign_up group by 1) s on s.activity_id = a.id
      where a.signed_up_count <> coalesce(s.n, 0) or a.attended_count <> coalesce(s.m, 0)`,
  );
  check(badCounts === '0', `activities' sign-up and attendance counts equal their sign-ups (${badCounts} differ)`);
  const [[badMinutes]] = await sql(
    'volunteers',
    `select count(*) from volunteer v left join (select s.volunteer_id, sum(a.service_minutes) minutes from activity_sign_up s join activity a on a.id = s.activity_id
       where s.attended_at is not null group by 1) m on m.volunteer_id = v.id where v.service_minutes <> coalesce(m.minutes, 0)`,
  );
  check(badMinutes === '0', `volunteers' service minutes are the activities they attended (${badMinutes} differ)`);
  const [[strayReports]] = await sql(
    'volunteers',
    `select count(*) from double_report d where not exists (select 1 from volunteer v where v.person_id = d.person_id and v.party_member_type = 'IN_SERVICE')`,
  );
  check(strayReports === '0', `double reports are in-service members' (${strayReports} are not)`);
  const sample = await sql('volunteers', `select person_id, coalesce(party_member_type::text, '-') from volunteer order by id limit 2000`);
  const found = new Map(
    (
      await sql(
        'people',
        `select p.id, coalesce(m.type::text, '-') from person p left join party_membership m on m.person_id = p.id where p.id = any('{${sample.map(([id]) => id).join(',')}}'::uuid[])`,
      )
    ).map(([id, type]) => [id, type]),
  );
  const matching = sample.filter(([id, type]) => found.get(id) === type).length;
  check(matching === sample.length, `volunteers are persons with the party membership people holds (${matching} of ${sample.length} sampled)`);
  const byKind = await sql('volunteers', `select coalesce(party_member_type::text, 'not a party member'), count(*) from volunteer group by 1 order by 2 desc`);
  const orders = await sql('volunteers', `select status, count(*) from service_order group by 1 order by 2 desc`);
  print(`  volunteers: ${byKind.map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
  print(`  service orders: ${orders.map(([status, n]) => `${status} ${n}`).join(', ')}`);
}

/** Service code of the assessments service, loaded only when its data is checked. */
interface StarCode {
  scoreStars: (sheet: { items: Array<{ star: string; points: number }>; redLines: string[] }, options: { probationary: boolean }) => { stars: number | null; earnedStars: number; totalScore: number };
  combineSheets: (sheets: Array<{ items: Array<{ star: string; points: number }>; redLines: string[] }>) => { items: Array<{ star: string; points: number }>; redLines: string[] };
  yearlyOutcome: (result: { stars: number | null }, previousYellowCard: boolean) => { stars: number | null; yellowCard: boolean; downgraded: boolean };
  STEP_ORDER: readonly string[];
}

export async function verifyAssessments({ sql, check, print }: VerifyContext): Promise<void> {
  const code = (await import('./service-code-assessments.ts')) as unknown as StarCode;

  print('\n== assessments: star ratings recomputed from their sheets with the service\'s rules');
  const steps = code.STEP_ORDER.map((step, index) => `when '${step}' then ${index + 1}`).join(' ');
  const [[rounds, badLogs]] = await sql(
    'assessments',
    `select count(*), count(*) filter (where coalesce(s.n, 0) <> case r.status::text when 'OPENED' then 0 ${steps} end)
       from rating_round r left join (select round_id, count(*) n from rating_step_record group by 1) s on s.round_id = r.id`,
  );
  check(badLogs === '0', `every round's step log runs up to its status (${badLogs} of ${rounds} do not)`);
  // A sample of members, all their years (the downgrade looks at the year before).
  const members = (await sql('assessments', `select distinct person_id from party_member_rating order by person_id limit 400`)).map(([id]) => id);
  const list = `'{${members.join(',')}}'::uuid[]`;
  const ratings = await sql(
    'assessments',
    `select person_id, year, final, coalesce(stars::text, ''), earned_stars, total_score, yellow_card, downgraded, member_type, decided_quarters::text
       from party_member_rating where person_id = any(${list}) order by person_id, year`,
  );
  const entries = await sql(
    'assessments',
    `select r.person_id, r.year, r.quarter, e.star, e.points, e.red_line
       from rating_round r join rating_entry e on e.round_id = r.id and e.step = r.sheet_step
      where r.person_id = any(${list}) and r.status in ('ASSEMBLY_DECIDED', 'PUBLICLY_NOTIFIED')`,
  );
  const sheets = new Map<string, Map<string, { items: Array<{ star: string; points: number }>; redLines: string[] }>>();
  for (const [personId, year, quarter, star, points, redLine] of entries) {
    const key = `${personId}|${year}`;
    const quarters = sheets.get(key) ?? new Map();
    const sheet = quarters.get(quarter) ?? { items: [], redLines: [] };
    if (redLine) sheet.redLines.push(redLine);
    else sheet.items.push({ star, points: Number(points) });
    quarters.set(quarter, sheet);
    sheets.set(key, quarters);
  }
  let agree = 0;
  const mismatches: string[] = [];
  let previous: { personId: string; final: boolean; yellow: boolean } | null = null;
  for (const [personId, year, final, stars, earned, total, yellow, downgraded, memberType, decidedQuarters] of ratings) {
    const result = code.scoreStars(code.combineSheets([...(sheets.get(`${personId}|${year}`)?.values() ?? [])]), { probationary: memberType === 'PROBATIONARY' });
    const previousYellow = previous !== null && previous.personId === personId && previous.final && previous.yellow;
    const outcome = final === 't' ? code.yearlyOutcome(result, previousYellow) : { stars: result.stars, yellowCard: false, downgraded: false };
    const decided = decidedQuarters !== '[]';
    const expected = `${decided ? (outcome.stars ?? '') : ''} ${result.earnedStars} ${result.totalScore} ${outcome.yellowCard ? 't' : 'f'} ${outcome.downgraded ? 't' : 'f'}`;
    const stored = `${stars} ${earned} ${Number(total)} ${yellow} ${downgraded}`;
    if (expected === stored) agree += 1;
    else if (mismatches.length < 3) mismatches.push(`${personId} ${year}: stored ${stored}, recomputed ${expected}`);
    previous = { personId, final: final === 't', yellow: yellow === 't' };
  }
  check(agree === ratings.length, `yearly ratings of ${members.length} members: ${agree} of ${ratings.length} equal a recomputation${mismatches.length ? ` (${mismatches.join('; ')})` : ''}`);
  const distribution = await sql('assessments', `select year, coalesce(stars::text, 'none'), count(*) from party_member_rating where final group by 1, 2 order by 1, 2`);
  print(`  final years by stars: ${distribution.map(([year, stars, n]) => `${year} ${stars}★ ${n}`).join(', ')}`);

  print('\n== assessments: grid staff assessments and their projections');
  const [[assessments, badCounts, badTotals]] = await sql(
    'assessments',
    `select count(*),
            count(*) filter (where (a.platform_visits, a.platform_cases_found, a.platform_cases_closed, a.platform_cases_closed_on_time)
                                   is distinct from (coalesce(s.visits, 0), coalesce(s.found, 0), coalesce(s.closed, 0), coalesce(s.on_time, 0))
                               or (a.platform_satisfied, a.platform_basically_satisfied, a.platform_unsatisfied)
                                   is distinct from (coalesce(g.satisfied, 0), coalesce(g.basically, 0), coalesce(g.unsatisfied, 0))),
            count(*) filter (where abs(a.total_score - round((coalesce(a.quantified_score, 0) * a.weight_quantified + a.platform_score * a.weight_platform
                                   + coalesce(a.democratic_score, 0) * a.weight_democratic)::numeric, 2)) > 0.005)
       from assessment a
       left join lateral (select sum(visits) visits, sum(cases_found) found, sum(cases_closed) closed, sum(cases_closed_on_time) on_time from staff_activity_day d
                           where d.user_id = a.staff_user_id::text and d.grid_code = a.grid_code and d.day between a.period_start and a.period_end) s on true
       left join lateral (select sum(satisfied) satisfied, sum(basically_satisfied) basically, sum(unsatisfied) unsatisfied from grid_satisfaction_day d
                           where d.grid_code = a.grid_code and d.day between a.period_start and a.period_end) g on true`,
  );
  check(badCounts === '0', `platform counts equal a recount from the projections, as platformCounts sums them (${badCounts} of ${assessments} differ)`);
  check(badTotals === '0', `totals are the weighted parts (${badTotals} of ${assessments} differ)`);
  const [[projected, found]] = await sql('assessments', `select (select count(*) from case_projection), (select coalesce(sum(cases_found), 0) from staff_activity_day)`);
  const [[cases, reported]] = await sql('cases', `select (select count(*) from "case"), (select count(*) from case_history where action = 'REPORT' and actor_user_id <> 'system')`);
  check(projected === cases, `the case consumer's state for every case (${projected} of ${cases})`);
  check(found === reported, `cases found in the projection = reports by a user in the cases database (${found} of ${reported})`);
}

/** A month's instants [start, end) in China time, as parsePeriod gives them to the leaderboard query. */
export function monthBounds(month: string): { start: string; end: string } {
  const start = monthStart(month);
  return { start: new Date(start).toISOString(), end: new Date(monthStart(chinaMonthOf(start + 40 * 86_400_000))).toISOString() };
}

/** The month before the as-of day's, YYYY-MM (the last whole month a leaderboard covers). */
export function lastWholeMonth(asOfDay: string): string {
  return chinaMonthOf(monthStart(asOfDay.slice(0, 7)) - 86_400_000);
}
