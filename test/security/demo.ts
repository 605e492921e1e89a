import type { AreaLevel, DemoEntity, DemoUser, Reach } from './policy.js';

/**
 * Area codes of the demo county 330402 (南湖区) and its neighbour 330411 (秀洲区, in the demo data so
 * that "outside" exists for county-level users too). The first code of each level that lies inside a
 * user's area is their "inside" code, the first that is neither inside nor above it their "outside".
 * Codes ending in 999 do not exist.
 */
type BaseLevel = 'county' | 'township' | 'village' | 'grid' | 'micro-grid';

export const DEMO_CODES: Record<BaseLevel, readonly string[]> = {
  county: ['330402', '330411'],
  township: ['330402001', '330402002', '330402003', '330411001'],
  village: ['330402001001', '330402001002', '330402002001', '330402003001', '330411001001'],
  grid: ['330402001001001', '330402001002001', '330402002001001', '330402003001001', '330411001001999'],
  'micro-grid': ['330402001001001001', '330402002001001001', '330411001001999001'],
};

/** The neighbouring county: outside every demo user's area, and holding no grids, people or cases. */
export const NEIGHBOUR_COUNTY = '330411';

const LEVEL_LENGTH: Record<BaseLevel, number> = { county: 6, township: 9, village: 12, grid: 15, 'micro-grid': 18 };
const LEVELS_BY_LENGTH: Record<number, BaseLevel> = { 6: 'county', 9: 'township', 12: 'village', 15: 'grid', 18: 'micro-grid' };

/** The caller's area for one field: their area_code, widened to their village or county where the policy says so. */
export function effectiveArea(user: DemoUser, reach: Partial<Record<string, Reach>> | undefined): string {
  const widened = reach?.[user.role];
  if (widened === 'village' && user.areaCode.length > 12) return user.areaCode.slice(0, 12);
  if (widened === 'county' && user.areaCode.length > 6) return user.areaCode.slice(0, 6);
  return user.areaCode;
}

export function isInside(area: string, code: string): boolean {
  return code.startsWith(area);
}

/** A code of the level inside `area`; when the area is finer than the level, the ancestor of the area at that level. */
export function insideCode(area: string, level: AreaLevel): string {
  if (level === 'area') return area;
  if (level === 'child') return childCode(area);
  if (level === 'village-or-grid') return insideCode(area, area.length >= 15 ? 'grid' : 'village');
  const length = LEVEL_LENGTH[level];
  if (area.length >= length) return area.slice(0, length);
  const known = DEMO_CODES[level].find((code) => code.startsWith(area));
  if (known) return known;
  // No demo code of that level under the area: one that does not exist, under it.
  return area + '9'.repeat(length - area.length);
}

/** A code of the level that is neither inside `area` nor above it (a sibling branch, or the neighbour county). */
export function outsideCode(area: string, level: AreaLevel): string {
  if (level === 'village-or-grid') return outsideCode(area, area.length >= 15 ? 'grid' : 'village');
  const effectiveLevel = level === 'area' || level === 'child' ? LEVELS_BY_LENGTH[area.length] : level;
  const code = DEMO_CODES[effectiveLevel].find((candidate) => !candidate.startsWith(area) && !area.startsWith(candidate));
  if (!code) throw new Error(`no demo code of level ${effectiveLevel} outside ${area}`);
  return code;
}

/** A code of the level in the neighbouring county (for writes that would change data if a scope check were missing). */
export function neighbourCode(level: AreaLevel, area: string): string {
  const length =
    level === 'area' || level === 'child' ? area.length : level === 'village-or-grid' ? (area.length >= 15 ? 15 : 12) : LEVEL_LENGTH[level];
  return (NEIGHBOUR_COUNTY + '001001999999').slice(0, length);
}

/** The child level's first demo code under `area` (creating an area means naming a child of one in scope). */
export function childCode(area: string): string {
  const childLength = ({ 6: 9, 9: 12, 12: 15, 15: 18 } as Record<number, number>)[area.length] ?? area.length + 3;
  return insideCode(area, LEVELS_BY_LENGTH[childLength] ?? 'area');
}

/** A demo record the matrix asks for by id: its id (or number) and the area it lies in. */
export interface DemoRecord {
  key: string;
  areaCode: string;
}

export type DemoRecords = Partial<Record<DemoEntity, DemoRecord>>;

type Fetch = (query: string) => Promise<{ data?: Record<string, unknown> | null; errors?: unknown[] }>;

interface Node {
  id: string;
  number?: string;
  gridCode?: string;
  areaCode?: string;
  userId?: string | null;
  staffUserId?: string | null;
  requesterUserId?: string | null;
  assigneeDepartmentCode?: string | null;
  source?: string;
  anonymous?: boolean;
  reporter?: { id: string } | null;
  coReporterPersonIds?: string[];
  cases?: { totalCount: number };
  members?: Array<{ id: string; cases: { totalCount: number } }>;
}

const G111 = '330402001001001';
const V11 = '330402001001';
/** Keycloak ids of the demo users (tools/keycloak/lianxin-realm.json) share this form. */
const DEMO_USER_ID = /^00000000-0000-4000-8000-0000000000\d\d$/;
const notADemoUser = (id: string | null | undefined) => !id || !DEMO_USER_ID.test(id);

/**
 * One record of each kind in 禾兴第一网格 (330402001001001) or 禾兴社区 (330402001001): inside the demo
 * users of 建设街道, 禾兴社区 and that grid, outside those of 新嘉/七星街道, 紫阳社区 and its grid (an
 * assessment of someone who is not a demo user may lie in another grid of 禾兴社区).
 * Looked up by county.admin, who sees the whole county. Records that belong to a demo user (their own
 * Person, cases, assessment, volunteer record, order), anonymous cases (whose reporter cannot be told),
 * cases dispatched to a department and cases a department entered are passed over, so
 * that "not theirs" holds for every role that only sees its own. A kind with no record is left out.
 */
export async function fetchDemoRecords(asCountyAdmin: Fetch, own: { personIds: readonly string[]; caseIds: readonly string[] }): Promise<DemoRecords> {
  const ownPersonIds = own.personIds;
  const lists: Array<[DemoEntity, string, string, 'gridCode' | 'areaCode', (node: Node) => boolean]> = [
    // A person and household no department needs to know: nobody in them reported a case. Which demo persons
    // report the cases a department holds depends on the minute the demo was seeded (§8.8 need to know).
    [
      'person',
      `persons(filter: { areaCode: "${G111}" }, first: 20) { edges { node { id gridCode cases(first: 1) { totalCount } } } }`,
      'persons',
      'gridCode',
      (node) => !ownPersonIds.includes(node.id) && node.cases?.totalCount === 0,
    ],
    [
      'household',
      `households(filter: { areaCode: "${G111}" }, first: 50) { edges { node { id gridCode members { id cases(first: 1) { totalCount } } } } }`,
      'households',
      'gridCode',
      (node) => (node.members ?? []).every((member) => member.cases.totalCount === 0 && !ownPersonIds.includes(member.id)),
    ],
    [
      'case',
      `cases(filter: { areaCode: "${G111}" }, first: 100) { edges { node { id number gridCode source anonymous assigneeDepartmentCode reporter { id } coReporterPersonIds } } }`,
      'cases',
      'gridCode',
      (node) =>
        !node.assigneeDepartmentCode &&
        // Department staff read the cases they entered (DEPARTMENT reports, 12345 hotline orders): the demo
        // has them entered by police.staff and civil.staff, and which comes first depends on the seed's minute.
        node.source !== 'DEPARTMENT' &&
        node.source !== 'HOTLINE_12345' &&
        !node.anonymous &&
        !own.caseIds.includes(node.id) &&
        !ownPersonIds.includes(node.reporter?.id ?? '') &&
        !(node.coReporterPersonIds ?? []).some((id) => ownPersonIds.includes(id)),
    ],
    ['keyPlace', `keyPlaces(filter: { gridCode: "${G111}" }, first: 1) { edges { node { id gridCode } } }`, 'keyPlaces', 'gridCode', () => true],
    [
      'assessment',
      `assessments(filter: { areaCode: "${V11}" }, first: 100) { edges { node { id gridCode staffUserId } } }`,
      'assessments',
      'gridCode',
      (node) => notADemoUser(node.staffUserId),
    ],
    ['policePatrol', `policePatrols(filter: { gridCode: "${G111}" }, first: 1) { edges { node { id gridCode } } }`, 'policePatrols', 'gridCode', () => true],
    ['communityOfficer', `communityOfficers(filter: { gridCode: "${G111}" }, first: 1) { edges { node { id gridCode } } }`, 'communityOfficers', 'gridCode', () => true],
    ['volunteer', `volunteers(filter: { areaCode: "${V11}" }, first: 50) { edges { node { id areaCode userId } } }`, 'volunteers', 'areaCode', (node) => notADemoUser(node.userId)],
    ['team', `teams(filter: { areaCode: "${V11}" }, first: 1) { edges { node { id areaCode } } }`, 'teams', 'areaCode', () => true],
    ['activity', `activities(filter: { areaCode: "${V11}" }, first: 1) { edges { node { id areaCode } } }`, 'activities', 'areaCode', () => true],
    [
      'serviceOrder',
      `serviceOrders(filter: { areaCode: "${V11}" }, first: 50) { edges { node { id areaCode requesterUserId } } }`,
      'serviceOrders',
      'areaCode',
      (node) => notADemoUser(node.requesterUserId),
    ],
  ];
  const records: DemoRecords = {};
  await Promise.all(
    lists.map(async ([entity, selection, field, areaField, usable]) => {
      const response = await asCountyAdmin(`{ ${selection} }`);
      const nodes = ((response.data?.[field] as { edges?: Array<{ node: Node }> } | null)?.edges ?? []).map((edge) => edge.node);
      const node = nodes.find(usable);
      if (!node) return;
      records[entity] = { key: node.id, areaCode: node[areaField] ?? '' };
      if (entity === 'case' && node.number) records.caseNumber = { key: node.number, areaCode: node.gridCode ?? '' };
    }),
  );
  const staff = await asCountyAdmin(`{ grid(code: "${G111}") { staff { id gridCode userId } } }`);
  const member = ((staff.data?.grid as { staff?: Node[] } | null)?.staff ?? []).find((node) => notADemoUser(node.userId));
  if (member) records.gridStaff = { key: member.id, areaCode: member.gridCode ?? G111 };
  return records;
}

/** A valid resident ID number (GB 11643 check digit) that is registered nowhere: born 1990-01-01 in 330402. */
export function unregisteredIdNumber(sequence = '997'): string {
  const body = `33040219900101${sequence}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * weights[index], 0);
  return body + '10X98765432'[sum % 11];
}

/** The same number with a wrong check digit: refused as input before any look-up, audit line or rate-limit count. */
export function invalidIdNumber(): string {
  const valid = unregisteredIdNumber();
  const check = valid.slice(-1);
  return valid.slice(0, -1) + (check === '0' ? '1' : '0');
}
