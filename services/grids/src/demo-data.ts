import type { GridBoundary } from './grid/geojson.js';
import { GridKind } from './grid/grid-kind.js';
import { HazardCategory, HazardSeverity, KeyPlaceKind } from './field-work/field-work-enums.js';
import { GridStaffRole } from './staff/staff-role.js';

/** Keycloak user ids of the demo users (tools/keycloak/lianxin-realm.json). */
export const DEMO_USERS = {
  countyAdmin: { id: '00000000-0000-4000-8000-000000000001', name: '王建国' },
  jiansheAdmin: { id: '00000000-0000-4000-8000-000000000003', name: '张伟' },
  xinjiaAdmin: { id: '00000000-0000-4000-8000-000000000004', name: '刘洋' },
  qixingAdmin: { id: '00000000-0000-4000-8000-000000000005', name: '陈静' },
  villageAdmin: { id: '00000000-0000-4000-8000-000000000006', name: '杨帆' },
  gridLeader: { id: '00000000-0000-4000-8000-000000000008', name: '黄晓明', username: 'grid.leader' },
  gridWorker: { id: '00000000-0000-4000-8000-000000000009', name: '周辉', username: 'grid.worker' },
  gridWorker2: { id: '00000000-0000-4000-8000-000000000010', name: '吴婷', username: 'grid.worker2' },
} as const;

interface DemoVillage {
  code: string;
  name: string;
  /** Ordinary grids (…001, …002 …), urban for a 社区 and rural for a 村. */
  grids: number;
  /** A dedicated grid after them (a campus, an industrial park). */
  dedicated?: string;
}

/** The organizations subgraph's demo villages in 南湖区 (330402). */
const VILLAGES: DemoVillage[] = [
  { code: '330402001001', name: '禾兴社区', grids: 3, dedicated: '嘉兴学院专属网格' },
  { code: '330402001002', name: '紫阳社区', grids: 3 },
  { code: '330402001003', name: '南溪社区', grids: 3 },
  { code: '330402002001', name: '广益社区', grids: 3 },
  { code: '330402002002', name: '中港社区', grids: 3 },
  { code: '330402002003', name: '新嘉社区', grids: 4 },
  { code: '330402003001', name: '东进村', grids: 3, dedicated: '七星工业园专属网格' },
  { code: '330402003002', name: '湘城村', grids: 3 },
  { code: '330402003003', name: '七星村', grids: 3 },
];

const ORDINALS = ['一', '二', '三', '四'];

function gridsOf(village: DemoVillage): Array<{ name: string; kind: GridKind }> {
  const rural = village.name.endsWith('村');
  const grids = ORDINALS.slice(0, village.grids).map((ordinal) =>
    rural ? { name: `${village.name}${ordinal}组网格`, kind: GridKind.RURAL } : { name: `${village.name}第${ordinal}网格`, kind: GridKind.URBAN },
  );
  return village.dedicated ? [...grids, { name: village.dedicated, kind: GridKind.DEDICATED }] : grids;
}

export interface DemoStaff {
  key: string;
  role: GridStaffRole;
  name: string;
  userId?: string;
  microGridCode?: string;
}

export interface DemoGrid {
  code: string;
  name: string;
  kind: GridKind;
  householdCount: number;
  boundary: GridBoundary;
  microGrids: Array<{ code: string; name: string }>;
  staff: DemoStaff[];
}

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'];
const GIVEN_NAMES = ['建华', '秀英', '志强', '丽娟', '国平', '海燕', '明', '静', '晓东', '玉兰', '春生', '桂芳', '伟', '红梅', '永庆', '金凤', '立新', '美玲', '德明', '淑珍'];

function demoName(gridNumber: number, index: number): string {
  return SURNAMES[(gridNumber * 7 + index * 3) % SURNAMES.length] + GIVEN_NAMES[(gridNumber * 11 + index * 5) % GIVEN_NAMES.length];
}

/** A rectangle of about 1 km around Jiaxing (lon ≈ 120.75, lat ≈ 30.75), one per grid, side by side. */
function rectangle(villageIndex: number, gridIndex: number): GridBoundary {
  const west = 120.7 + (villageIndex % 3) * 0.03 + (gridIndex % 2) * 0.012;
  const south = 30.7 + Math.floor(villageIndex / 3) * 0.03 + Math.floor(gridIndex / 2) * 0.012;
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const [e, n] = [round(west + 0.01), round(south + 0.01)];
  const [w, s] = [round(west), round(south)];
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/**
 * "1+1+3+N": a leader, a full-time worker, three part-timers and volunteers (urban grids add a data
 * clerk). 七星村 is short of part-timers and 湘城村's third grid has no volunteers, so the structure
 * check has something to report.
 */
function rosterOf(villageCode: string, gridCode: string, kind: GridKind): GridStaffRole[] {
  const { LEADER, FULL_TIME, PART_TIME, VOLUNTEER, DATA_CLERK } = GridStaffRole;
  const partTimers = villageCode === '330402003003' ? [PART_TIME, PART_TIME] : [PART_TIME, PART_TIME, PART_TIME];
  const volunteers = gridCode === '330402003002003' ? [] : [VOLUNTEER, VOLUNTEER];
  return [LEADER, FULL_TIME, ...partTimers, ...volunteers, ...(kind === GridKind.URBAN ? [DATA_CLERK] : [])];
}

const MICRO_GRIDS: Record<string, string[]> = {
  '330402001001001': ['禾兴小区1号楼', '禾兴小区2号楼', '禾兴小区3号楼'],
  '330402002001001': ['广益花园A区', '广益花园B区'],
};

/** Accounts of the demo grid staff: the leader and worker of 禾兴第一网格, the worker of 紫阳第一网格. */
const ACCOUNTS: Record<string, Partial<Record<GridStaffRole, { id: string; name: string }>>> = {
  '330402001001001': { [GridStaffRole.LEADER]: DEMO_USERS.gridLeader, [GridStaffRole.FULL_TIME]: DEMO_USERS.gridWorker },
  '330402001002001': { [GridStaffRole.FULL_TIME]: DEMO_USERS.gridWorker2 },
};

export function demoGrids(): DemoGrid[] {
  const grids: DemoGrid[] = [];
  VILLAGES.forEach((village, villageIndex) => {
    gridsOf(village).forEach(({ name, kind }, gridIndex) => {
      const code = `${village.code}${String(gridIndex + 1).padStart(3, '0')}`;
      const gridNumber = grids.length;
      const staff: DemoStaff[] = rosterOf(village.code, code, kind).map((role, index) => {
        const account = ACCOUNTS[code]?.[role];
        return { key: `staff:${code}:${index}`, role, name: account?.name ?? demoName(gridNumber, index), userId: account?.id };
      });
      const microGrids = (MICRO_GRIDS[code] ?? []).map((microName, i) => ({ code: `${code}${String(i + 1).padStart(3, '0')}`, name: microName }));
      for (const microGrid of microGrids) {
        const index = staff.length;
        staff.push({ key: `staff:${code}:${index}`, role: GridStaffRole.LIAISON, name: demoName(gridNumber, index), microGridCode: microGrid.code });
      }
      grids.push({
        code,
        name,
        kind,
        householdCount: kind === GridKind.DEDICATED ? 120 : kind === GridKind.URBAN ? 380 + gridIndex * 20 : 260 + gridIndex * 15,
        boundary: rectangle(villageIndex, gridIndex),
        microGrids,
        staff,
      });
    });
  });
  return grids;
}

export const DEMO_KEY_PLACES = [
  { gridCode: '330402001001001', kind: KeyPlaceKind.RENTAL_HOUSING, name: '禾兴南路出租房集中点', address: '禾兴南路12号' },
  { gridCode: '330402001001001', kind: KeyPlaceKind.OLD_COMPOUND, name: '禾兴老小区', address: '禾兴北路3弄' },
  { gridCode: '330402001002001', kind: KeyPlaceKind.ENTERTAINMENT, name: '紫阳KTV', address: '紫阳街88号' },
  { gridCode: '330402002001001', kind: KeyPlaceKind.MARKET, name: '广益农贸市场', address: '广益路215号' },
  { gridCode: '330402003001004', kind: KeyPlaceKind.FACTORY, name: '七星工业园3号厂房', address: '七星工业园区星光路6号' },
  { gridCode: '330402003003001', kind: KeyPlaceKind.SCHOOL, name: '七星小学', address: '七星村文昌路1号' },
];

/** Patrols by the demo grid worker, keyed by key-place name. */
export const DEMO_PATROLS = [
  {
    keyPlace: '禾兴老小区',
    daysAgo: 3,
    notes: '夜间巡查，重点检查楼道与车棚。',
    hazards: [{ description: '3单元楼道内电动车飞线充电', severity: HazardSeverity.MEDIUM, category: HazardCategory.ELECTRIC_BIKE_CHARGING }],
  },
  {
    keyPlace: '禾兴南路出租房集中点',
    daysAgo: 2,
    notes: '检查出租房消防设施。',
    hazards: [{ description: '出租房灭火器过期，安全通道堆放杂物', severity: HazardSeverity.HIGH, category: HazardCategory.FIRE }],
  },
];

/** Hazards reported on their own, by the full-time worker of the grid. */
export const DEMO_HAZARDS = [
  { gridCode: '330402003002001', description: '湘城村北圩堤出现渗漏，需加固', severity: HazardSeverity.HIGH, category: HazardCategory.FLOOD },
  { gridCode: '330402002001001', description: '广益花园B区地下车库消防栓无水', severity: HazardSeverity.MEDIUM, category: HazardCategory.FIRE },
];

/** Visits by the demo grid workers, with the public-opinion diary. */
export const DEMO_VISITS = [
  { gridCode: '330402001001001', household: 1, daysAgo: 6, findings: '独居老人，身体尚可，家中燃气灶老化。', diary: '老人希望社区帮忙联系更换燃气灶，并询问高龄补贴申领办法。' },
  { gridCode: '330402001001001', household: 2, daysAgo: 5, findings: '一家四口，孩子上小学，无困难。', diary: '反映小区路灯夜间不亮。' },
  { gridCode: '330402001001001', household: 3, daysAgo: 4, findings: '租户家庭，已登记流动人口信息。', diary: null },
  { gridCode: '330402001001001', household: 4, daysAgo: 2, findings: '低保户，生活稳定。', diary: '希望了解医保报销新政策。' },
  { gridCode: '330402001002001', household: 1, daysAgo: 3, findings: '空巢老人，子女在外地工作。', diary: '老人想参加社区老年食堂助餐。' },
  { gridCode: '330402001002001', household: 2, daysAgo: 1, findings: '家中有残疾人，已享受两项补贴。', diary: null },
];

/** "三包一联": county leaders cover a township, township leaders a village, village cadres a grid. */
export const DEMO_COVERAGE_LINKS = [
  { areaCode: '330402001', cadre: DEMO_USERS.countyAdmin },
  { areaCode: '330402001001', cadre: DEMO_USERS.jiansheAdmin },
  { areaCode: '330402002001', cadre: DEMO_USERS.xinjiaAdmin },
  { areaCode: '330402003001', cadre: DEMO_USERS.qixingAdmin },
  { areaCode: '330402001001001', cadre: DEMO_USERS.villageAdmin },
];
