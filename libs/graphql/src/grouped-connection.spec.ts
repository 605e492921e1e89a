import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { decodeCursor, encodeCursor } from './connection.js';
import { groupedConnection, selectsField, type GroupPage, type GroupedPageRequest } from './grouped-connection.js';

/** The resolve info of the `children` field of `area` in the document, as graphql-js hands it over. */
function infoOfChildren(document: string): GraphQLResolveInfo {
  const parsed = parse(document);
  const operation = parsed.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const area = operation.selectionSet.selections[0] as FieldNode;
  const fragments = Object.fromEntries(
    parsed.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const children = area.selectionSet!.selections.filter((selection): selection is FieldNode => selection.kind === Kind.FIELD && selection.name.value === 'children');
  return { fieldNodes: children, fragments } as unknown as GraphQLResolveInfo;
}

describe('selectsField', () => {
  it('sees a field selected directly, in inline fragments and in named fragments', () => {
    expect(selectsField(infoOfChildren('{ area { children { totalCount } } }'), 'totalCount')).toBe(true);
    expect(selectsField(infoOfChildren('{ area { children { ... on AreaConnection { totalCount } } } }'), 'totalCount')).toBe(true);
    expect(selectsField(infoOfChildren('{ area { children { ...Counted } } } fragment Counted on AreaConnection { totalCount }'), 'totalCount')).toBe(true);
  });

  it('does not see the field deeper down or when it is absent', () => {
    expect(selectsField(infoOfChildren('{ area { children { edges { node { children { totalCount } } } } } }'), 'totalCount')).toBe(false);
    expect(selectsField(infoOfChildren('{ area { children { edges { cursor } } } }'), 'totalCount')).toBe(false);
  });
});

describe('groupedConnection', () => {
  const codes: Record<string, string[]> = { '330402001': ['330402001001', '330402001002', '330402001003'], '330402002': ['330402002001'] };

  it('reads the lists of every parent in one batch and pages each of them', async () => {
    const batches: Array<{ groups: readonly string[]; page: GroupedPageRequest }> = [];
    const fetch = async (groups: readonly string[], page: GroupedPageRequest) => {
      batches.push({ groups, page });
      const pages = new Map<string, GroupPage<string>>();
      for (const group of groups) {
        if (codes[group]) pages.set(group, { rows: codes[group].slice(0, page.limit), total: codes[group].length });
      }
      return pages;
    };
    const context = {};
    const info = infoOfChildren('{ area { children(first: 2) { totalCount edges { cursor } } } }');
    const connectionOf = (group: string) =>
      groupedConnection({ context, list: 'Area.children', group, args: { first: 2 }, info, keyOf: (code: string) => code, fetch });
    const [jianshe, xinjia, empty] = await Promise.all([connectionOf('330402001'), connectionOf('330402002'), connectionOf('330402009')]);

    expect(batches).toEqual([{ groups: ['330402001', '330402002', '330402009'], page: { limit: 3, afterKey: undefined, withTotals: true } }]);
    expect(jianshe.edges.map((edge) => edge.node)).toEqual(['330402001001', '330402001002']);
    expect(decodeCursor(jianshe.pageInfo.endCursor!)).toBe('330402001002');
    expect(jianshe.pageInfo.hasNextPage).toBe(true);
    expect(jianshe.totalCount).toBe(3);
    expect(xinjia).toMatchObject({ pageInfo: { hasNextPage: false }, totalCount: 1 });
    expect(empty).toMatchObject({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
  });

  it('does not ask for totals the client did not select', async () => {
    let request: GroupedPageRequest | undefined;
    await groupedConnection({
      context: {},
      list: 'Area.children',
      group: '330402001',
      args: {},
      info: infoOfChildren('{ area { children { edges { cursor } } } }'),
      keyOf: (code: string) => code,
      fetch: async (_groups, page) => {
        request = page;
        return new Map();
      },
    });
    expect(request).toEqual({ limit: 21, afterKey: undefined, withTotals: false });
  });

  it('issue 14: a cursor this list never returned, which the database cannot read, is BAD_USER_INPUT on after', async () => {
    const invalidText = Object.assign(new Error('invalid input syntax for type uuid: "x"'), { code: '22P02' });
    const fetch = async () => Promise.reject(invalidText);
    const info = infoOfChildren('{ area { children { edges { cursor } } } }');
    const read = (after: string | undefined) =>
      groupedConnection({ context: {}, list: 'Area.children', group: '330402001', args: { after }, info, keyOf: (code: string) => code, fetch });
    await expect(read(encodeCursor('not-a-key'))).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
    // Without a cursor the same failure is the server's own: rethrown as it is.
    await expect(read(undefined)).rejects.toBe(invalidText);
  });
});
