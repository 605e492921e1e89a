/**
 * The population query PopulationService ran before the counters (GROUP BY over every person below
 * the area, person_tag joined for the tags), kept verbatim as the reference the counters must equal.
 */
export interface ScannedStats {
  total: number;
  registered: number;
  floating: number;
  away: number;
  byTag: Array<{ code: string; count: number }>;
}

type Sql = <T>(query: string, params?: unknown[]) => Promise<T[]>;

export async function populationByScan(sql: Sql, codes: readonly string[], tagCodes: readonly string[], day: string): Promise<Map<string, ScannedStats>> {
  const result = new Map<string, ScannedStats>();
  for (const code of codes) result.set(code, { total: 0, registered: 0, floating: 0, away: 0, byTag: [] });
  const byLength = new Map<number, string[]>();
  for (const code of new Set(codes)) byLength.set(code.length, [...(byLength.get(code.length) ?? []), code]);
  for (const [length, group] of byLength) {
    const patterns = group.map((code) => `${code}%`);
    const matchAny = patterns.map(() => 'p.grid_code like ?').join(' or ');
    const totals = await sql<{ prefix: string; total: number; registered: number; floating: number; away: number }>(
      `select left(p.grid_code, ${length}) as prefix, count(*)::int as total,
         count(*) filter (where p.residence_status = 'REGISTERED_RESIDENT')::int as registered,
         count(*) filter (where p.residence_status = 'FLOATING')::int as floating,
         count(*) filter (where p.residence_status = 'AWAY')::int as away
       from "person" p where (${matchAny}) group by 1`,
      patterns,
    );
    for (const row of totals) Object.assign(result.get(row.prefix)!, { total: row.total, registered: row.registered, floating: row.floating, away: row.away });
    if (tagCodes.length === 0) continue;
    const tagRows = await sql<{ prefix: string; tag_code: string; count: number }>(
      `select left(p.grid_code, ${length}) as prefix, a.tag_code, count(distinct a.person_id)::int as count
       from "person_tag" a join "person" p on p.id = a.person_id
       where (${matchAny}) and a.tag_code in (${tagCodes.map(() => '?').join(', ')})
         and a.valid_from <= ? and (a.valid_to is null or a.valid_to >= ?)
       group by 1, 2 order by 2`,
      [...patterns, ...tagCodes, day, day],
    );
    for (const row of tagRows) result.get(row.prefix)!.byTag.push({ code: row.tag_code, count: row.count });
  }
  return result;
}
