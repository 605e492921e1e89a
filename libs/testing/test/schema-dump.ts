import type { MikroORM } from '@mikro-orm/postgresql';

/**
 * One database object of a schema dump: `key` names it (`table public.case`, `column public.case.status`,
 * `index public.case_status_idx` …), `table` is the table it belongs to (null for types and functions),
 * `definition` is what PostgreSQL reports for it (pg_get_*def, format_type, enum labels …).
 */
export interface SchemaObject {
  key: string;
  table: string | null;
  definition: string;
}

/** The schema as a map key → object, sorted by key, so two dumps compare with toEqual and a diff names the object. */
export type SchemaDump = Record<string, SchemaObject>;

const USER_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'`;

/**
 * A catalog dump of every user schema: schemas, extensions, tables/views/sequences, columns (type, nullability,
 * default, identity, generated, collation, position among live columns), constraints, indexes, triggers,
 * functions, enum/domain/composite types, row-level security policies, comments, and the row count of every
 * table (data migrations count too). Read from pg_catalog, so it needs no pg_dump binary matching the server.
 */
export async function dumpSchema(orm: MikroORM): Promise<SchemaDump> {
  const connection = orm.em.getConnection();
  const rows = async (sql: string) => (await connection.execute(sql)) as Record<string, string | null>[];
  const objects: SchemaObject[] = [];
  const add = (key: string, table: string | null, definition: string | null) => objects.push({ key, table, definition: definition ?? '' });

  for (const r of await rows(`select n.nspname from pg_namespace n where ${USER_SCHEMAS} and n.nspname <> 'public'`)) {
    add(`schema ${r.nspname}`, null, '');
  }
  for (const r of await rows(`select extname, extversion from pg_extension where extname <> 'plpgsql'`)) {
    add(`extension ${r.extname}`, null, r.extversion);
  }
  // Relations: tables, partitioned tables, views, materialized views, sequences, foreign tables, composite types.
  for (const r of await rows(
    `select n.nspname, c.relname, c.relkind::text, c.relpersistence::text, c.relrowsecurity::text,
            case when c.relkind in ('v', 'm') then pg_get_viewdef(c.oid) end as viewdef,
            obj_description(c.oid, 'pg_class') as comment,
            (select dn.nspname || '.' || dc.relname from pg_depend d join pg_class dc on dc.oid = d.refobjid
               join pg_namespace dn on dn.oid = dc.relnamespace
              where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.refclassid = 'pg_class'::regclass
                and d.deptype in ('a', 'i') limit 1) as owner_table
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where ${USER_SCHEMAS} and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f', 'c')`,
  )) {
    const name = `${r.nspname}.${r.relname}`;
    add(`relation ${name}`, r.owner_table ?? name, [r.relkind, r.relpersistence, `rls=${r.relrowsecurity}`, r.viewdef, r.comment].join(' | '));
  }
  for (const r of await rows(
    `select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull::text as notnull,
            pg_get_expr(ad.adbin, ad.adrelid) as default_expr, a.attidentity::text, a.attgenerated::text,
            co.collname, col_description(c.oid, a.attnum) as comment,
            (row_number() over (partition by c.oid order by a.attnum))::text as position
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
       left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
       left join pg_collation co on co.oid = a.attcollation and a.attcollation <> 0 and co.collname <> 'default'
      where ${USER_SCHEMAS} and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c') and a.attnum > 0 and not a.attisdropped`,
  )) {
    add(
      `column ${r.nspname}.${r.relname}.${r.attname}`,
      `${r.nspname}.${r.relname}`,
      [`#${r.position}`, r.type, r.notnull === 'true' ? 'not null' : 'null', `default=${r.default_expr ?? ''}`, `identity=${r.attidentity}`, `generated=${r.attgenerated}`, `collation=${r.collname ?? ''}`, `comment=${r.comment ?? ''}`].join(' | '),
    );
  }
  for (const r of await rows(
    `select n.nspname, coalesce(c.relname, t.typname) as owner, con.conname, pg_get_constraintdef(con.oid) as def,
            con.condeferrable::text, con.condeferred::text
       from pg_constraint con join pg_namespace n on n.oid = con.connamespace
       left join pg_class c on c.oid = con.conrelid left join pg_type t on t.oid = con.contypid
      where ${USER_SCHEMAS}`,
  )) {
    add(`constraint ${r.nspname}.${r.owner}.${r.conname}`, `${r.nspname}.${r.owner}`, `${r.def} | deferrable=${r.condeferrable} | deferred=${r.condeferred}`);
  }
  for (const r of await rows(`select schemaname, tablename, indexname, indexdef from pg_indexes where schemaname not in ('pg_catalog', 'information_schema')`)) {
    add(`index ${r.schemaname}.${r.indexname}`, `${r.schemaname}.${r.tablename}`, r.indexdef);
  }
  for (const r of await rows(
    `select n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid) as def, t.tgenabled::text
       from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where ${USER_SCHEMAS} and not t.tgisinternal`,
  )) {
    add(`trigger ${r.nspname}.${r.relname}.${r.tgname}`, `${r.nspname}.${r.relname}`, `${r.def} | enabled=${r.tgenabled}`);
  }
  for (const r of await rows(
    `select n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) as args,
            case when p.prokind in ('f', 'p') then pg_get_functiondef(p.oid) else p.prokind::text end as def
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where ${USER_SCHEMAS} and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`,
  )) {
    add(`function ${r.nspname}.${r.proname}(${r.args})`, null, r.def);
  }
  for (const r of await rows(
    `select n.nspname, t.typname, string_agg(e.enumlabel, ', ' order by e.enumsortorder) as labels
       from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
      where ${USER_SCHEMAS} group by n.nspname, t.typname`,
  )) {
    add(`enum ${r.nspname}.${r.typname}`, null, r.labels);
  }
  for (const r of await rows(
    `select n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod) as base, t.typnotnull::text, t.typdefault
       from pg_type t join pg_namespace n on n.oid = t.typnamespace
      where ${USER_SCHEMAS} and t.typtype = 'd'`,
  )) {
    add(`domain ${r.nspname}.${r.typname}`, null, `${r.base} | not null=${r.typnotnull} | default=${r.typdefault ?? ''}`);
  }
  for (const r of await rows(
    `select n.nspname, c.relname, p.polname, p.polcmd::text, p.polpermissive::text,
            pg_get_expr(p.polqual, p.polrelid) as qual, pg_get_expr(p.polwithcheck, p.polrelid) as check_expr
       from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
      where ${USER_SCHEMAS}`,
  )) {
    add(`policy ${r.nspname}.${r.relname}.${r.polname}`, `${r.nspname}.${r.relname}`, [r.polcmd, r.polpermissive, r.qual, r.check_expr].join(' | '));
  }

  // Rows per table: data migrations (seeded categories, rules) must be undone by their down() too.
  for (const r of await rows(`select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${USER_SCHEMAS} and c.relkind in ('r', 'p')`)) {
    const [{ count }] = await rows(`select count(*)::text as count from "${r.nspname}"."${r.relname}"`);
    add(`rows ${r.nspname}.${r.relname}`, `${r.nspname}.${r.relname}`, count);
  }

  return Object.fromEntries(objects.sort((a, b) => a.key.localeCompare(b.key)).map((object) => [object.key, object]));
}

/** The part of a dump that belongs to the given tables. */
export function objectsOfTables(dump: SchemaDump, tables: string[]): SchemaDump {
  return Object.fromEntries(Object.entries(dump).filter(([, object]) => object.table !== null && tables.includes(object.table)));
}
