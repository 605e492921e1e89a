import { Migration } from '@mikro-orm/migrations';

/** §8.3: care slots left undone per staff member and day (staff_activity_day.care_missed, from grids.care.overdue). */
export class Migration20261207132000_care_missed extends Migration {
  override name = 'Migration20261207132000_care_missed';

  override up(): void | Promise<void> {
    this.addSql(`alter table "staff_activity_day" add column "care_missed" int not null default 0;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "staff_activity_day" drop column "care_missed";`);
  }
}
