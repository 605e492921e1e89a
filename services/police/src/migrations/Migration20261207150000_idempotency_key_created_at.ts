import { Migration } from '@mikro-orm/migrations';
import { idempotencyKeySql } from '@lianxin/db';

/** Issue 17: an index on idempotency_key.created_at for the purge of old keys (@lianxin/db purgeIdempotencyKeys). */
export class Migration20261207150000_idempotency_key_created_at extends Migration {

  override name = 'Migration20261207150000_idempotency_key_created_at';

  override up(): void | Promise<void> {
    this.addSql(idempotencyKeySql.createIndex);
  }

  override down(): void | Promise<void> {
    this.addSql(idempotencyKeySql.dropIndex);
  }

}
