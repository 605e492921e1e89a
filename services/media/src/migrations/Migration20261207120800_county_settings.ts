import { Migration } from '@mikro-orm/migrations';
import { COUNTY_SETTINGS_MIGRATION } from '@lianxin/events';

/** The county-settings copy (libs/events county-settings.ts): each county's MEDIA_RETENTION for the retention job. */
export class Migration20261207120800_county_settings extends Migration {
  override name = 'Migration20261207120800_county_settings';

  override up(): void {
    for (const statement of COUNTY_SETTINGS_MIGRATION.up) this.addSql(statement);
  }

  override down(): void {
    for (const statement of COUNTY_SETTINGS_MIGRATION.down) this.addSql(statement);
  }
}
