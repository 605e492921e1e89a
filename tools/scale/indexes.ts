import type { Connection } from './copy-sink.ts';
import { runSql } from './copy-sink.ts';

/**
 * Indexes and constraints of the tables a load fills, taken off before the load and put back after
 * it: building a b-tree once from sorted data is several times faster than maintaining it row by
 * row (10 million history rows with random UUID keys would otherwise thrash shared_buffers). The
 * definitions are read from the catalogue (pg_get_indexdef / pg_get_constraintdef), so what comes
 * back is exactly what the service's migrations created.
 */
export interface IndexPlan {
  database: string;
  tables: string[];
  /** Primary keys and unique constraints, then plain indexes, then foreign keys: the order to restore in. */
  restore: string[];
  drop: string[];
}

const list = (tables: readonly string[]) => tables.map((table) => `'${table}'`).join(', ');

/**
 * With `keepIndexes` only the foreign keys come off: a table is truncated in the COPY's transaction
 * (for FREEZE), which PostgreSQL refuses while another table's foreign key points at it.
 */
export async function planIndexes(connection: Connection, database: string, tables: readonly string[], keepIndexes = false): Promise<IndexPlan> {
  const constraints = await runSql(
    connection,
    database,
    `select c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid)
       from pg_constraint c join pg_class t on t.oid = c.conrelid
      where t.relname in (${list(tables)}) and t.relnamespace = 'public'::regnamespace and c.contype in ('p', 'u', 'f')
      order by c.contype, c.conname`,
  );
  const indexes = keepIndexes ? [] : await runSql(
    connection,
    database,
    `select i.tablename, i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = 'public' and i.tablename in (${list(tables)})
        and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.indexname))::regclass and c.contype in ('p', 'u'))
      order by i.indexname`,
  );
  const keys = keepIndexes ? [] : constraints.filter(([, , type]) => type !== 'f');
  const foreign = constraints.filter(([, , type]) => type === 'f');
  return {
    database,
    tables: [...tables],
    drop: [
      ...foreign.map(([table, name]) => `alter table ${table} drop constraint "${name}"`),
      ...keys.map(([table, name]) => `alter table ${table} drop constraint "${name}"`),
      ...indexes.map(([, name]) => `drop index "${name}"`),
    ],
    restore: [
      ...keys.map(([table, name, , definition]) => `alter table ${table} add constraint "${name}" ${definition}`),
      ...indexes.map(([, , definition]) => definition),
      ...foreign.map(([table, name, , definition]) => `alter table ${table} add constraint "${name}" ${definition}`),
    ],
  };
}

export async function dropIndexes(connection: Connection, plan: IndexPlan): Promise<void> {
  if (plan.drop.length > 0) await runSql(connection, plan.database, `${plan.drop.join(';\n')};`);
}

/**
 * Rebuilds one statement at a time with a generous maintenance_work_mem (the session's own setting);
 * PostgreSQL builds each large b-tree with parallel workers on its own.
 */
export async function restoreIndexes(connection: Connection, plan: IndexPlan, onStep: (statement: string, ms: number) => void): Promise<void> {
  for (const statement of plan.restore) {
    const started = Date.now();
    await runSql(connection, plan.database, `set maintenance_work_mem = '512MB'; ${statement}`);
    onStep(statement, Date.now() - started);
  }
}
