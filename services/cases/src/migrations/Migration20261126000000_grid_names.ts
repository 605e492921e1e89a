import { Migration } from '@mikro-orm/migrations';

/**
 * Grid names kept from the grids service's events (grid-names/). The table starts empty: the
 * cases-grid-names consumer is new, so JetStream delivers it the GRIDS stream from the beginning.
 */
export class Migration20261126000000_grid_names extends Migration {

  override name = 'Migration20261126000000_grid_names';

  override up(): void | Promise<void> {
    this.addSql(`create table "grid_name" ("code" text not null, "name" text not null, "version" int not null, "updated_at" timestamptz not null, primary key ("code"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table "grid_name";`);
  }

}
