import { Migration } from '@mikro-orm/migrations';

/**
 * Monthly rollups of the per-area day counters and status counts (a quarter reads 3 rows per area
 * instead of ~90), filled from the daily tables with the SQL rebuildStats (and so the scale loader)
 * used then, frozen here to the counters of that time (the §8.1/§8.2 counters came later, in
 * Migration20261207130000_case_clock).
 */
const MONTHLY_FILL_SQL = [
  `insert into "case_area_month_stat" ("area_code", "month", "reported", "resolved", "resolved_on_time", "resolved_at_grid", "resolved_at_village", "resolved_at_township", "resolved_above", "handling_minutes", "ever_resolved", "rated", "satisfied", "basically_satisfied", "unsatisfied", "reopened", "reopened_cases", "overdue") select "area_code", date_trunc('month', "day"::timestamp)::date as "month", sum("reported") as "reported", sum("resolved") as "resolved", sum("resolved_on_time") as "resolved_on_time", sum("resolved_at_grid") as "resolved_at_grid", sum("resolved_at_village") as "resolved_at_village", sum("resolved_at_township") as "resolved_at_township", sum("resolved_above") as "resolved_above", sum("handling_minutes") as "handling_minutes", sum("ever_resolved") as "ever_resolved", sum("rated") as "rated", sum("satisfied") as "satisfied", sum("basically_satisfied") as "basically_satisfied", sum("unsatisfied") as "unsatisfied", sum("reopened") as "reopened", sum("reopened_cases") as "reopened_cases", sum("overdue") as "overdue" from "case_area_day_stat" group by 1, 2 order by 1, 2`,
  `insert into "case_status_month_count" ("area_code", "month", "status", "count") select "area_code", date_trunc('month', "day"::timestamp)::date as "month", "status", sum("count") as "count" from "case_status_count" group by 1, 2, 3 order by 1, 2, 3`,
];
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
