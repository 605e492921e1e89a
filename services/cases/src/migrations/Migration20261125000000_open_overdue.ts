import { Migration } from '@mikro-orm/migrations';

/** Open overdue cases of an area, soonest deadline first, from an index of only those cases. */
export class Migration20261125000000_open_overdue extends Migration {

  override name = 'Migration20261125000000_open_overdue';

  override up(): void | Promise<void> {
    this.addSql(`create index "case_open_overdue_idx" on "case" ("grid_code" text_pattern_ops, "due_at", "id") where "overdue" and "status" in ('REPORTED', 'VERIFIED', 'ESCALATED', 'DISPATCHED', 'SENT_BACK', 'IN_PROGRESS');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "case_open_overdue_idx";`);
  }

}
