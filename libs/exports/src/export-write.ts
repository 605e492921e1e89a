import type { Writable } from 'node:stream';
import type { ExportContext, ExportHandler } from './export-runner.js';
import { tableWriter } from './table-writer.js';

/**
 * The rows of one export job, written as its file into `out` (the same in the worker thread and in
 * process): the handler's batches in order through the table writer, each batch waiting for room
 * downstream. `progress` is told the rows written after each batch. Returns the number of rows.
 */
export async function writeExport(handler: ExportHandler, context: ExportContext, out: Writable, progress: (rows: number) => void | Promise<void>): Promise<number> {
  const writer = tableWriter(context.job.format, out, handler.sheetName(context), handler.columns(context));
  let rows = 0;
  for await (const batch of handler.rows(context)) {
    await writer.addRows(batch);
    rows += batch.length;
    await progress(rows);
  }
  await writer.finish();
  return rows;
}
