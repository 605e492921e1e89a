import { Migration } from '@mikro-orm/migrations';

export class Migration20261123010841_initial extends Migration {
  override name = 'Migration20261123010841_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "police_record" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "grid_code" text not null, "title" text not null, "notes" text null, "occurred_at" timestamptz not null, "recorded_by" text not null, primary key ("id"));`);
    this.addSql(`create index "police_record_grid_code_idx" on "police_record" ("grid_code" text_pattern_ops);`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "seq" bigserial, "subject" text not null, "envelope" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("seq") where "published_at" is null;`);

    this.addSql(`create table "processed_event" ("consumer" text not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "police_record" cascade;`);
    this.addSql(`drop table if exists "outbox_event" cascade;`);
    this.addSql(`drop table if exists "processed_event" cascade;`);
  }
}
