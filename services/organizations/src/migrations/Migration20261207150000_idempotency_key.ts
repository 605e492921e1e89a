import { Migration } from '@mikro-orm/migrations';
import { createIdempotencyKeyTable, dropIdempotencyKeyTable } from '@lianxin/db';

/** Issue 17: the idempotency-key store of offline-safe writes (@lianxin/db), with the created_at index of the purge. */
export class Migration20261207150000_idempotency_key extends Migration {

  override name = 'Migration20261207150000_idempotency_key';

  override up(): void | Promise<void> {
    createIdempotencyKeyTable(this);
  }

  override down(): void | Promise<void> {
    dropIdempotencyKeyTable(this);
  }

}
