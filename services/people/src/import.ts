import { createReadStream, existsSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { AppModule } from './app.module.js';
import { readRecords, type ImportFormat } from './import/import-source.js';
import { PeopleImporter } from './import/people-importer.js';

/**
 * Bulk import from the command line, as the platform (actor 'system', no area limit):
 *   node services/people/dist/import.js <file.csv|file.xlsx> [--dry-run] [--grid-code <15 digits>] [--format csv|xlsx] [--batch-size 1000]
 * Columns: see ImportPeopleInput / IMPORT_COLUMNS. Prints progress and refused rows as JSON lines.
 * Exit code 0 when every row was imported, 1 when some rows were refused, 2 when the file was refused.
 */
const logger = pino({ name: 'people-import' });
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    'grid-code': { type: 'string' },
    format: { type: 'string' },
    'batch-size': { type: 'string', default: '1000' },
  },
});
const file = positionals[0];
if (!file || !existsSync(file)) {
  logger.error({ file }, 'usage: import.js <file.csv|file.xlsx> [--dry-run] [--grid-code <code>] [--format csv|xlsx] [--batch-size n]');
  process.exit(2);
}
const format = (values.format ?? extname(file).slice(1)).toUpperCase() as ImportFormat;
if (format !== 'CSV' && format !== 'XLSX') {
  logger.error({ file, format }, 'the file must be .csv or .xlsx (or say --format)');
  process.exit(2);
}
const batchSize = Number(values['batch-size']);

const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
try {
  const importer = app.get(PeopleImporter);
  const report = await RequestContext.create(app.get(MikroORM).em, () =>
    importer.run(readRecords(createReadStream(file), format), {
      actor: 'system',
      defaultGridCode: values['grid-code'],
      dryRun: values['dry-run'],
      batchSize,
      onProgress: (progress) =>
        logger.info({ ...progress, rowsPerSecond: Math.round((progress.rows * 1000) / Math.max(progress.elapsedMs, 1)) }, 'importing'),
    }),
  );
  for (const error of report.errors) logger.warn(error, 'row refused');
  const { errors, ...summary } = report;
  logger.info({ ...summary, listedErrors: errors.length }, report.dryRun ? 'dry run finished: nothing was written' : 'import finished');
  process.exitCode = report.failed > 0 ? 1 : 0;
} catch (error) {
  if (!(error instanceof GraphQLError)) throw error;
  logger.error({ reason: error.message }, 'the file was refused; nothing was written');
  process.exitCode = 2;
} finally {
  await app.close();
}
