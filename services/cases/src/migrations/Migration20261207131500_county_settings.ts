import { Migration } from '@mikro-orm/migrations';
import { COUNTY_SETTINGS_MIGRATION } from '@lianxin/events';

/**
 * The copy of the counties' settings (issue 15, libs/events county-settings.ts): the §8.1 clock rules
 * (day counting, stage limits, reopen clock) a case starts under are read from it. It starts empty: the
 * cases-county-settings consumer is new, so JetStream delivers it the ORGANIZATIONS stream from the start.
 */
export class Migration20261207131500_county_settings extends Migration {

  override name = 'Migration20261207131500_county_settings';

  override up(): void | Promise<void> {
    for (const sql of COUNTY_SETTINGS_MIGRATION.up) this.addSql(sql);
  }

  override down(): void | Promise<void> {
    for (const sql of COUNTY_SETTINGS_MIGRATION.down) this.addSql(sql);
  }

}
