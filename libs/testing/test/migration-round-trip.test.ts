import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { runMigrationCommand } from '@lianxin/db';
import { createTestDatabase, type TestDatabase } from '../src/database.js';
import { dumpSchema, objectsOfTables, type SchemaDump } from './schema-dump.js';

/**
 * Every service's migrations, both ways, on a throwaway database per service:
 *  1. up one migration at a time, dumping the schema after each (S0 … Sn);
 *  2. `migrate down` (the operator's command, one migration per run) n times: after reverting migration i the
 *     schema equals S(i-1) — so every down() runs and undoes exactly its up(); at zero only the migrations
 *     table is left;
 *  3. `migrate up` (all at once, as deployed) gives Sn again.
 * Services are discovered from services/<name>/src/mikro-orm.config.ts (department subgraphs included), each
 * with its own ormConfig().
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERVICES = readdirSync(join(ROOT, 'services'))
  .filter((name) => existsSync(join(ROOT, 'services', name, 'src', 'mikro-orm.config.ts')))
  .sort();

const MIGRATIONS_TABLE = 'public.mikro_orm_migrations';

/**
 * What a down() leaves behind on purpose, written in the migration's own header: PostgreSQL cannot remove a
 * value from an enum type, so these types keep the values their up() added (unused by older code), also through
 * the downs of the migrations before it. Only extra enum labels on these types are tolerated, nothing else; the
 * first migration's down() drops the types.
 */
const KEPT_ON_DOWN: Record<string, string[]> = {
  'people/Migration20261207082538': ['enum public.audit_action', 'enum public.personal_data_field'],
  'people/Migration20261207091402': ['enum public.audit_action'],
  'people/Migration20261207111305': ['enum public.audit_action', 'enum public.personal_data_field'],
  'cases/Migration20261207130000_case_clock': ['enum public.case_action'],
};

interface ServiceOrmModule {
  ormConfig(overrides?: Partial<Options>): Options;
}

const quiet = () => undefined;

/** Removes, from `actual`, enum labels the migration is documented to keep and `expected` lacks. */
function withoutKeptEnumValues(actual: SchemaDump, expected: SchemaDump, kept: string[]): SchemaDump {
  const result = { ...actual };
  for (const key of kept) {
    if (!result[key] || !expected[key]) continue;
    const expectedLabels = expected[key].definition.split(', ');
    const labels = result[key].definition.split(', ').filter((label) => expectedLabels.includes(label));
    result[key] = { ...result[key], definition: labels.join(', ') };
  }
  return result;
}

describe('migrations: every service migrates up, all the way down and up again to the same schema', () => {
  it('finds every service with migrations, department subgraphs included', () => {
    expect(SERVICES).toEqual(expect.arrayContaining(['cases', 'grids', 'organizations', 'people', 'police', 'volunteers', 'assessments']));
  });

  describe.each(SERVICES)('%s', (service) => {
    let db: TestDatabase;
    let config: Options;
    let inspector: MikroORM;

    beforeAll(async () => {
      db = await createTestDatabase(`migrations_${service}`);
      const module = (await import(join(ROOT, 'services', service, 'src', 'mikro-orm.config.ts'))) as ServiceOrmModule;
      config = module.ormConfig({
        dbName: db.name,
        host: db.host,
        port: db.port,
        user: db.user,
        password: db.password,
        pool: { min: 0, max: 2 },
      });
      inspector = await MikroORM.init({ host: db.host, port: db.port, user: db.user, password: db.password, dbName: db.name, entities: [], discovery: { warnWhenNoEntities: false }, pool: { min: 0, max: 1 } });
    });

    afterAll(async () => {
      await inspector?.close(true);
      await db?.drop();
    });

    it(`every down() reverts exactly its up(), down to nothing but the migrations table, and up again gives the same schema`, async () => {
      const names = (config.migrations?.migrationsList ?? []).map((migration) => migration.name);
      expect(names.length).toBeGreaterThan(0);

      // 1. Up one at a time: S0 (only the migrations table) … Sn.
      const stepping = await MikroORM.init(config);
      const states: SchemaDump[] = [];
      try {
        expect((await stepping.migrator.getPending()).map((migration) => migration.name)).toEqual(names);
        states.push(await dumpSchema(inspector));
        for (const name of names) {
          const applied = await stepping.migrator.up({ to: name });
          expect(applied.map((migration) => migration.name)).toEqual([name]);
          states.push(await dumpSchema(inspector));
        }
      } finally {
        await stepping.close(true);
      }
      const migrated = states[names.length];
      expect(Object.keys(states[0]).length).toBeGreaterThan(0);
      expect(Object.keys(objectsOfTables(migrated, [MIGRATIONS_TABLE]))).toEqual(Object.keys(states[0]));

      // 2. `migrate down`, one run per migration, newest first: each leaves the schema its up() started from.
      const keptSoFar = new Set<string>();
      for (let i = names.length; i >= 1; i--) {
        for (const key of KEPT_ON_DOWN[`${service}/${names[i - 1]}`] ?? []) keptSoFar.add(key);
        const reverted: string[][] = [];
        const log = (line: string) => reverted.push((JSON.parse(line) as { reverted: string[] }).reverted);
        expect(await runMigrationCommand(config, 'down', log)).toBe(0);
        expect(reverted).toEqual([[names[i - 1]]]);
        const actual = withoutKeptEnumValues(await dumpSchema(inspector), states[i - 1], [...keptSoFar]);
        expect({ afterDownOf: names[i - 1], schema: actual }).toEqual({ afterDownOf: names[i - 1], schema: states[i - 1] });
      }
      // Nothing of the service is left: the dump is the migrations table's own objects, and it records nothing.
      const emptied = await dumpSchema(inspector);
      expect(emptied).toEqual(objectsOfTables(emptied, [MIGRATIONS_TABLE]));
      expect(await inspector.em.getConnection().execute(`select name from mikro_orm_migrations`)).toEqual([]);

      // 3. `migrate up` as deployed: the same schema as the first time.
      expect(await runMigrationCommand(config, 'up', quiet)).toBe(0);
      expect(await dumpSchema(inspector)).toEqual(migrated);
    });
  });
});
