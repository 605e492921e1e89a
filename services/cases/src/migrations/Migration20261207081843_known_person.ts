import { Migration } from '@mikro-orm/migrations';

/**
 * The person directory (@lianxin/events person-directory.ts): persons and linked accounts from the
 * people service's events. It starts empty: the cases-person-directory consumer is new, so JetStream
 * delivers it the PEOPLE stream from the beginning.
 */
export class Migration20261207081843_known_person extends Migration {

  override name = 'Migration20261207081843_known_person';

  override up(): void | Promise<void> {
    this.addSql(`create table "known_person" ("person_id" uuid not null, "grid_code" text not null, "user_id" text null, "version" int not null, "link_version" int not null default 0, "link_changed_at" timestamptz null, primary key ("person_id"));`);
    this.addSql(`alter table "known_person" add constraint "known_person_user_id_unique" unique ("user_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "known_person" cascade;`);
  }

}
