import { Migration } from '@mikro-orm/migrations';

/** Issue 17: the idempotency-key store of offline-safe writes (@lianxin/db claimIdempotencyKey). */
export class Migration20261207113000_idempotency_key extends Migration {

  override name = 'Migration20261207113000_idempotency_key';

  override up(): void | Promise<void> {
    this.addSql(`create table "idempotency_key" ("caller" text not null, "operation" text not null, "client_key" text not null, "request_hash" text not null, "field_hashes" jsonb not null, "salt" text not null, "result" jsonb not null, "created_at" timestamptz not null, primary key ("caller", "operation", "client_key"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "idempotency_key" cascade;`);
  }

}
