import { Migration } from '@mikro-orm/migrations';

/**
 * §8.8 need to know, keyed by department *and* area: department codes are unique per county only
 * (organizations: unique area_code + code), so a row naming CIVIL_AFFAIRS alone let one county's civil
 * affairs staff read a person of their county who reported a case in another county, dispatched to that
 * county's civil affairs. The case's grid code is kept with the row; staff need to know the reporters of
 * cases inside their own area only.
 *
 * Rows written before this migration have no grid code and grant nothing (the secure default); the
 * consumer fills the column when the case's next event arrives.
 */
export class Migration20261207220000_department_case_area extends Migration {

  override name = 'Migration20261207220000_department_case_area';

  override up(): void | Promise<void> {
    this.addSql(`alter table "department_case_person" add column "case_grid_code" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "department_case_person" drop column "case_grid_code";`);
  }

}
