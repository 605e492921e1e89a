import { Migration } from '@mikro-orm/migrations';

/**
 * The person directory (@lianxin/events person-directory.ts): persons, their grids and linked accounts
 * from the people service's events (DOMAIN.md §8.7). It starts empty: the volunteers-person-directory
 * consumer is new, so JetStream delivers it the PEOPLE stream from the beginning. Service orders are
 * found by their resident, whose login follows people's link (volunteer/account-links.ts).
 */
export class Migration20261207082940_known_person extends Migration {

  override name = 'Migration20261207082940_known_person';

  override up(): void | Promise<void> {
    this.addSql(`create table "known_person" ("person_id" uuid not null, "grid_code" text not null, "user_id" text null, "version" int not null, "link_version" int not null default 0, "link_changed_at" timestamptz null, primary key ("person_id"));`);
    this.addSql(`alter table "known_person" add constraint "known_person_user_id_unique" unique ("user_id");`);

    this.addSql(`create index "service_order_requester_person_idx" on "service_order" ("requester_person_id") where "requester_person_id" is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "known_person" cascade;`);

    this.addSql(`drop index "service_order_requester_person_idx";`);
  }

}
