import { Migration } from '@mikro-orm/migrations';

/** The step log and the rating sheets are append-only: besides the row triggers on UPDATE/DELETE (entities), refuse TRUNCATE. */
export class Migration20261123015859_step_log_no_truncate extends Migration {

  override name = 'Migration20261123015859_step_log_no_truncate';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "rating_append_only_no_truncate_fn"() returns trigger as $$ begin raise exception '% is append-only', TG_TABLE_NAME using errcode = 'restrict_violation'; end; $$ language plpgsql;`);
    this.addSql(`create trigger "rating_step_record_no_truncate" before truncate on "rating_step_record" for each statement execute function "rating_append_only_no_truncate_fn"();`);
    this.addSql(`create trigger "rating_entry_no_truncate" before truncate on "rating_entry" for each statement execute function "rating_append_only_no_truncate_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "rating_step_record_no_truncate" on "rating_step_record";`);
    this.addSql(`drop trigger if exists "rating_entry_no_truncate" on "rating_entry";`);
    this.addSql(`drop function if exists "rating_append_only_no_truncate_fn"();`);
  }

}
