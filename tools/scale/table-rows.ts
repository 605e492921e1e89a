import { textArray, type Cell, type CopySink } from './copy-sink.ts';

/** A generated row by column name, as the pure generators (volunteer-village.ts, star-ratings.ts) hand them to the loaders. */
export type Row = Record<string, string | number | boolean | Date | null | string[]>;

/** Copies rows into a sink in the sink's column order; a missing column is a generator bug and stops the load. */
export function writeRows(sink: CopySink, columns: readonly string[], rows: readonly Row[]): void {
  for (const row of rows) {
    sink.add(
      columns.map((column): Cell => {
        if (!(column in row)) throw new Error(`${sink.table} row without ${column}`);
        const value = row[column];
        return Array.isArray(value) ? textArray(value) : value;
      }),
    );
  }
}
