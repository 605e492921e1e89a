import { Migration } from '@mikro-orm/migrations';

export class Migration20261123013739 extends Migration {

  override name = 'Migration20261123013739';

  override up(): void | Promise<void> {
    this.addSql(`create index "case_grid_reported_idx" on "case" ("grid_code" text_pattern_ops, "reported_at", "id");`);
    this.addSql(`create index "case_reported_at_idx" on "case" ("reported_at", "id");`);
    this.addSql(`create index "case_co_reporter_persons_idx" on "case" using gin ("co_reporter_person_ids");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "case_grid_reported_idx";`);
    this.addSql(`drop index "case_reported_at_idx";`);
    this.addSql(`drop index "case_co_reporter_persons_idx";`);
  }

}
