import { Migration } from '@mikro-orm/migrations';

export class Migration20261123013553 extends Migration {

  override name = 'Migration20261123013553';

  override up(): void | Promise<void> {
    this.addSql(`create type "mediation_level" as enum ('GRID', 'VILLAGE', 'EXPERT');`);
    this.addSql(`create type "dispute_outcome" as enum ('PENDING', 'SETTLED', 'FAILED', 'REFERRED');`);
    this.addSql(`create type "session_outcome" as enum ('SETTLED', 'PARTIAL', 'ADJOURNED', 'FAILED');`);
    this.addSql(`create table "dispute" ("id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, "case_id" uuid not null, "grid_code" text not null, "parties" jsonb not null, "level" "mediation_level" not null, "outcome" "dispute_outcome" not null default 'PENDING', "summary" text null, "opened_at" timestamptz not null, "opened_by_user_id" text not null, "closed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "dispute" add constraint "dispute_case_unique" unique ("case_id");`);
    this.addSql(`create index "dispute_grid_code_idx" on "dispute" ("grid_code" text_pattern_ops, "opened_at");`);

    this.addSql(`create table "mediation_session" ("id" uuid not null, "dispute_id" uuid not null, "level" "mediation_level" not null, "mediator" text not null, "held_at" timestamptz not null, "outcome" "session_outcome" not null, "notes" text not null, "recorded_by_user_id" text not null, primary key ("id"));`);
    this.addSql(`create index "mediation_session_dispute_idx" on "mediation_session" ("dispute_id", "held_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "dispute" cascade;`);
    this.addSql(`drop table if exists "mediation_session" cascade;`);

    this.addSql(`drop type "mediation_level";`);
    this.addSql(`drop type "dispute_outcome";`);
    this.addSql(`drop type "session_outcome";`);
  }

}
