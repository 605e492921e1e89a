import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles, type AuthUser } from '@lianxin/auth';
import { badUserInput, occurredAtOf } from '@lianxin/graphql';
import { LEDGER_EDITOR_ROLES } from '../access/person-field.policy.js';
import { readRecords, UnreadableFileError, type SourceRecord } from './import-source.js';
import { ImportPeopleInput, ImportPeoplePayload } from './import.types.js';
import { PeopleImporter } from './people-importer.js';

/** Through GraphQL a file is read whole before anything is written; larger files go through dist/import.js. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

@Resolver()
export class ImportResolver {
  constructor(private readonly importer: PeopleImporter) {}

  @Mutation(() => ImportPeoplePayload, { description: 'Import persons from a CSV or XLSX file into grids of your area. 批量导入人员' })
  @Roles(...LEDGER_EDITOR_ROLES)
  async importPeople(@CurrentUser() user: AuthUser, @Args('input') input: ImportPeopleInput): Promise<ImportPeoplePayload> {
    const base64 = input.contentBase64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) throw badUserInput('contentBase64', 'is not base64');
    const content = Buffer.from(base64, 'base64');
    if (content.length > MAX_IMPORT_BYTES) throw badUserInput('contentBase64', `the file is larger than ${MAX_IMPORT_BYTES} bytes`);
    occurredAtOf(input.occurredAt);
    // A dry run writes nothing, so it needs no key; a replayed import answers its first report (issue 17).
    const key = input.dryRun ? undefined : input.idempotencyKey;
    const stored = await this.importer.storedReport(user, key, input);
    if (stored) return stored;
    const records = await this.readAll(readRecords(content, input.format));
    const report = await this.importer.run(records, {
      actor: user,
      defaultGridCode: input.defaultGridCode,
      dryRun: input.dryRun ?? false,
      fileField: 'contentBase64',
    });
    return this.importer.rememberReport(user, key, input, report);
  }

  /** The whole file, so that an unreadable or oversized one is refused before the first batch is written. */
  private async readAll(records: AsyncIterable<SourceRecord>): Promise<AsyncIterable<SourceRecord>> {
    const rows: SourceRecord[] = [];
    try {
      for await (const record of records) {
        rows.push(record);
        if (rows.length > MAX_IMPORT_ROWS + 1) throw badUserInput('contentBase64', `more than ${MAX_IMPORT_ROWS} rows: use the import command`);
      }
    } catch (error) {
      if (error instanceof UnreadableFileError) throw badUserInput('contentBase64', error.message);
      throw error;
    }
    return (async function* () {
      yield* rows;
    })();
  }
}
