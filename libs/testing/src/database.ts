import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';

export interface TestDatabaseConnection {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface TestDatabase extends TestDatabaseConnection {
  /** `lianxin_test_<prefix>_<random>` */
  name: string;
  /** Drops the database, disconnecting any sessions still using it. */
  drop(): Promise<void>;
}

/** The dev PostgreSQL, from DATABASE_HOST/PORT/USER/PASSWORD. */
export function testDatabaseConnection(): TestDatabaseConnection {
  const env = process.env;
  return {
    host: env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(env.DATABASE_PORT ?? 55432),
    user: env.DATABASE_USER ?? 'lianxin',
    password: env.DATABASE_PASSWORD ?? 'lianxin',
  };
}

/** Creates a throwaway database on the dev PostgreSQL; call drop() when done. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const connection = testDatabaseConnection();
  const safePrefix = prefix.toLowerCase().replace(/[^a-z0-9_]+/g, '_').slice(0, 30);
  const name = `lianxin_test_${safePrefix}_${randomBytes(4).toString('hex')}`;
  await onMaintenanceDatabase(connection, `create database "${name}"`);
  return {
    ...connection,
    name,
    drop: () => onMaintenanceDatabase(connection, `drop database if exists "${name}" with (force)`),
  };
}

async function onMaintenanceDatabase(connection: TestDatabaseConnection, sql: string): Promise<void> {
  const orm = await MikroORM.init({
    ...connection,
    dbName: 'postgres',
    entities: [],
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: 1 },
  });
  try {
    await orm.em.getConnection().execute(sql);
  } finally {
    await orm.close(true);
  }
}
