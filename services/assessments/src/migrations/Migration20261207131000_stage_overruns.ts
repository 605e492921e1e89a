import { Migration } from '@mikro-orm/migrations';

/**
 * DOMAIN.md §8.1 and §8.2 in the platform statistics (四培五考): stage overruns charged to the holder
 * (staff_activity_day.stage_overruns, from cases.case.stage_overrun), the ratings a staff member entered
 * at return visits (staff_entered_rating_day, left out of their own score), which rating a case's
 * projection counted as entered by whom and whether it was reopened (never on time after that), and the overruns kept on a completed assessment. Starts at zero:
 * the case events before it carried no stage overruns and no proxy flag.
 */
export class Migration20261207131000_stage_overruns extends Migration {

  override name = 'Migration20261207131000_stage_overruns';

  override up(): void | Promise<void> {
    this.addSql(`alter table "staff_activity_day" add column "stage_overruns" int not null default 0;`);
    this.addSql(`create table "staff_entered_rating_day" ("user_id" text not null, "grid_code" text not null, "day" date not null, "satisfied" int not null default 0, "basically_satisfied" int not null default 0, "unsatisfied" int not null default 0, primary key ("user_id", "grid_code", "day"));`);
    this.addSql(`alter table "case_projection" add column "reopened" boolean not null default false, add column "rating_entered_by" text null;`);
    this.addSql(`alter table "assessment" add column "platform_stage_overruns" int not null default 0;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "assessment" drop column "platform_stage_overruns";`);
    this.addSql(`alter table "case_projection" drop column "reopened", drop column "rating_entered_by";`);
    this.addSql(`drop table if exists "staff_entered_rating_day" cascade;`);
    this.addSql(`alter table "staff_activity_day" drop column "stage_overruns";`);
  }

}
