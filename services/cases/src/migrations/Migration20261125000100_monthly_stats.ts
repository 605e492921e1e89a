import { Migration } from '@mikro-orm/migrations';
import { MONTHLY_FILL_SQL } from '../stats/monthly-rollup.js';

/**
 * Monthly rollups of the per-area day counters and status counts (a quarter reads 3 rows per area
 * instead of ~90), filled from the daily tables with the SQL rebuildStats (and so the scale loader)
 * uses. That SQL follows DAILY_COUNTERS: a migration that adds a counter must first freeze the fill
 * here to today's columns.
 */
export class Migration20261125000100_monthly_stats extends Migration {

  override name = 'Migration20261125000100_monthly_stats';

  override up(): void | Promise<void> {
    this.addSql(`create table "case_area_month_stat" ("area_code" text not null, "month" date not null, "reported" int not null default 0, "resolved" int not null default 0, "resolved_on_time" int not null default 0, "resolved_at_grid" int not null default 0, "resolved_at_village" int not null default 0, "resolved_at_township" int not null default 0, "resolved_above" int not null default 0, "handling_minutes" bigint not null default '0', "ever_resolved" int not null default 0, "rated" int not null default 0, "satisfied" int not null default 0, "basically_satisfied" int not null default 0, "unsatisfied" int not null default 0, "reopened" int not null default 0, "reopened_cases" int not null default 0, "overdue" int not null default 0, primary key ("area_code", "month"));`);
    this.addSql(`create table "case_status_month_count" ("area_code" text not null, "month" date not null, "status" "case_status" not null, "count" int not null default 0, primary key ("area_code", "month", "status"));`);
    // Writers wait until the rollups are filled, so no case change falls between the fill and the new code.
    this.addSql(`lock table "case_area_day_stat", "case_status_count" in share mode;`);
    for (const fill of MONTHLY_FILL_SQL) this.addSql(`${fill};`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table "case_status_month_count";`);
    this.addSql(`drop table "case_area_month_stat";`);
  }

}
