import { Migration } from '@mikro-orm/migrations';

export class Migration20261123012839 extends Migration {

  override name = 'Migration20261123012839';

  override up(): void | Promise<void> {
    this.addSql(`create index "case_reported_by_idx" on "case" ("reported_by_user_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "case_reported_by_idx";`);
  }

}
