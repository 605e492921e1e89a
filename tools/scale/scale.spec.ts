import { buildIdNumber, checkIdNumber } from '../../services/people/src/personal-data/id-number.js';
import type { Sex as PeopleSex } from '../../services/people/src/person/person-enums.js';
import { buildPlan, childCode, gridOfPerson, levelOf } from './area-plan.ts';
import { birthDateFor, IdNumberAllocator } from './id-numbers.ts';
import { PopulationGenerator } from './population.ts';
import { apportion, randomStream, scaleUuid, WeightedTable } from './prng.ts';

const build = (region: string, birthDate: string, sequence: number, sex: 'MALE' | 'FEMALE') => buildIdNumber(region, birthDate, sequence, sex as PeopleSex);

describe('seeded randomness', () => {
  it('gives the same sequence for the same seed and label, and another for another seed or label', () => {
    const draw = (seed: number, label: string) => {
      const random = randomStream(seed, label);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(1, 'cases')).toEqual(draw(1, 'cases'));
    expect(draw(1, 'cases')).not.toEqual(draw(2, 'cases'));
    expect(draw(1, 'cases')).not.toEqual(draw(1, 'people'));
    expect(draw(1, 'cases').every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('draws integers inside the bounds and weighted values in proportion', () => {
    const random = randomStream(3, 'weights');
    const ints = Array.from({ length: 2000 }, () => random.int(2, 4));
    expect(new Set(ints)).toEqual(new Set([2, 3, 4]));
    const table = new WeightedTable([1, 3], ['rare', 'common']);
    const common = Array.from({ length: 4000 }, () => table.draw(random)).filter((value) => value === 'common').length;
    expect(common / 4000).toBeGreaterThan(0.7);
    expect(common / 4000).toBeLessThan(0.8);
  });

  it('apportions a total exactly, in proportion, with a minimum per part', () => {
    const parts = apportion(1000, [1, 2, 3, 4], 10);
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(1000);
    expect(parts).toEqual([106, 202, 298, 394]);
  });

  it('makes UUIDs that are a pure function of seed, kind and index, distinct per index and kind', () => {
    expect(scaleUuid(1, 'person', 42)).toBe(scaleUuid(1, 'person', 42));
    expect(scaleUuid(1, 'person', 42)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ids = new Set<string>();
    for (let n = 0; n < 20_000; n += 1) {
      ids.add(scaleUuid(1, 'person', n));
      ids.add(scaleUuid(1, 'household', n));
    }
    expect(ids.size).toBe(40_000);
    expect(scaleUuid(2, 'person', 42)).not.toBe(scaleUuid(1, 'person', 42));
  });
});

describe('resident ID numbers', () => {
  it('uses the GB 11643 check character (the standard example 11010519491231002X)', () => {
    expect(build('110105', '1949-12-31', 2, 'FEMALE')).toBe('11010519491231002X');
  });

  it('hands out distinct numbers that the people service accepts, with the birth date and sex inside', () => {
    const allocator = new IdNumberAllocator(build);
    const numbers = new Set<string>();
    // 500 people of each sex born on the same day in the same county: every 3-digit sequence of that day.
    for (let i = 0; i < 1000; i += 1) {
      const sex = i % 2 === 0 ? 'MALE' : 'FEMALE';
      const idNumber = allocator.next('330402', '1990-05-17', sex);
      expect(checkIdNumber(idNumber, '1990-05-17')).toMatchObject({ valid: true, birthDate: '1990-05-17', sex, regionCode: '330402' });
      numbers.add(idNumber);
    }
    expect(numbers.size).toBe(1000);
  });

  it('refuses a 501st person of one sex born on one day in one county rather than repeat a number', () => {
    const allocator = new IdNumberAllocator(build);
    for (let i = 0; i < 500; i += 1) allocator.next('330402', '2001-01-01', 'MALE');
    expect(() => allocator.next('330402', '2001-01-01', 'MALE')).toThrow(/more than 500/);
    expect(() => allocator.next('330402', '2001-01-01', 'FEMALE')).not.toThrow();
  });

  it('puts the birth date where the person is exactly their age on the as-of day', () => {
    expect(birthDateFor('2026-11-23', 38, 0)).toBe('1988-11-23');
    expect(birthDateFor('2026-11-23', 38, 364)).toBe('1987-11-25');
  });
});

describe('area codes and the county plan', () => {
  it('builds child codes by the prefix rule and knows the level of a code by its length', () => {
    expect(childCode('330402', 1)).toBe('330402001');
    expect(childCode('330402001', 20)).toBe('330402001020');
    expect(childCode('330402001020', 10)).toBe('330402001020010');
    expect(() => childCode('330402', 1000)).toThrow();
    expect(levelOf('330402')).toBe('COUNTY');
    expect(levelOf('330402001')).toBe('TOWNSHIP');
    expect(levelOf('330402001001')).toBe('VILLAGE');
    expect(levelOf('330402001001001')).toBe('GRID');
    expect(() => levelOf('3304020')).toThrow();
  });

  it('lays out the county: 20 townships × 20 villages × 10 grids, demo areas first, every code under its parent', () => {
    const plan = buildPlan('county', 1);
    expect(plan.townships).toHaveLength(20);
    expect(plan.villages).toHaveLength(400);
    expect(plan.grids).toHaveLength(4000);
    expect(plan.townships.slice(0, 3).map((t) => `${t.code} ${t.name}`)).toEqual(['330402001 建设街道', '330402002 新嘉街道', '330402003 七星街道']);
    expect(plan.villages.slice(0, 3).map((v) => `${v.code} ${v.name}`)).toEqual(['330402001001 禾兴社区', '330402001002 紫阳社区', '330402001003 南溪社区']);
    expect(plan.villages.find((v) => v.code === '330402003001')?.name).toBe('东进村');
    expect(plan.grids[0].code).toBe('330402001001001');
    expect(plan.townships.every((t) => t.code.startsWith('330402') && t.code.length === 9)).toBe(true);
    expect(plan.villages.every((v) => v.code.startsWith(v.townshipCode) && v.code.length === 12)).toBe(true);
    expect(plan.grids.every((g) => g.code.startsWith(g.villageCode) && g.code.length === 15)).toBe(true);
    expect(new Set(plan.grids.map((g) => g.code)).size).toBe(4000);
    expect(new Set(plan.villages.map((v) => v.name)).size).toBe(400);
  });

  it('gives every grid households and people that add up to the county totals, numbered without gaps', () => {
    const plan = buildPlan('county', 1);
    expect(plan.grids.reduce((sum, g) => sum + g.households, 0)).toBe(300_000);
    expect(plan.grids.reduce((sum, g) => sum + g.persons, 0)).toBe(1_000_000);
    plan.grids.forEach((grid, i) => {
      expect(grid.persons).toBeGreaterThanOrEqual(grid.households);
      if (i > 0) expect(grid.personBase).toBe(plan.grids[i - 1].personBase + plan.grids[i - 1].persons);
    });
    expect(gridOfPerson(plan, 0).code).toBe('330402001001001');
    expect(gridOfPerson(plan, 999_999).code).toBe(plan.grids[3999].code);
  });

  it('is the same plan for the same seed; a township run is one township of 200 grids', () => {
    expect(buildPlan('county', 5)).toEqual(buildPlan('county', 5));
    const township = buildPlan('township', 5);
    expect(township.townships.map((t) => t.code)).toEqual(['330402001']);
    expect(township.grids).toHaveLength(200);
    expect(township.grids.reduce((sum, g) => sum + g.persons, 0)).toBe(50_000);
  });

  it("fills a grid with exactly its households and people, heads first in the grid's person numbering", () => {
    const plan = buildPlan('township', 1);
    const grid = plan.grids[7];
    const village = plan.villages.find((v) => v.code === grid.villageCode)!;
    const population = new PopulationGenerator(randomStream(1, 'test')).grid(grid, village);
    expect(population.households).toHaveLength(grid.households);
    const members = population.households.flatMap((h) => h.members);
    expect(members).toHaveLength(grid.persons);
    expect(population.households.map((h) => h.members[0].index)).toEqual(Array.from({ length: grid.households }, (_, k) => grid.personBase + k));
    expect(new Set(members.map((m) => m.index)).size).toBe(grid.persons);
    expect(Math.min(...members.map((m) => m.index))).toBe(grid.personBase);
    expect(Math.max(...members.map((m) => m.index))).toBe(grid.personBase + grid.persons - 1);
    expect(members.filter((m) => m.tags.includes('ELDERLY')).every((m) => m.age >= 60)).toBe(true);
  });
});
