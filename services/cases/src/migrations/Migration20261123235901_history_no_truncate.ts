import { Migration } from '@mikro-orm/migrations';

/** case_history is append-only: besides the row trigger on UPDATE/DELETE (entity), refuse TRUNCATE. */
export class Migration20261123235901_history_no_truncate extends Migration {

  override name = 'Migration20261123235901_history_no_truncate';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "case_history_no_truncate_fn"() returns trigger as $$ begin raise exception 'case_history is append-only' using errcode = 'restrict_violation'; end; $$ language plpgsql;`);
    this.addSql(`create trigger "case_history_no_truncate" before truncate on "case_history" for each statement execute function "case_history_no_truncate_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "case_history_no_truncate" on "case_history";`);
    this.addSql(`drop function if exists "case_history_no_truncate_fn"();`);
  }

}
