import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15: case categories of a county. Existing categories stay national (county_code null): the first
 * migration seeded them as the national catalogue, and nothing recorded which county added any later one.
 */
export class Migration20261207133000_category_county extends Migration {
  override name = 'Migration20261207133000_category_county';

  override up(): void | Promise<void> {
    this.addSql(`alter table "case_category" add "county_code" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "case_category" drop column "county_code";`);
  }
}
