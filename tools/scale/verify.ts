import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TIME_ZONE, todayInZone } from './context.ts';
import { connectionFromEnv, databaseName, lastRunFile, runSql } from './copy-sink.ts';
import { lastWholeMonth, monthBounds, verifyAssessments, verifyVolunteers } from './verify-points.ts';
import {
  AREA_DAY_FROM_DAILY_SQL,
  DAILY_COUNTERS,
  HANDLING_STATUSES,
  OPEN_STATUSES,
  PersonalDataVault,
  POPULATION_DRIFT_SQL,
  populationByTagParams,
  populationByTagSql,
  populationTotalsSql,
  RECOUNT_SQL,
  WORKER_COUNTERS,
  checkIdNumber,
  maskIdNumber,
  MONTHLY_FROM_DAILY_SQL,
} from './service-code.ts';

/**
 * Checks a loaded scale data set and measures it:
 *   node tools/scale/verify.ts [--db] [--explain] [--graphql [--gateway URL]] [--fingerprint]   (no flag: the first three)
 *
 * --db       rows per table; the cases counters equal a recount from the case table (the service's
 *            RECOUNT_SQL, compared both ways with EXCEPT), the per-area day and month rollups the sums
 *            of the rows they roll up (AREA_DAY_FROM_DAILY_SQL, MONTHLY_FROM_DAILY_SQL), and so do the people population counters
 *            (POPULATION_DRIFT_SQL); histories end where their case stands;
 *            references across databases meet (reporters, grid staff, hazards); a sample of ID
 *            numbers decrypts to valid GB 11643 numbers whose lookup hash matches.
 * --explain  EXPLAIN (ANALYZE, BUFFERS) of the heaviest scenario queries, written as the services
 *            issue them (literal parameters, as the custom plans of their unnamed statements see
 *            them), with the indexes each plan uses.
 * --graphql  a few queries through the scale gateway with a real county.admin token from Keycloak.
 * --fingerprint  an md5 per loaded table over all rows in key order (sealed ciphertexts left out:
 *            they carry random IVs), to show that the same seed and as-of day give the same data.
 * Exits 1 when a check fails.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const { values } = parseArgs({
  options: {
    db: { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
    graphql: { type: 'boolean', default: false },
    fingerprint: { type: 'boolean', default: false },
    gateway: { type: 'string', default: `http://127.0.0.1:${4000 + Number(process.env.SCALE_PORT_OFFSET ?? 1000)}/graphql` },
  },
});
const all = !values.db && !values.explain && !values.graphql && !values.fingerprint;
const connection = connectionFromEnv();
const failures: string[] = [];
const sql = (service: string, text: string) => runSql(connection, databaseName(service), text);
const print = (line = '') => process.stdout.write(`${line}\n`);
const check = (ok: boolean, what: string) => {
  print(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const lastRun = lastRunFile(root);
const run = existsSync(lastRun) ? (JSON.parse(readFileSync(lastRun, 'utf8')) as { scale: string; asOf: string }) : null;
const asOfDay = run?.asOf ?? new Date().toISOString().slice(0, 10);
/** The last full quarter before the as-of day. */
function lastQuarter(day: string): { from: string; to: string } {
  const [year, month] = day.split('-').map(Number);
  const quarter = Math.floor((month - 1) / 3);
  const [y, q] = quarter === 0 ? [year - 1, 3] : [year, quarter - 1];
  const from = `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const to = new Date(Date.UTC(y, q * 3 + 3, 0)).toISOString().slice(0, 10);
  return { from, to };
}
const quarter = lastQuarter(asOfDay);
const TOWNSHIP = '330402001';
const GRID = '330402001001001';
const zone = `'${TIME_ZONE}'`;
/** Volunteers and assessments, when their services were built and loaded (seed-scale.ts LATE_LOADERS). */
const databases = new Set((await runSql(connection, 'postgres', 'select datname from pg_database')).map(([name]) => name));
const late: string[] = [];
for (const [service, table] of [['volunteers', 'volunteer'], ['assessments', 'party_member_rating']]) {
  if (databases.has(databaseName(service)) && (await sql(service, `select exists (select 1 from ${table})`))[0][0] === 't') late.push(service);
}
const TAGS = ['COMMUNITY_CORRECTION', 'DISABLED', 'DRUG_REHAB', 'ELDERLY', 'EMPTY_NEST_ELDERLY', 'HARDSHIP', 'LEFT_BEHIND_CHILD', 'LIVING_ALONE_ELDERLY', 'LOW_INCOME', 'MIGRANT_WORKER_AWAY', 'RELEASED_PRISONER', 'SEVERE_MENTAL_ILLNESS', 'VETERAN'];

/** Checks that a cases table holds exactly the rows `expected` computes (compared both ways). */
async function checkSameRows(table: string, columns: string, expected: string, computed: string, storedWhere = 'true'): Promise<void> {
  const [[stored, counted, missing, extra]] = await sql(
    'cases',
    `with r as (${expected}), s as (select ${columns} from "${table}" where ${storedWhere})
     select (select count(*) from s), (select count(*) from r),
            (select count(*) from (select * from r except select * from s) d), (select count(*) from (select * from s except select * from r) d)`,
  );
  check(missing === '0' && extra === '0', `${table}: ${stored} rows stored, ${counted} ${computed}, ${missing} missing, ${extra} extra`);
}

async function verifyDatabases(): Promise<void> {
  print(`\n== rows per table (scale ${run?.scale ?? '?'}, as of ${asOfDay})`);
  for (const service of ['organizations', 'grids', 'people', 'cases', ...late]) {
    const tables = await sql(service, `select tablename from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations' order by 1`);
    const counts = await sql(service, tables.map(([table]) => `select '${table}', count(*) from "${table}"`).join(' union all '));
    print(`  ${service.padEnd(14)} ${counts.filter(([, n]) => n !== '0').map(([table, n]) => `${table} ${Number(n).toLocaleString('en-US')}`).join(', ')}`);
  }

  print('\n== cases: counters equal a recount (RECOUNT_SQL, both ways)');
  // A status count that went back to 0 (its cases moved on) stays as a row; a recount has no such row.
  const recounts: Array<[string, string, string, string?]> = [
    ['case_daily_stat', ['area_code', 'day', 'category_code', 'case_class', 'source', ...DAILY_COUNTERS].map((c) => `"${c}"`).join(', '), RECOUNT_SQL.daily],
    ['case_status_count', '"area_code", "day", "status", "count"', RECOUNT_SQL.status, '"count" <> 0'],
    ['case_worker_stat', ['user_id', 'grid_code', 'day', ...WORKER_COUNTERS].map((c) => `"${c}"`).join(', '), RECOUNT_SQL.workers],
  ];
  for (const [table, columns, recount, storedWhere] of recounts) await checkSameRows(table, columns, recount.replaceAll('?', zone), 'recounted', storedWhere);

  print('\n== cases: rollups equal the sums of the rows they roll up (both ways)');
  const counterColumns = DAILY_COUNTERS.map((c) => `"${c}"`).join(', ');
  const rollups: Array<[string, string, string]> = [
    ['case_area_day_stat', `"area_code", "day", ${counterColumns}`, AREA_DAY_FROM_DAILY_SQL],
    ['case_area_month_stat', `"area_code", "month", ${counterColumns}`, MONTHLY_FROM_DAILY_SQL.areaMonth],
    ['case_status_month_count', '"area_code", "month", "status", "count"', MONTHLY_FROM_DAILY_SQL.statusMonth],
  ];
  for (const [table, columns, sums] of rollups) await checkSameRows(table, columns, sums, 'summed');
  const [[counterMismatch]] = await sql('cases', `select count(*) from case_number_counter n full join (select left(number, 6) c, to_date(substr(number, 8, 8), 'YYYYMMDD') d, count(*) k, max(substr(number, 17)::int) m from "case" group by 1, 2) x on x.c = n.county_code and x.d = n.day where n.last_value is distinct from x.k or x.k is distinct from x.m`);
  check(counterMismatch === '0', `case numbers: each day runs 1…n without gaps and case_number_counter holds n (${counterMismatch} days differ)`);

  print('\n== cases: grid names equal the grids service\'s (what its grid events carry)');
  const gridNames = new Map((await sql('grids', 'select code, name from grid')).map(([code, name]) => [code, name]));
  const kept = await sql('cases', 'select code, name from grid_name');
  const wrong = kept.filter(([code, name]) => gridNames.get(code) !== name).length;
  check(kept.length === gridNames.size && wrong === 0, `grid_name: ${kept.length} rows for ${gridNames.size} grids, ${wrong} not in grids or named differently`);

  print('\n== people: population counters equal a recount (POPULATION_DRIFT_SQL)');
  const drift = await sql('people', POPULATION_DRIFT_SQL);
  const [[grids, tagRows]] = await sql('people', 'select (select count(*) from population_count), (select count(*) from population_tag_count)');
  check(drift.length === 0, `population_count ${grids} rows, population_tag_count ${tagRows} rows: ${drift.length} counters differ${drift.length > 0 ? ` (first: ${drift.slice(0, 3).map((row) => row.join(' ')).join('; ')})` : ''}`);

  print('\n== cases: histories agree with the cases');
  const [[badEnd, badVersion, badStart, badOrder]] = await sql(
    'cases',
    `with h as (select case_id, count(*) n, (array_agg(to_status order by seq desc))[1] last_status, (array_agg(to_level order by seq desc))[1] last_level,
                       (array_agg(action order by seq))[1] first_action, bool_and(ordered) ordered
                  from (select *, at >= lag(at, 1, at) over (partition by case_id order by seq) ordered from case_history) x group by case_id)
     select count(*) filter (where h.last_status <> c.status or h.last_level <> c.level), count(*) filter (where h.n <> c.version),
            count(*) filter (where h.first_action <> 'REPORT'), count(*) filter (where not h.ordered)
       from "case" c join h on h.case_id = c.id`,
  );
  check(badEnd === '0', `the last history entry is the case's status and level (${badEnd} differ)`);
  check(badVersion === '0', `version = number of history entries (${badVersion} differ)`);
  check(badStart === '0' && badOrder === '0', `histories start with REPORT and run forward in time (${badStart} / ${badOrder} do not)`);
  const statuses = await sql('cases', `select status, count(*) from "case" group by 1 order by 2 desc`);
  check(statuses.length === 11, `cases in all 11 states: ${statuses.map(([status, n]) => `${status} ${n}`).join(', ')}`);
  const [[meanHistory, overduePct, onTimePct, openCases]] = await sql(
    'cases',
    `select round(avg(version), 2), round(100.0 * count(*) filter (where overdue) / count(*), 1),
            round(100.0 * count(*) filter (where resolved_at is not null and not overdue and resolved_at <= due_at) / nullif(count(*) filter (where resolved_at is not null), 0), 1),
            count(*) filter (where status in (${OPEN_STATUSES.map((s) => `'${s}'`).join(', ')})) from "case"`,
  );
  print(`  mean history ${meanHistory} entries; ${overduePct} % ever overdue; ${onTimePct} % of resolved on time; ${openCases} open`);

  print('\n== references across databases');
  const reporters = await sql('cases', `select distinct reporter_person_id from "case" where reporter_person_id is not null order by 1 limit 2000`);
  const [[foundReporters]] = await sql('people', `select count(*) from person where id = any('{${reporters.map(([id]) => id).join(',')}}'::uuid[])`);
  check(Number(foundReporters) === reporters.length, `case reporters are persons (${foundReporters} of ${reporters.length} sampled)`);
  const staffPersons = await sql('grids', `select distinct person_id from grid_staff order by 1 limit 2000`);
  const [[foundStaff]] = await sql('people', `select count(*) from person where id = any('{${staffPersons.map(([id]) => id).join(',')}}'::uuid[])`);
  check(Number(foundStaff) === staffPersons.length, `grid staff are persons (${foundStaff} of ${staffPersons.length} sampled)`);
  const [[caseHazards]] = await sql('cases', `select count(*) from "case" where hazard_id is not null`);
  const [[gridHazards]] = await sql('grids', `select count(*) from hazard`);
  check(caseHazards === gridHazards, `every hazard case has its hazard in grids (${caseHazards} cases, ${gridHazards} hazards)`);
  const [[orphanMembers, orphanHeads]] = await sql('people', `select (select count(*) from person p where household_id is not null and not exists (select 1 from household h where h.id = p.household_id)), (select count(*) from household h where not exists (select 1 from person p where p.id = h.head_id and p.household_id = h.id))`);
  check(orphanMembers === '0' && orphanHeads === '0', `members and heads belong to their households (${orphanMembers} / ${orphanHeads} do not)`);
  const [[householdCounts]] = await sql('people', `select string_agg(grid_code || ':' || n, ',') from (select grid_code, count(*) n from household group by 1) x`);
  const stored = new Map((await sql('grids', `select code, household_count from grid`)).map(([code, n]) => [code, n]));
  const differ = (householdCounts ?? '').split(',').filter((pair) => pair && stored.get(pair.split(':')[0]) !== pair.split(':')[1]).length;
  check(differ === 0, `Grid.householdCount equals the households in the people ledger (${differ} grids differ)`);

  print('\n== people: focus tags now (share of persons)');
  const [[persons]] = await sql('people', `select count(*) from person`);
  const tags = await sql('people', `select tag_code, count(distinct person_id) from person_tag where valid_to is null or valid_to >= current_date group by 1 order by 2 desc`);
  print(`  ${tags.map(([tag, n]) => `${tag} ${((100 * Number(n)) / Number(persons)).toFixed(2)}%`).join(', ')}`);

  print('\n== people: ID numbers (a sample decrypted with the service vault)');
  const sample = await sql('people', `select encode(id_number_sealed, 'hex'), id_number_hash, id_number_masked, birth_date::text from person tablesample system (1) limit 1000`);
  const vault = PersonalDataVault.fromEnvironment();
  let valid = 0;
  for (const [sealed, hash, masked, birthDate] of sample) {
    const idNumber = vault.open('idNumber', Buffer.from(sealed, 'hex'));
    const checked = checkIdNumber(idNumber, birthDate);
    if (checked.valid && vault.lookupHash(idNumber) === hash && masked === maskIdNumber(idNumber)) valid += 1;
  }
  check(sample.length > 0 && valid === sample.length, `valid numbers (check character, birth date), matching hash and mask: ${valid} of ${sample.length}`);
  const [[hashes, distinctHashes]] = await sql('people', `select count(*), count(distinct id_number_hash) from person`);
  check(hashes === distinctHashes, `ID numbers are distinct (${distinctHashes} of ${hashes})`);
}

/** Index names a plan touches, with the time PostgreSQL reports. */
async function explain(service: string, title: string, query: string): Promise<void> {
  const rows = await sql(service, `explain (analyze, buffers, format json) ${query}`);
  const [plan] = JSON.parse(rows.map(([line]) => line).join('\n')) as Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }>;
  const indexes = new Set<string>();
  const scans: string[] = [];
  const walk = (node: PlanNode) => {
    if (node['Index Name']) indexes.add(node['Index Name']);
    if (node['Node Type'].includes('Scan')) scans.push(`${node['Node Type']}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}${node['Relation Name'] ? ` on ${node['Relation Name']}` : ''} (rows ${node['Actual Rows']}×${node['Actual Loops']})`);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan.Plan);
  print(`\n-- ${title}: ${plan['Execution Time'].toFixed(1)} ms (planning ${plan['Planning Time'].toFixed(1)} ms), shared hit/read ${plan.Plan['Shared Hit Blocks']}/${plan.Plan['Shared Read Blocks']}`);
  for (const scan of scans) print(`   ${scan}`);
  const text = await sql(service, `explain (analyze, buffers) ${query}`);
  for (const [line] of text) print(`   | ${line}`);
  print(`   indexes used: ${[...indexes].join(', ') || 'none'}`);
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

async function explainScenarios(): Promise<void> {
  const handling = HANDLING_STATUSES.map((s) => `'${s}'`).join(', ');
  const open = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
  print(`\n== EXPLAIN (ANALYZE, BUFFERS) of the heaviest scenario queries (quarter ${quarter.from}…${quarter.to})`);
  await explain(
    'cases',
    `township ${TOWNSHIP}: overdue cases still being handled, soonest deadline first (first page)`,
    `select "c0".* from "case" as "c0" where "c0"."grid_code" like '330402%' and "c0"."grid_code" like '${TOWNSHIP}%' and "c0"."overdue" = true and "c0"."status" in (${handling}) order by "c0"."due_at" asc, "c0"."id" asc limit 21`,
  );
  await explain(
    'cases',
    `township ${TOWNSHIP}: Query.cases(filter: {areaCode, overdue: true}) as CaseQueryService pages it (newest first)`,
    `select "c0".* from "case" as "c0" where "c0"."grid_code" like '330402%' and "c0"."grid_code" like '${TOWNSHIP}%' and "c0"."overdue" = true order by "c0"."reported_at" desc, "c0"."id" desc limit 21`,
  );
  await explain('cases', `township ${TOWNSHIP}: its totalCount`, `select count(*) as "count" from "case" as "c0" where "c0"."grid_code" like '330402%' and "c0"."grid_code" like '${TOWNSHIP}%' and "c0"."overdue" = true`);
  const inQuarter = `"area_code" = '330402' and "day" between '${quarter.from}' and '${quarter.to}'`;
  await explain(
    'cases',
    'county 330402 statistics for a quarter: totals by category, class and source (StatsService)',
    `select "category_code", "case_class", "source", grouping("category_code") as g_category, grouping("case_class") as g_class, grouping("source") as g_source,
        ${DAILY_COUNTERS.map((c) => `sum("${c}") as ${c}`).join(', ')}
     from "case_daily_stat" where ${inQuarter} group by grouping sets (("category_code"), ("case_class"), ("source"), ())`,
  );
  // A calendar quarter is whole months: StatsService reads it from the monthly rollup alone.
  const inQuarterMonths = `"area_code" = '330402' and "month" between '${quarter.from}' and '${quarter.to.slice(0, 8)}01'`;
  await explain(
    'cases',
    'county statistics for a quarter: by status (monthly rollup)',
    `select "status", sum("count") as count from (select "area_code", "status", "count" from "case_status_month_count" where ${inQuarterMonths}) as "rows"
      group by "status" having sum("count") > 0 order by "status"`,
  );
  await explain(
    'cases',
    'county statistics for a quarter: grid workers',
    `select "user_id", sum("found") as found, sum("resolved") as resolved, sum("resolved_on_time") as resolved_on_time from "case_worker_stat"
      where "grid_code" like '330402%' and "day" between '${quarter.from}' and '${quarter.to}'
      group by "user_id" having sum("found") + sum("resolved") > 0 order by sum("found") + sum("resolved") desc, "user_id" limit 200`,
  );
  await explain('cases', `grid ${GRID} dashboard: Grid.openCases (first page)`, `select "c0".* from "case" as "c0" where "c0"."grid_code" like '330402%' and "c0"."grid_code" = '${GRID}' and "c0"."status" in (${open}) order by "c0"."reported_at" desc, "c0"."id" desc limit 11`);
  await explain('cases', `grid ${GRID} dashboard: Grid.openCases totalCount`, `select count(*) as "count" from "case" as "c0" where "c0"."grid_code" like '330402%' and "c0"."grid_code" = '${GRID}' and "c0"."status" in (${open})`);
  // As PopulationService sends them for county.admin: every tag (sensitive ones included) carried today in China.
  const today = todayInZone();
  const tagFilter = `a.tag_code in (${TAGS.map((tag) => `'${tag}'`).join(', ')}) and a.valid_from <= '${today}' and (a.valid_to is null or a.valid_to >= '${today}')`;
  const literal = (query: string, params: string[]) => {
    let next = 0;
    return query.replace(/\?/g, () => `'${params[next++]}'`);
  };
  const population = (code: string) => ({
    totals: literal(populationTotalsSql(code.length, 1), [`${code}%`]),
    byTag: literal(populationByTagSql(code.length, 1, TAGS.length), populationByTagParams([`${code}%`], TAGS, today)),
  });
  await explain('people', `grid ${GRID} dashboard: Grid.population byTag (PopulationService: counters + the day's correction)`, population(GRID).byTag);
  await explain(
    'people',
    `grid ${GRID} dashboard: households with a member carrying each tag`,
    `select a.tag_code, count(distinct p.household_id) from "person_tag" a join "person" p on p.id = a.person_id
      where p.grid_code like '${GRID}%' and p.household_id is not null and ${tagFilter} group by 1 order by 1`,
  );
  await explain('people', `grid ${GRID} dashboard: Grid.population totals (population_count)`, population(GRID).totals);
  await explain('people', 'county 330402: Area.population totals (population_count of 4,000 grids at county scale)', population('330402').totals);
  await explain('people', 'county 330402: Area.population byTag (population_tag_count + the day\'s correction)', population('330402').byTag);
}

/** The monthly leaderboard as PointsQueryService.leaderboard sends it (a village, the last whole month, CIVIC, top 10). */
async function explainLeaderboard(): Promise<void> {
  const month = lastWholeMonth(asOfDay);
  const { start, end: next } = monthBounds(month);
  await explain(
    'volunteers',
    `village 330402001001: Query.leaderboard for ${month} (PointsQueryService, CIVIC, top 10)`,
    `select a.id as account_id, a.person_id, sum(e.amount) as points, a.balance
       from ledger_entry e join ledger_posting p on p.id = e.posting_id join point_account a on a.id = e.account_id
      where a.kind = 'CIVIC' and a.area_code like '330402001001%' and p.kind = 'AWARD' and p.occurred_at >= '${start}' and p.occurred_at < '${next}'
        and not exists (select 1 from point_veto v where v.account_id = a.id and v.period_start < '${next}' and v.period_end > '${start}')
      group by a.id, a.person_id, a.balance having sum(e.amount) > 0 order by points desc, a.person_id limit 10`,
  );
}

async function token(username: string): Promise<string> {
  const keycloak = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:58080';
  const response = await fetch(`${keycloak}/realms/${process.env.KEYCLOAK_REALM ?? 'lianxin'}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: process.env.KEYCLOAK_CLIENT_ID ?? 'lianxin-dev', username, password: 'lianxin-demo' }),
  });
  if (!response.ok) throw new Error(`no token for ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function verifyGraphql(): Promise<void> {
  print(`\n== GraphQL through the scale gateway ${values.gateway}`);
  const bearer = await token('county.admin');
  const queries: Array<[string, string]> = [
    [
      `county caseStats for ${quarter.from}…${quarter.to}`,
      `{ area(code: "330402") { name caseStats(period: { from: "${quarter.from}", to: "${quarter.to}" }) { reported resolved onTimeRate overdue satisfactionRate byStatus { status count } resolutionLevels { gridShare withinTownshipShare } } } }`,
    ],
    [
      `grid ${GRID} dashboard`,
      `{ grid(code: "${GRID}") { name householdCount openCases(first: 10) { totalCount edges { node { number status level dueAt overdue } } } population { total registered floating byTag { tag { code } count } } } }`,
    ],
    [`township ${TOWNSHIP} overdue cases`, `{ cases(filter: { areaCode: "${TOWNSHIP}", overdue: true }, first: 20) { totalCount edges { node { number status level dueAt } } } }`],
    [`county population`, `{ area(code: "330402") { population { total registered floating away byTag { tag { code } count } } } }`],
    [`county townships`, `{ area(code: "330402") { children(first: 100) { totalCount edges { node { code name } } } } }`],
    ...(late.includes('volunteers')
      ? [[`leaderboard of 330402001001 for ${lastWholeMonth(asOfDay)}`, `{ leaderboard(villageCode: "330402001001", month: "${lastWholeMonth(asOfDay)}", top: 10) { entries { rank points balance person { id name } } } }`] as [string, string]]
      : []),
    ...(late.includes('assessments')
      ? [[`township ${TOWNSHIP} star ratings ${Number(asOfDay.slice(0, 4)) - 1}`, `{ partyMemberRatings(first: 10, filter: { areaCode: "${TOWNSHIP}", year: ${Number(asOfDay.slice(0, 4)) - 1} }) { totalCount edges { node { personId stars final outcomes } } } }`] as [string, string]]
      : []),
  ];
  for (const [title, query] of queries) {
    const started = performance.now();
    const response = await fetch(values.gateway!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query }),
    });
    const ms = performance.now() - started;
    const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string }> };
    const ok = response.ok && !body.errors && body.data !== null;
    check(ok, `${title}: HTTP ${response.status} in ${ms.toFixed(0)} ms${body.errors ? ` errors: ${body.errors.map((e) => e.message).join('; ')}` : ''}`);
    print(`     ${JSON.stringify(body.data).slice(0, 600)}`);
  }
}

/** Columns that differ between runs by design: AES-GCM ciphertexts with random IVs. */
const VOLATILE = new Set(['id_number_sealed', 'phone_sealed']);

/** The tables the loaders fill (the rest are empty or hold what the migrations insert, with now() timestamps). */
const LOADED_TABLES: Record<string, string[]> = {
  organizations: ['area', 'department', 'organization'],
  grids: ['grid', 'micro_grid', 'grid_staff', 'household_assignment', 'coverage_link', 'hazard'],
  people: ['household', 'person', 'residence', 'person_tag', 'party_membership'],
  cases: ['case', 'case_history', 'supervision', 'case_number_counter', 'case_daily_stat', 'case_area_month_stat', 'case_status_count', 'case_status_month_count', 'case_worker_stat'],
  ...(late.includes('volunteers')
    ? {
        volunteers: [
          'volunteer', 'team', 'team_membership', 'double_report', 'redemption_item', 'activity', 'activity_sign_up', 'service_order', 'manual_award',
          'point_declaration', 'point_veto', 'redemption', 'point_account', 'ledger_posting', 'ledger_entry',
        ],
      }
    : {}),
  ...(late.includes('assessments')
    ? { assessments: ['party_member_rating', 'rating_round', 'rating_entry', 'rating_step_record', 'assessment', 'staff_activity_day', 'grid_satisfaction_day', 'case_projection'] }
    : {}),
};

async function fingerprint(): Promise<void> {
  print('\n== fingerprints of the loaded tables (md5 of every row in key order, sealed ciphertexts left out)');
  for (const [service, tables] of Object.entries(LOADED_TABLES)) {
    for (const table of tables) {
      const columns = (await sql(service, `select column_name from information_schema.columns where table_schema = 'public' and table_name = '${table}' order by ordinal_position`))
        .map(([column]) => column)
        .filter((column) => !VOLATILE.has(column));
      const keys = await sql(service, `select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where i.indrelid = '"${table}"'::regclass and i.indisprimary`);
      const order = (keys.length > 0 ? keys.map(([key]) => key) : columns).map((column) => `"${column}"`).join(', ');
      // md5 per block of 100,000 rows, then of the blocks' digests (a string of 12 million rows would pass PostgreSQL's 1 GB limit).
      const [[rows, digest]] = await sql(
        service,
        `select coalesce(sum(n), 0), md5(string_agg(block, '' order by b)) from (
           select ord / 100000 as b, count(*) as n, md5(string_agg(row_text, E'\\n' order by ord)) as block
             from (select row(${columns.map((c) => `"${c}"`).join(', ')})::text as row_text, row_number() over (order by ${order}) as ord from "${table}") t group by 1) blocks`,
      );
      print(`  ${`${service}.${table}`.padEnd(36)} ${rows.padStart(10)} ${digest ?? '-'}`);
    }
  }
}

if (all || values.db) {
  await verifyDatabases();
  if (late.includes('volunteers')) await verifyVolunteers({ sql, check, print, asOfDay });
  if (late.includes('assessments')) await verifyAssessments({ sql, check, print, asOfDay });
}
if (values.fingerprint) await fingerprint();
if (all || values.explain) {
  await explainScenarios();
  if (late.includes('volunteers')) await explainLeaderboard();
}
if (all || values.graphql) await verifyGraphql();
print(failures.length === 0 ? '\nall checks passed' : `\n${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
process.exitCode = failures.length === 0 ? 0 : 1;
