import { Migration } from '@mikro-orm/migrations';

/** The ledger is append-only: besides the row triggers on UPDATE/DELETE (entities), refuse TRUNCATE (statement triggers the schema diff does not read back). */
export class Migration20261123021048_ledger_no_truncate extends Migration {

  override name = 'Migration20261123021048_ledger_no_truncate';

  override up(): void | Promise<void> {
    this.addSql(`create or replace function "ledger_no_truncate_fn"() returns trigger as $$ begin raise exception '% is append-only', TG_TABLE_NAME using errcode = 'restrict_violation'; end; $$ language plpgsql;`);
    for (const table of ['ledger_posting', 'ledger_entry']) {
      this.addSql(`create trigger "${table}_no_truncate" before truncate on "${table}" for each statement execute function "ledger_no_truncate_fn"();`);
    }
  }

  override down(): void | Promise<void> {
    for (const table of ['ledger_posting', 'ledger_entry']) this.addSql(`drop trigger if exists "${table}_no_truncate" on "${table}";`);
    this.addSql(`drop function if exists "ledger_no_truncate_fn"();`);
  }

}
