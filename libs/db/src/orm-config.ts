import type { Constructor } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migration, Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { queryCountingOptions } from './query-counter.js';
import { contextEntityManager } from './request-context.js';

export interface ServiceDatabaseOptions {
  /** Service name; the database is `<DATABASE_PREFIX or lianxin>_<service>` unless DATABASE_NAME overrides it. */
  service: string;
  entities: Constructor<object>[];
  /** The service's committed migrations, oldest first (src/migrations/index.ts). */
  migrations: Constructor<Migration>[];
  /** Where `migration create` writes new migration files. */
  migrationsSourceDir?: string;
  dbName?: string;
  poolMax?: number;
}

export function databaseNameFor(service: string): string {
  return process.env.DATABASE_NAME ?? `${process.env.DATABASE_PREFIX ?? 'lianxin'}_${service}`;
}

/**
 * `registerRequestContext: false` is read by `MikroOrmModule.forRoot` (@mikro-orm/nestjs): its Nest middleware
 * would fork an entity manager for every request. Subgraphs open the request context in a Fastify hook instead
 * (`runInRequestContext`, registered by @lianxin/platform's createSubgraphApp), which forks only on first use.
 */
export type ServiceOrmOptions = Options & { registerRequestContext: false };

export function serviceOrmConfig(options: ServiceDatabaseOptions): ServiceOrmOptions {
  const env = process.env;
  const config = defineConfig({
    dbName: options.dbName ?? databaseNameFor(options.service),
    host: env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(env.DATABASE_PORT ?? 55432),
    user: env.DATABASE_USER ?? 'lianxin',
    password: env.DATABASE_PASSWORD ?? 'lianxin',
    entities: options.entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    forceUtcTimezone: true,
    context: contextEntityManager,
    // Relations here map to primary keys and none is bidirectional, so nothing needs propagating;
    // left on, every loaded entity gets an accessor pair defined per property on the instance,
    // which cost about 5 % of a subgraph's CPU in reads (profiled) and slows every field read after.
    propagationOnPrototype: false,
    ...queryCountingOptions(env),
    pool: { min: 0, max: options.poolMax ?? Number(env.DATABASE_POOL_MAX ?? 10) },
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: options.migrations.map((migration) => ({ name: migration.name, class: migration })),
      path: options.migrationsSourceDir,
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
  });
  return { ...config, registerRequestContext: false };
}
