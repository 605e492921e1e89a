/**
 * The SQL PopulationService sends, for codes of one length (the prefix length) at a time, with `?`
 * placeholders; exported so tools/scale/verify.ts explains exactly these statements.
 */

const matchAny = (column: string, codeCount: number) => `(${Array.from({ length: codeCount }, () => `${column} like ?`).join(' or ')})`;
const inList = (column: string, count: number) => `${column} in (${Array.from({ length: count }, () => '?').join(', ')})`;

/** Totals per code: parameters are the codes' LIKE patterns. */
export function populationTotalsSql(prefixLength: number, codeCount: number): string {
  return `select left(c.grid_code, ${prefixLength}) as prefix, sum(c.total)::int as total, sum(c.registered)::int as registered,
      sum(c.floating)::int as floating, sum(c.away)::int as away
    from "population_count" c where ${matchAny('c.grid_code', codeCount)} group by 1`;
}

/**
 * Persons per code and tag carried on a day: the open-ended holders counted in population_tag_count,
 * plus the day's correction. The correction covers the (person, tag) pairs whose answer the counters
 * cannot know: assignments with an end date not yet passed, and open-ended ones not yet started. For
 * every other pair, carrying on the day = holding an open-ended assignment = what the counter counts,
 * so adding (carries − holds) over these pairs makes the sum exact. Both candidate sets come from
 * partial indexes and stay small: ended history (valid_to < day) is never read.
 *
 * The county-scale data (1,039,289 persons, 388,417 assignments) has 6,123 dated assignments, all
 * ended, and none starting later, so the correction reads no rows there. A ledger with many live
 * dated tags would make it as slow as those tags are many, never as slow as the population.
 */
export function populationByTagSql(prefixLength: number, codeCount: number, tagCount: number): string {
  return `select prefix, tag_code, sum(persons)::int as count from (
      select left(c.grid_code, ${prefixLength}) as prefix, c.tag_code, c.persons from "population_tag_count" c
      where ${matchAny('c.grid_code', codeCount)} and ${inList('c.tag_code', tagCount)}
      union all
      select left(p.grid_code, ${prefixLength}) as prefix, k.tag_code, s.carries - s.holds
      from (
        select a.person_id, a.tag_code from "person_tag" a where a.valid_to is not null and a.valid_to >= ?
        union
        select a.person_id, a.tag_code from "person_tag" a where a.valid_to is null and a.valid_from > ?
      ) k
      join "person" p on p.id = k.person_id
      cross join lateral (
        select bool_or(a.valid_from <= ? and (a.valid_to is null or a.valid_to >= ?))::int as carries, bool_or(a.valid_to is null)::int as holds
        from "person_tag" a where a.person_id = k.person_id and a.tag_code = k.tag_code
      ) s
      where ${matchAny('p.grid_code', codeCount)} and ${inList('k.tag_code', tagCount)}
    ) counted group by 1, 2 having sum(persons) > 0 order by 2`;
}

/** Parameters of populationByTagSql, in order. */
export function populationByTagParams(patterns: readonly string[], tagCodes: readonly string[], day: string): string[] {
  return [...patterns, ...tagCodes, day, day, day, day, ...patterns, ...tagCodes];
}
