import { apportion, randomStream, type Random } from './prng.ts';

/**
 * The shape of the generated county: which townships, villages and grids exist, their codes and
 * names, and how many households, people and cases each grid gets. Pure and deterministic: every
 * loader (and every process) computes the same plan from the same options, so the people loader and
 * the cases loader agree on which person indexes live in which grid without talking to each other.
 *
 * Codes follow the prefix rule (DOMAIN.md §1): township = county + 3 digits, village = township + 3,
 * grid = village + 3. The first townships and villages are the demo ones (建设街道 330402001 …
 * 禾兴社区 330402001001 …), so the demo Keycloak users' area_code claims point at real data.
 */

export type ScaleName = 'county' | 'township';

export interface ScaleSize {
  townships: number;
  villagesPerTownship: number;
  gridsPerVillage: number;
  households: number;
  persons: number;
  cases: number;
  /** Days of case history before the as-of day. */
  caseDays: number;
}

export const SCALES: Readonly<Record<ScaleName, ScaleSize>> = {
  county: { townships: 20, villagesPerTownship: 20, gridsPerVillage: 10, households: 300_000, persons: 1_000_000, cases: 2_000_000, caseDays: 1096 },
  township: { townships: 1, villagesPerTownship: 20, gridsPerVillage: 10, households: 15_000, persons: 50_000, cases: 100_000, caseDays: 1096 },
};

export const PROVINCE = { code: '33', name: '浙江省' } as const;
export const CITY = { code: '3304', name: '嘉兴市' } as const;
export const COUNTY = { code: '330402', name: '南湖区' } as const;
/** A neighbouring district with one township and village and nothing in them: "outside my area" exists. */
export const OUTSIDE_AREAS = [
  { code: '330411', name: '秀洲区', level: 'COUNTY' },
  { code: '330411001', name: '新城街道', level: 'TOWNSHIP' },
  { code: '330411001001', name: '新城社区', level: 'VILLAGE' },
] as const;

/** 建设, 新嘉 and 七星 are the demo's; the rest are Nanhu's other subdistricts and towns, and a few made up. */
const TOWNSHIP_NAMES = [
  '建设街道', '新嘉街道', '七星街道', '解放街道', '南湖街道', '新兴街道', '城南街道', '东栅街道', '长水街道', '大桥镇',
  '余新镇', '凤桥镇', '新丰镇', '云东街道', '湘家荡街道', '竹林镇', '嘉北街道', '科技城街道', '马家浜街道', '南溪镇',
];

/** The demo villages of the first three townships (organizations' demo data). */
const DEMO_VILLAGE_NAMES: Record<string, string[]> = {
  '330402001': ['禾兴社区', '紫阳社区', '南溪社区'],
  '330402002': ['广益社区', '中港社区', '新嘉社区'],
  '330402003': ['东进村', '湘城村', '七星村'],
};

const NAME_FIRST = [...'东西南北新长永福和平安兴丰湖桥塘湾港云星金银玉凤龙荷梅桂竹松'];
const NAME_SECOND = [...'阳华园苑溪林河泾塘桥浜港湾山洲庄里埭圩岸'];
const STREET_SUFFIXES = ['路', '街', '大道'];
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const DEDICATED_SITES = ['工业园', '学校', '医院', '商务楼宇'];

export type GridKind = 'URBAN' | 'RURAL' | 'DEDICATED';

export interface TownshipPlan {
  code: string;
  name: string;
}

export interface VillagePlan {
  code: string;
  name: string;
  townshipCode: string;
  /** 社区 (urban community) or 村 (rural village). */
  urban: boolean;
  streets: string[];
}

export interface GridPlan {
  /** Position in `grids`, stable for a given scale. */
  index: number;
  code: string;
  name: string;
  kind: GridKind;
  villageCode: string;
  households: number;
  persons: number;
  /** Index of the grid's first household and person in the county-wide numbering. */
  householdBase: number;
  personBase: number;
  boundary: { type: 'Polygon'; coordinates: number[][][] };
}

export interface ScalePlan {
  scale: ScaleName;
  seed: number;
  size: ScaleSize;
  townships: TownshipPlan[];
  villages: VillagePlan[];
  grids: GridPlan[];
}

/** Code of the n-th child (1-based) of a parent: parent + 3 digits. */
export function childCode(parentCode: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new Error(`child number must be 1…999, got ${n}`);
  return `${parentCode}${String(n).padStart(3, '0')}`;
}

/** The level a code denotes by its length (DOMAIN.md §1). */
export function levelOf(code: string): 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE' | 'GRID' | 'MICRO_GRID' {
  const levels = { 2: 'PROVINCE', 4: 'CITY', 6: 'COUNTY', 9: 'TOWNSHIP', 12: 'VILLAGE', 15: 'GRID', 18: 'MICRO_GRID' } as const;
  const level = levels[code.length as keyof typeof levels];
  if (!level || !/^\d+$/.test(code)) throw new Error(`not an area code: ${code}`);
  return level;
}

function villageNames(random: Random, count: number): string[] {
  const taken = new Set(Object.values(DEMO_VILLAGE_NAMES).flat().map((name) => name.slice(0, 2)));
  const stems: string[] = [];
  for (const first of NAME_FIRST) for (const second of NAME_SECOND) if (first !== second) stems.push(`${first}${second}`);
  // A fixed shuffle (Fisher–Yates on the plan's stream) so names do not run in alphabet order.
  for (let i = stems.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [stems[i], stems[j]] = [stems[j], stems[i]];
  }
  const names = stems.filter((stem) => !taken.has(stem));
  if (names.length < count) throw new Error(`only ${names.length} village names for ${count} villages`);
  return names.slice(0, count);
}

function rectangle(west: number, south: number, width: number, height: number) {
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const [w, s, e, n] = [round(west), round(south), round(west + width), round(south + height)];
  return { type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

export function buildPlan(scale: ScaleName, seed: number): ScalePlan {
  const size = SCALES[scale];
  const random = randomStream(seed, 'area-plan');
  const townships: TownshipPlan[] = [];
  const villages: VillagePlan[] = [];
  const stems = villageNames(random, size.townships * size.villagesPerTownship);
  for (let t = 1; t <= size.townships; t += 1) {
    const township = { code: childCode(COUNTY.code, t), name: TOWNSHIP_NAMES[(t - 1) % TOWNSHIP_NAMES.length] };
    townships.push(township);
    // Towns (镇) and 七星街道 are mostly rural villages; subdistricts (街道) are urban communities.
    const rural = township.name.endsWith('镇') || township.code === '330402003';
    for (let v = 1; v <= size.villagesPerTownship; v += 1) {
      const demoName = DEMO_VILLAGE_NAMES[township.code]?.[v - 1];
      const stem = demoName ? demoName.slice(0, 2) : stems.shift()!;
      const urban = demoName ? demoName.endsWith('社区') : !rural || random.chance(0.2);
      villages.push({
        code: childCode(township.code, v),
        name: demoName ?? `${stem}${urban ? '社区' : '村'}`,
        townshipCode: township.code,
        urban,
        streets: STREET_SUFFIXES.map((suffix, i) => `${stem}${i === 0 ? '' : NAME_FIRST[(v + i * 7) % NAME_FIRST.length]}${suffix}`),
      });
    }
  }

  const gridShapes: Array<Omit<GridPlan, 'households' | 'persons' | 'householdBase' | 'personBase'> & { weight: number; averageSize: number }> = [];
  villages.forEach((village, villageIndex) => {
    const townshipIndex = Math.floor(villageIndex / size.villagesPerTownship);
    const inTownship = villageIndex % size.villagesPerTownship;
    for (let g = 1; g <= size.gridsPerVillage; g += 1) {
      // Every tenth village has a dedicated grid (a campus, a park) as its last grid.
      const kind: GridKind = g === size.gridsPerVillage && villageIndex % 10 === 0 ? 'DEDICATED' : village.urban ? 'URBAN' : 'RURAL';
      const ordinal = ORDINALS[g - 1] ?? String(g);
      const name =
        kind === 'DEDICATED'
          ? `${village.name}${DEDICATED_SITES[villageIndex % DEDICATED_SITES.length]}专属网格`
          : kind === 'URBAN'
            ? `${village.name}第${ordinal}网格`
            : `${village.name}${ordinal}组网格`;
      const west = 120.55 + (townshipIndex % 5) * 0.1 + (inTownship % 5) * 0.02 + ((g - 1) % 5) * 0.004;
      const south = 30.55 + Math.floor(townshipIndex / 5) * 0.1 + Math.floor(inTownship / 5) * 0.025 + Math.floor((g - 1) / 5) * 0.012;
      gridShapes.push({
        index: gridShapes.length,
        code: childCode(village.code, g),
        name,
        kind,
        villageCode: village.code,
        boundary: rectangle(west, south, 0.0038, 0.0115),
        weight: kind === 'DEDICATED' ? 0.3 : kind === 'URBAN' ? 0.8 + random.next() * 0.6 : 0.6 + random.next() * 0.5,
        averageSize: kind === 'DEDICATED' ? 1.6 : kind === 'URBAN' ? 3.0 : 3.8,
      });
    }
  });

  const households = apportion(size.households, gridShapes.map((grid) => grid.weight), 5);
  const persons = apportion(size.persons, gridShapes.map((grid, i) => households[i] * grid.averageSize), 0);
  let householdBase = 0;
  let personBase = 0;
  const grids = gridShapes.map(({ weight: _weight, averageSize: _averageSize, ...grid }, i) => {
    // Every household needs a person and none is bigger than eight.
    const gridPersons = Math.min(Math.max(persons[i], households[i]), households[i] * 8);
    const plan: GridPlan = { ...grid, households: households[i], persons: gridPersons, householdBase, personBase };
    householdBase += households[i];
    personBase += gridPersons;
    return plan;
  });
  return { scale, seed, size, townships, villages, grids };
}

/** The grid that holds a county-wide person index (binary search over personBase). */
export function gridOfPerson(plan: ScalePlan, personIndex: number): GridPlan {
  let low = 0;
  let high = plan.grids.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (plan.grids[middle].personBase <= personIndex) low = middle;
    else high = middle - 1;
  }
  return plan.grids[low];
}
