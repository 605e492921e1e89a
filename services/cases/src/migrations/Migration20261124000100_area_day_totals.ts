import { Migration } from '@mikro-orm/migrations';

/**
 * Counters per area and day (case_daily_stat summed over category, class and source), filled from
 * the daily counters; and the status counts readable from their index alone.
 */
export class Migration20261124000100_area_day_totals extends Migration {

  override name = 'Migration20261124000100_area_day_totals';

  override up(): void | Promise<void> {
    this.addSql(`create table "case_area_day_stat" ("area_code" text not null, "day" date not null, "reported" int not null default 0, "resolved" int not null default 0, "resolved_on_time" int not null default 0, "resolved_at_grid" int not null default 0, "resolved_at_village" int not null default 0, "resolved_at_township" int not null default 0, "resolved_above" int not null default 0, "handling_minutes" bigint not null default '0', "ever_resolved" int not null default 0, "rated" int not null default 0, "satisfied" int not null default 0, "basically_satisfied" int not null default 0, "unsatisfied" int not null default 0, "reopened" int not null default 0, "reopened_cases" int not null default 0, "overdue" int not null default 0, primary key ("area_code", "day"));`);
    this.addSql(`insert into "case_area_day_stat" ("area_code", "day", "reported", "resolved", "resolved_on_time", "resolved_at_grid", "resolved_at_village", "resolved_at_township", "resolved_above", "handling_minutes", "ever_resolved", "rated", "satisfied", "basically_satisfied", "unsatisfied", "reopened", "reopened_cases", "overdue") select "area_code", "day", sum("reported"), sum("resolved"), sum("resolved_on_time"), sum("resolved_at_grid"), sum("resolved_at_village"), sum("resolved_at_township"), sum("resolved_above"), sum("handling_minutes"), sum("ever_resolved"), sum("rated"), sum("satisfied"), sum("basically_satisfied"), sum("unsatisfied"), sum("reopened"), sum("reopened_cases"), sum("overdue") from "case_daily_stat" group by 1, 2;`);
    this.addSql(`create index "case_status_count_area_day_idx" on "case_status_count" ("area_code", "day") include ("status", "count");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "case_status_count_area_day_idx";`);
    this.addSql(`drop table "case_area_day_stat";`);
  }

}
