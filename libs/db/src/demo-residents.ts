/**
 * Where the people service's demo residents live: `resident:<first>` … `resident:<first + count - 1>` in each
 * grid (services/people/src/demo/demo-population.ts numbers them grid by grid; its spec checks this table).
 * Other services' demo data takes people from here, so their references resolve, to someone of that grid.
 */
export const DEMO_RESIDENTS_BY_GRID: Readonly<Record<string, { first: number; count: number }>> = {
  '330402001001001': { first: 1, count: 109 },
  '330402001001002': { first: 110, count: 111 },
  '330402001001003': { first: 221, count: 105 },
  '330402001002001': { first: 326, count: 104 },
  '330402001002002': { first: 430, count: 105 },
  '330402001002003': { first: 535, count: 102 },
  '330402001003001': { first: 637, count: 99 },
  '330402001003002': { first: 736, count: 94 },
  '330402001003003': { first: 830, count: 115 },
  '330402002001001': { first: 945, count: 90 },
  '330402002001002': { first: 1035, count: 100 },
  '330402002001003': { first: 1135, count: 115 },
  '330402002002001': { first: 1250, count: 108 },
  '330402002002002': { first: 1358, count: 105 },
  '330402002002003': { first: 1463, count: 103 },
  '330402002003001': { first: 1566, count: 106 },
  '330402002003002': { first: 1672, count: 109 },
  '330402002003003': { first: 1781, count: 109 },
  '330402003001001': { first: 1890, count: 103 },
  '330402003001002': { first: 1993, count: 101 },
  '330402003001003': { first: 2094, count: 119 },
  '330402003002001': { first: 2213, count: 104 },
  '330402003002002': { first: 2317, count: 110 },
  '330402003002003': { first: 2427, count: 115 },
  '330402003003001': { first: 2542, count: 110 },
  '330402003003002': { first: 2652, count: 99 },
  '330402003003003': { first: 2751, count: 108 },
};

/** The key of a demo resident of the grid (`resident:<n>`), the n-th one counting round. */
export function demoResidentKey(gridCode: string, n: number): string {
  const residents = DEMO_RESIDENTS_BY_GRID[gridCode];
  if (!residents) throw new Error(`grid ${gridCode} has no demo residents`);
  return `resident:${residents.first + (n % residents.count)}`;
}
