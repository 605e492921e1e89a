import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * Platform statistics kept as projections of other services' events (no queries into their
 * databases). Rows are per Beijing day, so any period is a range sum.
 */

/** What one staff member did in one grid on one day: visits (grids) and cases found and closed (cases). */
@Entity({ tableName: 'staff_activity_day' })
@Index({ name: 'staff_activity_day_grid_idx', expression: 'create index "staff_activity_day_grid_idx" on "staff_activity_day" ("grid_code" text_pattern_ops, "day")' })
export class StaffActivityDay {
  @PrimaryKey({ type: 'text' })
  userId: string;

  @PrimaryKey({ type: 'text' })
  gridCode: string;

  @PrimaryKey({ type: 'date' })
  day: string;

  @Property({ type: 'integer' })
  visits: number = 0;

  @Property({ type: 'integer' })
  casesFound: number = 0;

  @Property({ type: 'integer' })
  casesClosed: number = 0;

  @Property({ type: 'integer' })
  casesClosedOnTime: number = 0;

  /** §8.1: stage limits this staff member ran over as the case's holder. */
  @Property({ type: 'integer' })
  stageOverruns: number = 0;

  /** §8.3: care slots (四个一) of the member's households left undone past their day (grids.care.overdue). */
  @Property({ type: 'integer' })
  careMissed: number = 0;
}

/** §8.2: ratings a staff member entered for residents (return visits) in a grid on a day; their own score leaves them out. */
@Entity({ tableName: 'staff_entered_rating_day' })
export class StaffEnteredRatingDay {
  @PrimaryKey({ type: 'text' })
  userId: string;

  @PrimaryKey({ type: 'text' })
  gridCode: string;

  @PrimaryKey({ type: 'date' })
  day: string;

  @Property({ type: 'integer' })
  satisfied: number = 0;

  @Property({ type: 'integer' })
  basicallySatisfied: number = 0;

  @Property({ type: 'integer' })
  unsatisfied: number = 0;
}

/** Residents' ratings of the cases of a grid, on the day they rated (the latest rating per case counts). */
@Entity({ tableName: 'grid_satisfaction_day' })
export class GridSatisfactionDay {
  @PrimaryKey({ type: 'text' })
  gridCode: string;

  @PrimaryKey({ type: 'date' })
  day: string;

  @Property({ type: 'integer' })
  satisfied: number = 0;

  @Property({ type: 'integer' })
  basicallySatisfied: number = 0;

  @Property({ type: 'integer' })
  unsatisfied: number = 0;
}

/**
 * What the case consumer remembers of each case between its events: whose case it is in the grid,
 * whether it went overdue, and which closure and rating it last counted, so a reopening or a new
 * rating can take back what was counted before.
 */
@Entity({ tableName: 'case_projection' })
export class CaseProjection {
  @PrimaryKey({ type: 'uuid' })
  caseId: string;

  @Property({ type: 'text' })
  gridCode: string;

  @Property({ type: 'text', nullable: true })
  gridWorkerUserId: string | null = null;

  @Property({ type: 'boolean' })
  overdue: boolean = false;

  @Property({ type: 'date', nullable: true })
  resolvedDay: string | null = null;

  @Property({ type: 'text[]' })
  resolutionCredits: string[] = [];

  @Property({ type: 'boolean' })
  resolvedOnTime: boolean = false;

  @Property({ type: 'text', nullable: true })
  rating: string | null = null;

  @Property({ type: 'date', nullable: true })
  ratedDay: string | null = null;

  /** §8.1: reopened at least once (its later closures are never on time). */
  @Property({ type: 'boolean' })
  reopened: boolean = false;

  /** §8.2: the staff member who entered the counted rating (return visit), null for the resident's own. */
  @Property({ type: 'text', nullable: true })
  ratingEnteredBy: string | null = null;
}
