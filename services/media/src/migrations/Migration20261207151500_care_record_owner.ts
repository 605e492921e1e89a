import { Migration } from '@mikro-orm/migrations';

/** Photos of care records (grids' CareRecord, §8.3 proof of visit): a new owner type. */
export class Migration20261207151500_care_record_owner extends Migration {

  override name = 'Migration20261207151500_care_record_owner';

  override up(): void | Promise<void> {
    this.addSql(`alter type "media_owner_type" add value if not exists 'CARE_RECORD';`);
  }

  /** PostgreSQL cannot drop an enum value: the type is made again without it (care records' attachments and owners go with it). */
  override down(): void | Promise<void> {
    this.addSql(`delete from "media_attachment" where "owner_type" = 'CARE_RECORD';`);
    this.addSql(`delete from "media_owner" where "owner_type" = 'CARE_RECORD';`);
    this.addSql(`alter type "media_owner_type" rename to "media_owner_type_old";`);
    this.addSql(`create type "media_owner_type" as enum ('CASE', 'HAZARD', 'VISIT', 'PATROL', 'SERVICE_ORDER', 'ACTIVITY_CHECK_IN');`);
    this.addSql(`alter table "media_attachment" alter column "owner_type" type "media_owner_type" using "owner_type"::text::"media_owner_type";`);
    this.addSql(`alter table "media_owner" alter column "owner_type" type "media_owner_type" using "owner_type"::text::"media_owner_type";`);
    this.addSql(`drop type "media_owner_type_old";`);
  }

}
