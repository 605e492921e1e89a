import { Migration } from '@mikro-orm/migrations';

export class Migration20261123011318 extends Migration {

  override name = 'Migration20261123011318';

  override up(): void | Promise<void> {
    this.addSql(`create table "community_officer" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "grid_code" text not null, "name" text not null, "badge_number" text not null, "phone" text not null, "police_station" text not null, "assigned_from" timestamptz not null, "assigned_until" timestamptz null, "assigned_by" text not null, primary key ("id"));`);
    this.addSql(`create index "community_officer_badge_number_idx" on "community_officer" ("badge_number");`);
    this.addSql(`create unique index "community_officer_active_grid_uniq" on "community_officer" ("grid_code") where "assigned_until" is null;`);
    this.addSql(`create index "community_officer_grid_code_idx" on "community_officer" ("grid_code" text_pattern_ops);`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "seq" bigserial, "subject" text not null, "envelope" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("seq") where "published_at" is null;`);

    this.addSql(`create table "police_patrol" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "grid_code" text not null, "route" text not null, "findings" text null, "patrolled_at" timestamptz not null, "officer_id" uuid null, "recorded_by" text not null, primary key ("id"));`);
    this.addSql(`create index "police_patrol_officer_id_idx" on "police_patrol" ("officer_id");`);
    this.addSql(`create index "police_patrol_grid_newest_idx" on "police_patrol" ("grid_code", "patrolled_at", "id");`);
    this.addSql(`create index "police_patrol_grid_code_idx" on "police_patrol" ("grid_code" text_pattern_ops);`);

    this.addSql(`create table "processed_event" ("consumer" text not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "community_officer" cascade;`);
    this.addSql(`drop table if exists "outbox_event" cascade;`);
    this.addSql(`drop table if exists "police_patrol" cascade;`);
    this.addSql(`drop table if exists "processed_event" cascade;`);
  }

}
