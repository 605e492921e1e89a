import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Persons per grid and residence status, kept by triggers on `person` (population-triggers.ts) in the
 * same transaction as every write, so an area's population is a sum over its grids' rows instead of a
 * scan of every person below it. Rebuilt from the ledger by rebuildPopulationCounters.
 */
@Entity({ tableName: 'population_count' })
@Index({ name: 'population_count_grid_code_idx', expression: 'create index "population_count_grid_code_idx" on "population_count" ("grid_code" text_pattern_ops)' })
export class PopulationCount {
  @PrimaryKey({ type: 'text' })
  gridCode: string;

  @Property({ type: 'integer', default: 0 }) total: number;
  @Property({ type: 'integer', default: 0 }) registered: number;
  @Property({ type: 'integer', default: 0 }) floating: number;
  @Property({ type: 'integer', default: 0 }) away: number;
}

/**
 * Persons per grid who hold an open-ended assignment (`valid_to` null) of a tag, whatever its
 * `valid_from`. "Carries the tag today" changes with the calendar alone, without any write, so it
 * cannot be a stored counter: PopulationService adds a correction for the few assignments whose
 * state depends on the day (dated ones not yet ended, open-ended ones not yet started), found
 * through two partial indexes on person_tag. See population-counters.ts.
 */
@Entity({ tableName: 'population_tag_count' })
@Index({
  name: 'population_tag_count_grid_code_idx',
  expression: 'create index "population_tag_count_grid_code_idx" on "population_tag_count" ("grid_code" text_pattern_ops)',
})
export class PopulationTagCount {
  @PrimaryKey({ type: 'text' })
  gridCode: string;

  @PrimaryKey({ type: 'text' })
  tagCode: string;

  @Property({ type: 'integer', default: 0 })
  persons: number;
}

export const populationCountEntities = [PopulationCount, PopulationTagCount];
