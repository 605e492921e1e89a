/**
 * Counts the SQL statements MikroORM sends, for tests that prove batching (no N+1).
 * Enabled only when DATABASE_COUNT_QUERIES=true, since logging every query costs time.
 */
class QueryCounter {
  private statements: string[] = [];

  record(message: string): void {
    const sql = message.replace(/^\[query\]\s*/, '');
    if (/^\s*(with|select|insert|update|delete)\b/i.test(sql)) this.statements.push(sql);
  }

  reset(): void {
    this.statements = [];
  }

  /** Statements recorded since the last reset, optionally only those touching a table. */
  matching(table?: string): string[] {
    return table ? this.statements.filter((sql) => sql.includes(`"${table}"`)) : [...this.statements];
  }
}

export const queryCounter = new QueryCounter();

export function queryCountingOptions(env: NodeJS.ProcessEnv = process.env) {
  if (env.DATABASE_COUNT_QUERIES !== 'true') return {};
  return {
    debug: ['query'] as ['query'],
    colors: false,
    logger: (message: string) => queryCounter.record(message),
  };
}
