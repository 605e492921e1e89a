import { Migration } from '@mikro-orm/migrations';

/**
 * The audit action of `rotate-data-key.js` (personal-data key rotation, one line per run).
 *
 * down() has nothing to undo that PostgreSQL allows: an enum value cannot be removed from a type while
 * rows may hold it, and audit_log is append-only; older code never writes the value and reads it only
 * through the GraphQL enum, so it is left in place. Sealed values written by this version carry a key
 * id (personal-data-vault.ts); older code cannot open those — going back needs a re-seal, not SQL.
 */
export class Migration20261207091402 extends Migration {

  override name = 'Migration20261207091402';

  override up(): void | Promise<void> {
    this.addSql(`alter type "audit_action" add value if not exists 'KEY_ROTATION' after 'LINK_CODE_REDEEM';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`select 1;`);
  }

}
