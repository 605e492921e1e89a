import type { EntityKey, EntityName, FilterQuery } from '@mikro-orm/core';
import { raw, type EntityManager } from '@mikro-orm/postgresql';

export interface GroupedPagesQuery<T extends object> {
  /** The property the lists hang off, e.g. `parentCode` for the children of areas. */
  groupBy: EntityKey<T>;
  /** A unique property the pages are ordered by (ascending); cursors hold its value. */
  orderBy: EntityKey<T>;
  /** The groups to read, e.g. the codes of every area on a page. */
  groups: readonly string[];
  /** What else a row must match (the caller's scope …), as a MikroORM filter. */
  where?: FilterQuery<T>;
  /** Rows per group; ask for one more than the page size to learn whether another page follows. */
  limit: number;
  /** Only rows ordered after this key (the page cursor), in every group. */
  afterKey?: string;
  /** Also count each group's rows (all of them, not only those after the cursor). */
  withTotals?: boolean;
}

export interface GroupPage<T> {
  rows: T[];
  /** Set when the query asked for totals. */
  total?: number;
}

const POSITION = '__position';
const TOTAL = '__total';

/**
 * Pages of many small lists in one SQL statement: the children of every area on a page, or the departments
 * of every county, instead of one query (and one count) per parent. Window functions number the rows of
 * each group (and count them, on a first page); rows come back as managed entities. A later page (after a
 * cursor) with totals needs a second statement that counts the groups. Groups without rows are absent.
 */
export async function findGroupedPages<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  query: GroupedPagesQuery<T>,
): Promise<Map<string, GroupPage<T>>> {
  const pages = new Map<string, GroupPage<T>>();
  if (query.groups.length === 0) return pages;
  const meta = em.getMetadata().get(entity);
  const groupColumn = meta.properties[query.groupBy].fieldNames[0];
  const keyColumn = meta.properties[query.orderBy].fieldNames[0];
  const { afterKey, withTotals = false } = query;
  const inGroups: FilterQuery<T>[] = [{ [query.groupBy]: { $in: [...query.groups] } } as FilterQuery<T>];
  if (query.where) inGroups.push(query.where);
  const afterCursor = afterKey === undefined ? inGroups : [...inGroups, { [query.orderBy]: { $gt: afterKey } } as FilterQuery<T>];
  // On a first page the window sees every row of the group, so it can count them too.
  const totalsInWindow = withTotals && afterKey === undefined;

  const group = `e.${groupColumn}`;
  const key = `e.${keyColumn}`;
  const columns = [
    '*',
    raw('row_number() over (partition by ?? order by ??) as ??', [group, key, POSITION]),
    ...(totalsInWindow ? [raw('count(*) over (partition by ??) as ??', [group, TOTAL])] : []),
  ];
  const inner = em
    .createQueryBuilder(entity, 'e')
    .select(columns as never)
    .where({ $and: afterCursor } as never)
    .toQuery();
  const quote = (name: string) => em.getPlatform().quoteIdentifier(name);
  const rows = await em.execute<Array<Record<string, unknown>>>(
    `select * from (${inner.sql}) as "p" where "p".${quote(POSITION)} <= ? order by "p".${quote(groupColumn)}, "p".${quote(keyColumn)}`,
    [...inner.params, query.limit],
  );

  const pageOf = (groupKey: string) => {
    let page = pages.get(groupKey);
    if (!page) {
      page = { rows: [] };
      pages.set(groupKey, page);
    }
    return page;
  };
  for (const row of rows) {
    const page = pageOf(String(row[groupColumn]));
    if (totalsInWindow) page.total = Number(row[TOTAL]);
    delete row[POSITION];
    delete row[TOTAL];
    page.rows.push(em.map(entity, row as never));
  }
  if (withTotals && !totalsInWindow) {
    const counts = await em
      .createQueryBuilder(entity, 'e')
      .select([query.groupBy, raw('count(*) as ??', [TOTAL])] as never)
      .where({ $and: inGroups } as never)
      .groupBy(query.groupBy as never)
      .execute<Array<Record<string, unknown>>>('all', false);
    for (const count of counts) pageOf(String(count[groupColumn])).total = Number(count[TOTAL]);
  }
  return pages;
}
