import { Migration } from '@mikro-orm/migrations';
import { COUNTY_SETTINGS_MIGRATION } from '@lianxin/events';

/**
 * Issue 15: §8.6 residents order services themselves (PROPOSED → reviewed → OPEN or REJECTED), and the
 * copy of the county settings (points rules per county) kept from organizations' events.
 */
export class Migration20261207111828_resident_requests extends Migration {
  override name = 'Migration20261207111828_resident_requests';

  override up(): void | Promise<void> {
    this.addSql(`alter type "service_order_status" add value if not exists 'PROPOSED' before 'OPEN';`);
    this.addSql(`alter type "service_order_status" add value if not exists 'REJECTED' after 'PROPOSED';`);
    this.addSql(`alter table "service_order" drop constraint "service_order_claimant_check";`);
    this.addSql(`alter table "service_order" add "requested_at" timestamptz null, add "reviewed_by_user_id" uuid null, add "reviewed_at" timestamptz null, add "review_note" text null;`);
    this.addSql(`alter table "service_order" add constraint "service_order_claimant_check" check (("status"::text in ('OPEN', 'EXPIRED', 'PROPOSED', 'REJECTED')) = ("claimant_volunteer_id" is null));`);
    for (const statement of COUNTY_SETTINGS_MIGRATION.up) this.addSql(statement);
  }

  override down(): void | Promise<void> {
    for (const statement of COUNTY_SETTINGS_MIGRATION.down) this.addSql(statement);
    this.addSql(`alter table "service_order" drop constraint "service_order_claimant_check";`);
    this.addSql(`alter table "service_order" drop column "requested_at", drop column "reviewed_by_user_id", drop column "reviewed_at", drop column "review_note";`);
    // The old model has no residents' requests: requests never published (PROPOSED, REJECTED) cannot be kept.
    this.addSql(`delete from "service_order" where "status"::text in ('PROPOSED', 'REJECTED');`);
    // PostgreSQL cannot drop enum values: the type is made again without them.
    this.addSql(`drop index "service_order_due_idx";`);
    this.addSql(`alter table "service_order" alter column "status" drop default;`);
    this.addSql(`alter type "service_order_status" rename to "service_order_status_issue15";`);
    this.addSql(`create type "service_order_status" as enum ('OPEN', 'CLAIMED', 'COMPLETED', 'CONFIRMED', 'EXPIRED');`);
    this.addSql(`alter table "service_order" alter column "status" type "service_order_status" using "status"::text::"service_order_status";`);
    this.addSql(`alter table "service_order" alter column "status" set default 'OPEN';`);
    this.addSql(`drop type "service_order_status_issue15";`);
    this.addSql(`create index "service_order_due_idx" on "service_order" ("deadline") where "status" in ('OPEN', 'CLAIMED');`);
    this.addSql(`alter table "service_order" add constraint "service_order_claimant_check" check ((status = ANY (ARRAY['OPEN'::service_order_status, 'EXPIRED'::service_order_status])) = (claimant_volunteer_id IS NULL));`);
  }
}
