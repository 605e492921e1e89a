import { CITY, COUNTY, OUTSIDE_AREAS, PROVINCE } from './area-plan.ts';
import type { LoadContext } from './context.ts';
import { textArray } from './copy-sink.ts';
import { randomStream } from './prng.ts';
import { DEMO_DEPARTMENTS } from './service-code.ts';

/**
 * organizations: the area tree (province → village), the county's departments (the demo's seven,
 * with the case categories they take) and the party organizations that follow the areas: a
 * governance centre for the county and each township, a party committee per township, a general
 * branch per village and a branch per grid ("wherever a grid is set up, a party organization covers
 * it"), plus co-building units (共建单位) adopting about one community in two.
 */
const CO_BUILDING_UNITS = ['嘉兴学院', '国网嘉兴供电公司', '南湖区人民医院', '嘉兴银行', '中国移动嘉兴分公司', '南湖区实验小学', '嘉兴港务集团', '浙江清华长三角研究院'];

export async function loadOrganizations(context: LoadContext): Promise<void> {
  const { plan, ids } = context;
  const at = context.since;
  const base = (id: string | null) => (id ? [id, at, at, 1] : [at, at, 1]);

  const areaColumns = ['code', 'created_at', 'updated_at', 'version', 'name', 'level', 'parent_code'];
  const areas = context.sink('organizations', 'area', areaColumns, 3 + plan.townships.length + plan.villages.length + OUTSIDE_AREAS.length);
  areas.add([PROVINCE.code, ...base(null), PROVINCE.name, 'PROVINCE', null]);
  areas.add([CITY.code, ...base(null), CITY.name, 'CITY', PROVINCE.code]);
  areas.add([COUNTY.code, ...base(null), COUNTY.name, 'COUNTY', CITY.code]);
  for (const township of plan.townships) areas.add([township.code, ...base(null), township.name, 'TOWNSHIP', COUNTY.code]);
  for (const village of plan.villages) areas.add([village.code, ...base(null), village.name, 'VILLAGE', village.townshipCode]);
  for (const area of OUTSIDE_AREAS) areas.add([area.code, ...base(null), area.name, area.level, area.code.length === 6 ? CITY.code : area.code.slice(0, area.code.length - 3)]);

  const departments = context.sink('organizations', 'department', ['id', 'created_at', 'updated_at', 'version', 'code', 'name', 'area_code', 'case_categories'], DEMO_DEPARTMENTS.length);
  for (const department of DEMO_DEPARTMENTS) {
    departments.add([...base(ids.department(department.code)), department.code, department.name, COUNTY.code, textArray(department.caseCategories)]);
  }

  const villagesOf = new Map<string, number>();
  const organizations = context.sink(
    'organizations',
    'organization',
    ['id', 'created_at', 'updated_at', 'version', 'name', 'kind', 'area_code', 'parent_id'],
    1 + plan.townships.length * 2 + plan.villages.length * 1.5 + plan.grids.length,
  );
  organizations.add([...base(ids.organization('governance-centre', 0)), `${COUNTY.name}社会治理综合指挥服务中心`, 'GOVERNANCE_CENTRE', COUNTY.code, null]);
  plan.townships.forEach((township, t) => {
    organizations.add([...base(ids.organization('committee', t)), `中共${township.name}工作委员会`, 'PARTY_COMMITTEE', township.code, null]);
    organizations.add([...base(ids.organization('governance-centre', t + 1)), `${township.name}综治中心`, 'GOVERNANCE_CENTRE', township.code, null]);
  });
  const townshipIndex = new Map(plan.townships.map((township, t) => [township.code, t]));
  const random = randomStream(context.seed, 'organizations');
  plan.villages.forEach((village, v) => {
    villagesOf.set(village.code, v);
    const committee = ids.organization('committee', townshipIndex.get(village.townshipCode)!);
    organizations.add([...base(ids.organization('general-branch', v)), `中共${village.name}总支部委员会`, 'PARTY_GENERAL_BRANCH', village.code, committee]);
    if (village.urban && random.chance(0.5)) {
      organizations.add([...base(ids.organization('co-building', v)), `${random.pick(CO_BUILDING_UNITS)}（${village.name}共建）`, 'CO_BUILDING_UNIT', village.code, null]);
    }
  });
  for (const grid of plan.grids) {
    const parent = ids.organization('general-branch', villagesOf.get(grid.villageCode)!);
    organizations.add([...base(ids.organization('branch', grid.index)), `中共${grid.name}支部委员会`, 'PARTY_BRANCH', grid.code, parent]);
  }
  context.reporter.expect(organizations, organizations.rows);

  await Promise.all([areas.end(), departments.end(), organizations.end()]);
}
