import { Migration } from '@mikro-orm/migrations';

/** Statistics of an area for a period read the counters from the index alone (index-only scan). */
export class Migration20261124000000_daily_stat_covering extends Migration {

  override name = 'Migration20261124000000_daily_stat_covering';

  override up(): void | Promise<void> {
    this.addSql(`create index "case_daily_stat_area_day_idx" on "case_daily_stat" ("area_code", "day") include ("category_code", "case_class", "source", "reported", "resolved", "resolved_on_time", "resolved_at_grid", "resolved_at_village", "resolved_at_township", "resolved_above", "handling_minutes", "ever_resolved", "rated", "satisfied", "basically_satisfied", "unsatisfied", "reopened", "reopened_cases", "overdue");`);
    this.addSql(`drop index "case_daily_stat_day_idx";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create index "case_daily_stat_day_idx" on "case_daily_stat" ("area_code", "day");`);
    this.addSql(`drop index "case_daily_stat_area_day_idx";`);
  }

}
