import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { prefixPattern } from '@lianxin/db';
import { todayInChina } from '../common/calendar-date.js';
import type { Tag } from '../tag/tag.entity.js';
import type { PopulationStats } from './population.types.js';

interface TotalsRow {
  prefix: string;
  total: number;
  registered: number;
  floating: number;
  away: number;
}

interface TagRow {
  prefix: string;
  tag_code: string;
  count: number;
}

/**
 * Counts come from two GROUP BY queries per code length over the grid-code prefix index, for all
 * requested areas at once; never by loading persons.
 */
@Injectable()
export class PopulationService {
  constructor(private readonly em: EntityManager) {}

  /** Stats for each area/grid code (codes of one request, any lengths), counting only `visibleTags`. */
  async statsFor(codes: readonly string[], visibleTags: readonly Tag[]): Promise<Map<string, PopulationStats>> {
    const result = new Map<string, PopulationStats>();
    for (const code of codes) result.set(code, { total: 0, registered: 0, floating: 0, away: 0, byTag: [] });
    const byLength = new Map<number, string[]>();
    for (const code of new Set(codes)) byLength.set(code.length, [...(byLength.get(code.length) ?? []), code]);
    const tagsByCode = new Map(visibleTags.map((tag) => [tag.code, tag]));
    const connection = this.em.getConnection();
    const today = todayInChina();
    for (const [length, group] of byLength) {
      const patterns = group.map((code) => prefixPattern(code));
      const matchAny = patterns.map(() => 'p.grid_code like ?').join(' or ');
      const totals = await connection.execute<TotalsRow[]>(
        `select left(p.grid_code, ${length}) as prefix, count(*)::int as total,
           count(*) filter (where p.residence_status = 'REGISTERED_RESIDENT')::int as registered,
           count(*) filter (where p.residence_status = 'FLOATING')::int as floating,
           count(*) filter (where p.residence_status = 'AWAY')::int as away
         from "person" p where (${matchAny}) group by 1`,
        patterns,
      );
      for (const row of totals) Object.assign(result.get(row.prefix)!, { total: row.total, registered: row.registered, floating: row.floating, away: row.away });
      if (tagsByCode.size === 0) continue;
      const tagRows = await connection.execute<TagRow[]>(
        `select left(p.grid_code, ${length}) as prefix, a.tag_code, count(distinct a.person_id)::int as count
         from "person_tag" a join "person" p on p.id = a.person_id
         where (${matchAny}) and a.tag_code in (${[...tagsByCode.keys()].map(() => '?').join(', ')})
           and a.valid_from <= ? and (a.valid_to is null or a.valid_to >= ?)
         group by 1, 2 order by 2`,
        [...patterns, ...tagsByCode.keys(), today, today],
      );
      for (const row of tagRows) result.get(row.prefix)!.byTag.push({ tag: tagsByCode.get(row.tag_code)!, count: row.count });
    }
    return result;
  }
}
