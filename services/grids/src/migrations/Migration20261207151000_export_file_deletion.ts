import { Migration } from '@mikro-orm/migrations';
import { addExportFileDeletion, dropExportFileDeletion } from '@lianxin/exports';

/** Export files are deleted from the object store when their retention ends (libs/exports cleanup): when, per job. */
export class Migration20261207151000_export_file_deletion extends Migration {

  override name = 'Migration20261207151000_export_file_deletion';

  override up(): void | Promise<void> {
    addExportFileDeletion(this);
  }

  override down(): void | Promise<void> {
    dropExportFileDeletion(this);
  }

}
