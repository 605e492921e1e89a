import { Migration } from '@mikro-orm/migrations';

export class Migration20261123012457 extends Migration {

  override name = 'Migration20261123012457';

  override up(): void | Promise<void> {
    this.addSql(`alter table "case" add "assignee_department_id" uuid null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "case" drop column "assignee_department_id";`);
  }

}
