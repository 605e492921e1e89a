import { Migration } from '@mikro-orm/migrations';
import { createIdempotencyKeyTable, dropIdempotencyKeyTable } from '@lianxin/db';

/** Issue 17: the idempotency-key store of offline-safe writes (@lianxin/db claimIdempotencyKey); the table only, as first applied. */
export class Migration20261207113000_idempotency_key extends Migration {

  override name = 'Migration20261207113000_idempotency_key';

  override up(): void | Promise<void> {
    createIdempotencyKeyTable(this, false);
  }

  override down(): void | Promise<void> {
    dropIdempotencyKeyTable(this);
  }

}
