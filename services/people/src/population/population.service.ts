import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { prefixPattern } from '@lianxin/db';
import { todayInChina } from '../common/calendar-date.js';
import type { Tag } from '../tag/tag.entity.js';
import { populationByTagParams, populationByTagSql, populationTotalsSql } from './population-queries.js';
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
 * Counts are sums over the per-grid counters the triggers keep (population_count,
 * population_tag_count), two queries per code length for all requested areas at once; tag counts add
 * the correction for assignments whose "carried today" depends on the day (population-queries.ts).
 * Never a scan of the persons below an area.
 */
@Injectable()
export class PopulationService {
  constructor(private readonly em: EntityManager) {}

  /** Stats for each area/grid code (codes of one request, any lengths), counting only `visibleTags` carried on `day`. */
  async statsFor(codes: readonly string[], visibleTags: readonly Tag[], day: string = todayInChina()): Promise<Map<string, PopulationStats>> {
    const result = new Map<string, PopulationStats>();
    for (const code of codes) result.set(code, { total: 0, registered: 0, floating: 0, away: 0, byTag: [] });
    const byLength = new Map<number, string[]>();
    for (const code of new Set(codes)) byLength.set(code.length, [...(byLength.get(code.length) ?? []), code]);
    const tagsByCode = new Map(visibleTags.map((tag) => [tag.code, tag]));
    const tagCodes = [...tagsByCode.keys()];
    const connection = this.em.getConnection();
    for (const [length, group] of byLength) {
      const patterns = group.map((code) => prefixPattern(code));
      const totals = await connection.execute<TotalsRow[]>(populationTotalsSql(length, patterns.length), patterns);
      for (const row of totals) Object.assign(result.get(row.prefix)!, { total: row.total, registered: row.registered, floating: row.floating, away: row.away });
      if (tagCodes.length === 0) continue;
      const tagRows = await connection.execute<TagRow[]>(populationByTagSql(length, patterns.length, tagCodes.length), populationByTagParams(patterns, tagCodes, day));
      for (const row of tagRows) result.get(row.prefix)!.byTag.push({ tag: tagsByCode.get(row.tag_code)!, count: row.count });
    }
    return result;
  }
}
