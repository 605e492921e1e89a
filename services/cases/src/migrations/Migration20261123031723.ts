import { Migration } from '@mikro-orm/migrations';

export class Migration20261123031723 extends Migration {

  override name = 'Migration20261123031723';

  override up(): void | Promise<void> {
    this.addSql(`create index "case_overdue_grid_code_idx" on "case" ("grid_code" text_pattern_ops) where "overdue";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "case_overdue_grid_code_idx";`);
  }

}
