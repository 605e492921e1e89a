import { Migration } from '@mikro-orm/migrations';
import { COUNTY_SETTINGS_MIGRATION } from '@lianxin/events';

/** Issue 15: the copy of the county settings (staffing pattern, care cadences …) kept from organizations' events. */
export class Migration20261207132000_county_settings extends Migration {
  override name = 'Migration20261207132000_county_settings';

  override up(): void | Promise<void> {
    for (const statement of COUNTY_SETTINGS_MIGRATION.up) this.addSql(statement);
  }

  override down(): void | Promise<void> {
    for (const statement of COUNTY_SETTINGS_MIGRATION.down) this.addSql(statement);
  }
}
