import { populationByTagParams, populationByTagSql, populationTotalsSql } from './population-queries.js';

const placeholders = (sql: string) => sql.split('?').length - 1;

describe('population queries', () => {
  it.each([
    [1, 1],
    [3, 13],
    [5, 2],
  ])('take one parameter per placeholder for %i codes and %i tags, codes and tags in both halves of the tag query', (codes, tags) => {
    const patterns = Array.from({ length: codes }, (_, i) => `33040200${i}%`);
    const tagCodes = Array.from({ length: tags }, (_, i) => `TAG_${i}`);
    expect(placeholders(populationTotalsSql(9, codes))).toBe(codes);
    const params = populationByTagParams(patterns, tagCodes, '2026-11-23');
    expect(placeholders(populationByTagSql(9, codes, tags))).toBe(params.length);
    expect(params.filter((param) => param === '2026-11-23')).toHaveLength(4);
    expect(params.filter((param) => patterns.includes(param))).toHaveLength(2 * codes);
  });

  it('group by the requested prefix length', () => {
    expect(populationTotalsSql(12, 1)).toContain('left(c.grid_code, 12)');
    expect(populationByTagSql(6, 1, 1)).toContain('left(p.grid_code, 6)');
  });
});
