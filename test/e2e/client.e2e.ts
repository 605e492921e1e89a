import { print } from 'graphql';
import { AreaTreeDocument, SearchAreasDocument, type AreaTreeQuery, type SearchAreasQuery } from '@lianxin/client';
import { asUser } from './gateway.js';

/** The typed client that frontend teams start from works against the real gateway. */
describe('typed client operations', () => {
  it('runs AreaTree with typed variables and result', async () => {
    const response = await asUser<AreaTreeQuery>('county.admin', print(AreaTreeDocument), { code: '330402', first: 2 });
    expect(response.errors).toBeUndefined();
    const area = response.data!.area;
    expect(area.name).toBe('南湖区');
    expect(area.ancestors.map((ancestor) => ancestor.code)).toEqual(['33', '3304']);
    expect(area.children.edges).toHaveLength(2);
    expect(area.children.pageInfo.hasNextPage).toBe(true);
  });

  it('runs SearchAreas with an enum filter', async () => {
    const response = await asUser<SearchAreasQuery>('jianshe.admin', print(SearchAreasDocument), { filter: { level: 'VILLAGE' } });
    expect(response.data!.areas.edges.every((edge) => edge.node.level === 'VILLAGE' && edge.node.code.startsWith('330402001'))).toBe(true);
    expect(response.data!.areas.totalCount).toBeGreaterThanOrEqual(3);
  });
});
