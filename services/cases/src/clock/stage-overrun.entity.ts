import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { HandlingLevel } from '../case/case-enums.js';

/**
 * A holder that ran over its stage limit (DOMAIN.md §8.1): one row per missed stage, written by the
 * scheduler when it finds the limit passed (and by the migration for the stages of older cases). The
 * same fact goes out as `cases.case.stage_overrun`, which assessments charges to the holder (四培五考).
 */
@Entity({ tableName: 'case_stage_overrun' })
@Index({ name: 'case_stage_overrun_case_idx', properties: ['caseId'] })
@Index({ name: 'case_stage_overrun_grid_idx', expression: 'create index "case_stage_overrun_grid_idx" on "case_stage_overrun" ("grid_code" text_pattern_ops, "stage_due_at")' })
export class CaseStageOverrun {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  caseId: string;

  @Property({ type: 'text' })
  gridCode: string;

  @Enum({ items: () => HandlingLevel, nativeEnumName: 'handling_level' })
  level: HandlingLevel;

  @Property({ type: 'text', nullable: true })
  departmentCode: string | null = null;

  /** The user holding the case at that level, when one had taken it. */
  @Property({ type: 'text', nullable: true })
  holderUserId: string | null = null;

  @Property({ type: 'timestamptz' })
  stageStartedAt: Date;

  @Property({ type: 'timestamptz' })
  stageDueAt: Date;

  @Property({ type: 'timestamptz' })
  detectedAt: Date;
}
