import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { connectionOf, pageRequest, rethrowMalformedCursor, type Connection, type PageArgs } from './connection.js';
import { requestLoader } from './loaders.js';

/** One group's rows (up to the page size + 1) and, when asked for, how many the whole list holds. */
export interface GroupPage<T> {
  rows: T[];
  total?: number;
}

export interface GroupedPageRequest {
  /** Rows per group: the page size + 1, the extra row telling whether another page follows. */
  limit: number;
  afterKey?: string;
  /** The client selected totalCount. */
  withTotals: boolean;
}

export interface GroupedConnectionOptions<T> {
  /** The request's GraphQL context (the loader lives as long as the request). */
  context: object;
  /**
   * Names the list and everything its query depends on besides the group and the page (e.g. the kinds
   * filtered by): lists with the same name and page arguments in one request share one query.
   */
  list: string;
  /** The parent this list belongs to, e.g. the area's code. */
  group: string;
  args: PageArgs;
  /** The connection field's resolve info: totalCount is read only when the client selected it. */
  info: GraphQLResolveInfo;
  keyOf: (item: T) => string;
  /** Reads the pages of every group in one query; groups without rows may be left out. */
  fetch: (groups: readonly string[], page: GroupedPageRequest) => Promise<Map<string, GroupPage<T>>>;
}

/**
 * A Relay connection that hangs off a parent in a list (the children of each area, the departments of
 * each county): batched with the same connection of every other parent in the response, so a page of
 * 20 parents costs one query instead of 20 queries and 20 counts.
 */
export function groupedConnection<T>(options: GroupedConnectionOptions<T>): Promise<Connection<T>> {
  const page = pageRequest(options.args);
  const withTotals = selectsField(options.info, 'totalCount');
  const request: GroupedPageRequest = { limit: page.limit + 1, afterKey: page.afterKey, withTotals };
  const loaderName = `grouped:${options.list}:${page.limit}:${withTotals}:${page.afterKey ?? ''}`;
  const loader = requestLoader<string, GroupPage<T>>(options.context, loaderName, async (groups) => {
    const pages = await options.fetch(groups, request).catch(rethrowMalformedCursor(page.afterKey));
    return groups.map((group) => pages.get(group) ?? { rows: [], total: 0 });
  });
  return loader.load(options.group).then((found) => {
    const { rows, total } = found ?? { rows: [], total: 0 };
    return connectionOf(rows, page.limit, options.keyOf, () => {
      // Unreachable through GraphQL: totalCount is only resolved when it was selected.
      if (total === undefined) throw new Error(`totalCount of ${options.list} was not selected, so it was not read`);
      return total;
    });
  });
}

/** The field being resolved selects `name` directly (also through fragments). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const visited = new Set<string>();
  const inSelection = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return inSelection(selection.selectionSet);
      const fragmentName = selection.name.value;
      if (visited.has(fragmentName)) return false;
      visited.add(fragmentName);
      return inSelection(info.fragments[fragmentName]?.selectionSet);
    });
  return info.fieldNodes.some((node) => inSelection(node.selectionSet));
}
