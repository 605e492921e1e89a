import { AreaLevel } from './area/area-level.js';
import { OrganizationKind } from './organization/organization-kind.js';

/** The demo county: 南湖区 (330402) in 嘉兴市, 3 subdistricts × 3 communities/villages. */
export const DEMO_AREAS: Array<{ code: string; name: string; level: AreaLevel }> = [
  { code: '33', name: '浙江省', level: AreaLevel.PROVINCE },
  { code: '3304', name: '嘉兴市', level: AreaLevel.CITY },
  { code: '330402', name: '南湖区', level: AreaLevel.COUNTY },
  { code: '330402001', name: '建设街道', level: AreaLevel.TOWNSHIP },
  { code: '330402001001', name: '禾兴社区', level: AreaLevel.VILLAGE },
  { code: '330402001002', name: '紫阳社区', level: AreaLevel.VILLAGE },
  { code: '330402001003', name: '南溪社区', level: AreaLevel.VILLAGE },
  { code: '330402002', name: '新嘉街道', level: AreaLevel.TOWNSHIP },
  { code: '330402002001', name: '广益社区', level: AreaLevel.VILLAGE },
  { code: '330402002002', name: '中港社区', level: AreaLevel.VILLAGE },
  { code: '330402002003', name: '新嘉社区', level: AreaLevel.VILLAGE },
  { code: '330402003', name: '七星街道', level: AreaLevel.TOWNSHIP },
  { code: '330402003001', name: '东进村', level: AreaLevel.VILLAGE },
  { code: '330402003002', name: '湘城村', level: AreaLevel.VILLAGE },
  { code: '330402003003', name: '七星村', level: AreaLevel.VILLAGE },
  // A neighbouring district, so that "outside my area" exists for county-level users too.
  { code: '330411', name: '秀洲区', level: AreaLevel.COUNTY },
  { code: '330411001', name: '新城街道', level: AreaLevel.TOWNSHIP },
  { code: '330411001001', name: '新城社区', level: AreaLevel.VILLAGE },
];

export const DEMO_DEPARTMENTS = [
  { code: 'PUBLIC_SECURITY', name: '南湖区公安分局', caseCategories: ['PUBLIC_SECURITY', 'DISPUTE'] },
  { code: 'CIVIL_AFFAIRS', name: '南湖区民政局', caseCategories: ['LIVELIHOOD_SERVICE', 'POLICY_QUESTION'] },
  { code: 'URBAN_MANAGEMENT', name: '南湖区综合行政执法局', caseCategories: ['ENVIRONMENT', 'INFRASTRUCTURE'] },
  { code: 'MARKET_SUPERVISION', name: '南湖区市场监督管理局', caseCategories: ['SAFETY_HAZARD', 'OTHER'] },
  { code: 'HEALTH', name: '南湖区卫生健康局', caseCategories: ['LIVELIHOOD_SERVICE'] },
  { code: 'EMERGENCY_MANAGEMENT', name: '南湖区应急管理局', caseCategories: ['SAFETY_HAZARD'] },
  { code: 'PETITIONS', name: '南湖区信访局', caseCategories: ['DISPUTE', 'POLICY_QUESTION'] },
];

/** Party organizations and centres follow the areas: a committee per township, a general branch per community. */
export function demoOrganizations(): Array<{ name: string; kind: OrganizationKind; areaCode: string }> {
  const organizations = [
    { name: '南湖区社会治理综合指挥服务中心', kind: OrganizationKind.GOVERNANCE_CENTRE, areaCode: '330402' },
    { name: '嘉兴学院', kind: OrganizationKind.CO_BUILDING_UNIT, areaCode: '330402001001' },
    { name: '国网嘉兴供电公司', kind: OrganizationKind.CO_BUILDING_UNIT, areaCode: '330402002001' },
  ];
  for (const area of DEMO_AREAS) {
    if (area.level === AreaLevel.TOWNSHIP) {
      organizations.push({ name: `中共${area.name}工作委员会`, kind: OrganizationKind.PARTY_COMMITTEE, areaCode: area.code });
      organizations.push({ name: `${area.name}综治中心`, kind: OrganizationKind.GOVERNANCE_CENTRE, areaCode: area.code });
    }
    if (area.level === AreaLevel.VILLAGE) {
      organizations.push({ name: `中共${area.name}总支部委员会`, kind: OrganizationKind.PARTY_GENERAL_BRANCH, areaCode: area.code });
    }
  }
  return organizations;
}
