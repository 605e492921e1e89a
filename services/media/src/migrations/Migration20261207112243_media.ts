import { Migration } from '@mikro-orm/migrations';

export class Migration20261207112243_media extends Migration {

  override name = 'Migration20261207112243_media';

  override up(): void | Promise<void> {
    this.addSql(`create type "media_owner_type" as enum ('CASE', 'HAZARD', 'VISIT', 'PATROL', 'SERVICE_ORDER', 'ACTIVITY_CHECK_IN');`);
    this.addSql(`create type "media_attachment_purpose" as enum ('REPORT', 'RESOLUTION', 'OTHER');`);
    this.addSql(`create type "media_attachment_state" as enum ('ATTACHED', 'PENDING_OWNER', 'REFUSED');`);
    this.addSql(`create type "media_deletion_reason" as enum ('RETENTION', 'UNATTACHED');`);
    this.addSql(`create type "media_file_status" as enum ('UPLOADING', 'READY', 'REJECTED', 'DELETED');`);
    this.addSql(`create table "media_attachment" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "file_id" uuid not null, "owner_type" "media_owner_type" not null, "owner_id" text not null, "purpose" "media_attachment_purpose" not null, "state" "media_attachment_state" not null, "attached_by" text not null, "attacher_area_code" text not null, "attacher_roles" text[] not null, "attacher_department_code" text null, "refused_reason" text null, primary key ("id"));`);
    this.addSql(`create index "media_attachment_owner_idx" on "media_attachment" ("owner_type", "owner_id", "state");`);
    this.addSql(`alter table "media_attachment" add constraint "media_attachment_file_id_key" unique ("file_id");`);

    this.addSql(`create table "media_deletion" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "file_id" uuid not null, "reason" "media_deletion_reason" not null, "owner_type" text null, "owner_id" text null, "area_code" text not null, "kept_days" int not null, "since" timestamptz not null, "object_keys" text[] not null, "bytes" bigint not null, "file_name" text not null, "deleted_by" text not null, "deleted_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "media_deletion_deleted_at_idx" on "media_deletion" ("deleted_at");`);

    this.addSql(`create table "media_file" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "status" "media_file_status" not null default 'UPLOADING', "uploaded_by" text not null, "uploader_area_code" text not null, "file_name" text not null, "declared_size" bigint not null, "mime_type" text null, "size" bigint null, "width" int null, "height" int null, "object_key" text null, "thumbnail_key" text null, "sha256" text null, "latitude" double precision null, "longitude" double precision null, "altitude" double precision null, "taken_at" timestamptz null, "reject_reason" text null, "completed_at" timestamptz null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "media_file_uploaded_by_idx" on "media_file" ("uploaded_by", "created_at");`);

    this.addSql(`create table "media_owner" ("owner_type" "media_owner_type" not null, "owner_id" text not null, "area_code" text not null, "department_code" text null, "created_by" text null, "status" text null, "closed_at" timestamptz null, "last_event_at" timestamptz not null, primary key ("owner_type", "owner_id"));`);
    this.addSql(`create index "media_owner_closed_at_idx" on "media_owner" ("closed_at");`);
    this.addSql(`create index "media_owner_area_code_idx" on "media_owner" ("area_code" text_pattern_ops);`);

    this.addSql(`create table "outbox_event" ("id" uuid not null, "seq" bigserial, "subject" text not null, "envelope" jsonb not null, "occurred_at" timestamptz not null, "published_at" timestamptz null, "attempts" int not null default 0, "last_error" text null, primary key ("id"));`);
    this.addSql(`create index "outbox_event_unpublished_idx" on "outbox_event" ("seq") where "published_at" is null;`);

    this.addSql(`create table "processed_event" ("consumer" text not null, "event_id" uuid not null, "processed_at" timestamptz not null, primary key ("consumer", "event_id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "media_attachment" cascade;`);
    this.addSql(`drop table if exists "media_deletion" cascade;`);
    this.addSql(`drop table if exists "media_file" cascade;`);
    this.addSql(`drop table if exists "media_owner" cascade;`);
    this.addSql(`drop table if exists "outbox_event" cascade;`);
    this.addSql(`drop table if exists "processed_event" cascade;`);

    this.addSql(`drop type "media_owner_type";`);
    this.addSql(`drop type "media_attachment_purpose";`);
    this.addSql(`drop type "media_attachment_state";`);
    this.addSql(`drop type "media_deletion_reason";`);
    this.addSql(`drop type "media_file_status";`);
  }

}
