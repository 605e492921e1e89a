import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { MonthlyFigures } from './monthly-report.figures.js';

/**
 * The monthly analysis report (§8.4) of one county or township for one calendar month: the figures it
 * shows and its two files (XLSX, PDF) in the object store. One row per area and month (unique): the
 * schedule and on-demand requests find the same report instead of making another.
 */
@Entity({ tableName: 'monthly_report' })
@Unique({ name: 'monthly_report_area_month_unique', properties: ['areaCode', 'month'] })
export class MonthlyReport {
  [OptionalProps]?: 'id' | 'generatedAt' | 'generatedBy' | 'xlsxKey' | 'pdfKey' | 'figures' | 'generations';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** County (6 digits) or township (9 digits). */
  @Property({ type: 'text' })
  areaCode!: string;

  /** YYYY-MM. */
  @Property({ type: 'text' })
  month!: string;

  @Property({ type: 'jsonb', nullable: true })
  figures: MonthlyFigures | null = null;

  @Property({ type: 'text', nullable: true })
  xlsxKey: string | null = null;

  @Property({ type: 'text', nullable: true })
  pdfKey: string | null = null;

  /** 'schedule' or the Keycloak subject of who asked for it. */
  @Property({ type: 'text', nullable: true })
  generatedBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  generatedAt: Date | null = null;

  /** How often it was generated (regenerate: true makes it again with the counters of now). */
  @Property({ type: 'integer' })
  generations: number = 0;
}
