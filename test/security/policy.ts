/**
 * The declared access policy of the public graph (gateway/api-schema.graphql): one reviewed table of
 * who may call every root Query and Mutation field, how the caller's area limits it, and who may read
 * which Person field.
 *
 * It is written out by hand from DOMAIN.md, ARCHITECTURE.md (Identity) and issue 13, NOT derived from the
 * resolvers' @Roles lists or the services' role sets: matrix.security.ts sends every field as every demo
 * user, inside and outside their area, and compares the answer with this table, so a wrong @Roles, a
 * missing scope check or a wrong entry here fails a test. A root field the schema has and this table
 * does not (or the other way round) also fails: a new operation is declared here before it ships.
 *
 * Reading an entry:
 *   roles      who passes the role check; every other role gets FORBIDDEN.
 *   scope      how the caller's area (the token's area_code subtree) limits the call:
 *     area     an argument names an area, grid or village; outside the caller's area: FORBIDDEN,
 *              NOT_FOUND or nothing (null, empty list); `above` = areas on the path above the caller
 *              (their township, county …) are readable too; `reach` widens some roles' area
 *              (volunteers and residents serve their whole village; residents report anywhere in
 *              their county).
 *     entity   the argument is the id of a record that lies in an area; a record outside the caller's
 *              area is refused or reads as nothing.
 *     record   a write on a record by id; the record's area decides (the service checks it). The matrix
 *              sends an id that does not exist: NOT_FOUND then proves the role check passed.
 *     list     a list the service limits to the caller's area by itself (no area argument).
 *     catalogue reference data of the county (categories, tags, calendar); no area.
 *     self     the caller's own records only (my…, viewer).
 *   ownOnly    roles that pass the role check but see or touch only what is theirs (their own Person,
 *              the cases they reported, the cases dispatched to their department); anything else reads
 *              as nothing or is refused.
 *   departments department staff pass only from these departments (department_code claim).
 */

export const ROLES = [
  'county-admin',
  'township-admin',
  'village-admin',
  'grid-leader',
  'grid-worker',
  'department-staff',
  'volunteer',
  'resident',
  'auditor',
] as const;
export type RoleName = (typeof ROLES)[number];

/** The demo users (tools/stack.sh print_welcome; password lianxin-demo), one per role and level. */
export interface DemoUser {
  username: string;
  role: RoleName;
  areaCode: string;
  departmentCode?: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'county.admin', role: 'county-admin', areaCode: '330402' },
  { username: 'county.auditor', role: 'auditor', areaCode: '330402' },
  { username: 'jianshe.admin', role: 'township-admin', areaCode: '330402001' },
  { username: 'xinjia.admin', role: 'township-admin', areaCode: '330402002' },
  { username: 'qixing.admin', role: 'township-admin', areaCode: '330402003' },
  { username: 'village.admin', role: 'village-admin', areaCode: '330402001001' },
  { username: 'village2.admin', role: 'village-admin', areaCode: '330402001002' },
  { username: 'grid.leader', role: 'grid-leader', areaCode: '330402001001001' },
  { username: 'grid.worker', role: 'grid-worker', areaCode: '330402001001001' },
  { username: 'grid.worker2', role: 'grid-worker', areaCode: '330402001002001' },
  { username: 'civil.staff', role: 'department-staff', areaCode: '330402', departmentCode: 'CIVIL_AFFAIRS' },
  { username: 'police.staff', role: 'department-staff', areaCode: '330402', departmentCode: 'PUBLIC_SECURITY' },
  { username: 'volunteer.demo', role: 'volunteer', areaCode: '330402001001' },
  { username: 'resident.demo', role: 'resident', areaCode: '330402001001001' },
];

/**
 * Level of the code an area argument takes. `area` = any level (the caller's own area is inside);
 * `child` = an area one level below the caller's (creating one); `village-or-grid` = a village, or the
 * caller's grid for grid-level users.
 */
export type AreaLevel = 'area' | 'child' | 'village-or-grid' | 'county' | 'township' | 'village' | 'grid' | 'micro-grid';
/** How far a role reaches beyond its own area_code for this field. */
export type Reach = 'village' | 'county';

export type Scope =
  | { kind: 'area'; arg: string; level: AreaLevel; above?: boolean; reach?: Partial<Record<RoleName, Reach>> }
  | { kind: 'entity'; arg: string; entity: DemoEntity; reach?: Partial<Record<RoleName, Reach>> }
  | { kind: 'record' }
  | { kind: 'list' }
  | { kind: 'catalogue' }
  | { kind: 'self' };

/** Demo records the matrix looks up first (as county.admin) to ask for by id. */
export type DemoEntity =
  | 'activity'
  | 'assessment'
  | 'case'
  | 'caseNumber'
  | 'communityOfficer'
  | 'gridStaff'
  | 'household'
  | 'keyPlace'
  | 'person'
  | 'policePatrol'
  | 'serviceOrder'
  | 'team'
  | 'volunteer';

export interface FieldPolicy {
  roles: readonly RoleName[];
  scope: Scope;
  ownOnly?: readonly RoleName[];
  departments?: readonly string[];
  /** One line for the reviewer: why these roles. */
  why: string;
}

// Role groups, spelled out once for this table (not imported from the services).
const AREA_ADMINS: readonly RoleName[] = ['county-admin', 'township-admin', 'village-admin'];
const GRID_STAFF: readonly RoleName[] = ['grid-leader', 'grid-worker'];
/** Admins and grid staff: the people who keep the ledgers and handle cases. */
const STAFF: readonly RoleName[] = [...AREA_ADMINS, ...GRID_STAFF];
const STAFF_AND_AUDITOR: readonly RoleName[] = [...STAFF, 'auditor'];
const EVERYONE: readonly RoleName[] = ROLES;
const ALL_BUT_RESIDENTS: readonly RoleName[] = ROLES.filter((role) => role !== 'resident');
const ALL_BUT_AUDITOR: readonly RoleName[] = ROLES.filter((role) => role !== 'auditor');
/** Volunteers' work: staff, auditors, and volunteers and residents for their village and their own. */
const VOLUNTEER_READERS: readonly RoleName[] = [...STAFF_AND_AUDITOR, 'volunteer', 'resident'];
/** Assessment records of grid staff: the admins and grid leader of the area, auditors. */
const STAFF_RECORD_READERS: readonly RoleName[] = [...AREA_ADMINS, 'grid-leader', 'auditor'];
const MEMBERS_VILLAGE: Partial<Record<RoleName, Reach>> = { volunteer: 'village', resident: 'village' };
const GRID_STAFF_VILLAGE: Partial<Record<RoleName, Reach>> = { 'grid-leader': 'village', 'grid-worker': 'village' };

export const QUERY_POLICY: Record<string, FieldPolicy> = {
  // ── Areas, departments, organisations ────────────────────────────────────────────────
  area: { roles: EVERYONE, scope: { kind: 'area', arg: 'code', level: 'area', above: true }, why: 'Everyone reads their own area and the ones above it by name.' },
  areas: { roles: EVERYONE, scope: { kind: 'list' }, why: 'Everyone lists the areas of their subtree.' },
  department: { roles: EVERYONE, scope: { kind: 'catalogue' }, why: 'Everyone may see which departments of their county handle cases.' },
  departments: { roles: EVERYONE, scope: { kind: 'catalogue' }, why: 'As department.' },
  // Issue 15: per-county rules as data (organizations).
  countySettings: { roles: EVERYONE, scope: { kind: 'area', arg: 'countyCode', level: 'county', above: true }, why: 'The rules a county works by: everyone in that county.' },
  countySettingChanges: { roles: [...AREA_ADMINS, 'auditor'], scope: { kind: 'area', arg: 'countyCode', level: 'county', above: true }, why: 'Who changed which rule: admins and auditors of the county.' },
  workingCalendar: { roles: EVERYONE, scope: { kind: 'area', arg: 'countyCode', level: 'county', above: true }, why: 'Holidays of the county (national base + county overrides): everyone in it.' },

  // ── Grids, staff, field work ─────────────────────────────────────────────────────────
  grid: { roles: EVERYONE, scope: { kind: 'area', arg: 'code', level: 'grid' }, why: 'Everyone reads grids of their area (residents: their own grid, code and name).' },
  grids: { roles: EVERYONE, scope: { kind: 'area', arg: 'filter.villageCode', level: 'village' }, why: 'Grids of the caller\'s subtree.' },
  microGrid: { roles: ALL_BUT_RESIDENTS, scope: { kind: 'area', arg: 'code', level: 'micro-grid' }, why: 'Grid details are for everyone but residents.' },
  gridStaff: { roles: ALL_BUT_RESIDENTS, scope: { kind: 'entity', arg: 'id', entity: 'gridStaff' }, why: 'Who works in a grid: everyone but residents, inside their area.' },
  coverageLinks: { roles: ALL_BUT_RESIDENTS, scope: { kind: 'area', arg: 'areaCode', level: 'area', above: true }, why: 'Who covers my area (包联), also for the areas above mine.' },
  coverageLinksOfCadre: { roles: ALL_BUT_RESIDENTS, scope: { kind: 'list' }, why: 'A cadre\'s areas, as far as the caller\'s area reaches.' },
  householdCoverage: { roles: STAFF_AND_AUDITOR, scope: { kind: 'record' }, why: 'Which worker links a household: staff and auditors only (household data).' },
  keyPlace: { roles: ALL_BUT_RESIDENTS, scope: { kind: 'entity', arg: 'id', entity: 'keyPlace' }, why: 'Key places: everyone but residents, inside their area.' },
  keyPlaces: { roles: ALL_BUT_RESIDENTS, scope: { kind: 'area', arg: 'filter.gridCode', level: 'grid' }, why: 'As keyPlace.' },
  hazards: { roles: ALL_BUT_RESIDENTS, scope: { kind: 'area', arg: 'filter.areaCode', level: 'area' }, why: 'Hazards: everyone but residents, inside their area.' },
  visits: { roles: STAFF_AND_AUDITOR, scope: { kind: 'area', arg: 'filter.areaCode', level: 'area' }, why: 'Visits are about households: grid staff, admins and auditors.' },
  // Issue 19 (§8.3): care schedule.
  careDue: { roles: STAFF_AND_AUDITOR, scope: { kind: 'entity', arg: 'staffId', entity: 'gridStaff' }, why: 'A worker\'s care due list names households: grid staff (own, or a colleague in their area), admins and auditors.' },

  // ── People ───────────────────────────────────────────────────────────────────────────
  person: {
    roles: EVERYONE,
    scope: { kind: 'entity', arg: 'id', entity: 'person', reach: { volunteer: 'village' } },
    ownOnly: ['resident', 'department-staff'],
    why: '§8.8 need to know: keepers and auditors read their area; departments only persons on cases dispatched to them (others through an audited look-up); residents only themselves; volunteers names in their village.',
  },
  persons: {
    roles: EVERYONE,
    scope: { kind: 'area', arg: 'filter.areaCode', level: 'area', reach: { volunteer: 'village' } },
    ownOnly: ['resident', 'department-staff'],
    why: 'As person; a department no longer lists the county.',
  },
  myPerson: { roles: EVERYONE, scope: { kind: 'self' }, why: 'Everyone reads the Person linked to their own login.' },
  personByIdNumber: {
    roles: [...STAFF, 'department-staff', 'auditor'],
    scope: { kind: 'list' },
    why: 'Exact look-up by ID number inside the caller\'s area, audited; not for volunteers or residents.',
  },
  household: {
    roles: [...STAFF, 'department-staff', 'auditor'],
    scope: { kind: 'entity', arg: 'id', entity: 'household' },
    ownOnly: ['department-staff'],
    why: 'Households are ledger data: keepers and auditors of the area; departments only on their cases.',
  },
  households: {
    roles: [...STAFF, 'department-staff', 'auditor'],
    scope: { kind: 'area', arg: 'filter.areaCode', level: 'area' },
    ownOnly: ['department-staff'],
    why: 'As household.',
  },
  tags: { roles: EVERYONE, scope: { kind: 'catalogue' }, why: 'The focus-tag catalogue; sensitive tags only for roles that need them.' },
  editConflicts: { roles: STAFF_RECORD_READERS, scope: { kind: 'area', arg: 'filter.areaCode', level: 'area' }, why: 'Same-field edit conflicts of ledger records (issue 17): the grid leader and admins who resolve them, auditors; in their area.' },
  auditLog: { roles: ['auditor', 'county-admin'], scope: { kind: 'list' }, why: 'Personal-data reveals and look-ups of the area: auditors and the county admin.' },

  // ── Cases ────────────────────────────────────────────────────────────────────────────
  case: {
    roles: EVERYONE,
    scope: { kind: 'entity', arg: 'id', entity: 'case' },
    ownOnly: ['department-staff', 'resident', 'volunteer'],
    why: 'Admins, grid staff and auditors read cases of their area; departments those dispatched to them; residents their own.',
  },
  caseByNumber: {
    roles: EVERYONE,
    scope: { kind: 'entity', arg: 'number', entity: 'caseNumber' },
    ownOnly: ['department-staff', 'resident', 'volunteer'],
    why: 'As case.',
  },
  cases: {
    roles: EVERYONE,
    scope: { kind: 'area', arg: 'filter.areaCode', level: 'area' },
    ownOnly: ['department-staff', 'resident', 'volunteer'],
    why: 'As case.',
  },
  caseCategories: { roles: EVERYONE, scope: { kind: 'catalogue' }, why: 'The category catalogue: everyone reports into it.' },
  caseStats: { roles: STAFF_AND_AUDITOR, scope: { kind: 'area', arg: 'areaCode', level: 'area' }, why: 'Statistics of the caller\'s area for staff and auditors.' },
  disputeStats: { roles: STAFF_AND_AUDITOR, scope: { kind: 'area', arg: 'areaCode', level: 'area' }, why: 'As caseStats.' },
  departmentQueue: {
    roles: ['department-staff', 'county-admin', 'township-admin', 'auditor'],
    scope: { kind: 'list' },
    ownOnly: ['department-staff'],
    why: 'A department\'s queue: its own staff, the county and township that dispatch, auditors.',
  },
  supervisions: { roles: STAFF_AND_AUDITOR, scope: { kind: 'list' }, why: 'Supervisions of cases of the area.' },
  // Issue 19: exports (jobs of their requester) and the monthly analysis report (§8.4).
  ledgerExport: { roles: [...STAFF, 'department-staff', 'auditor'], scope: { kind: 'record' }, why: 'A ledger export job: only its requester reads it (anyone else: NOT_FOUND).' },
  keyPlaceExport: { roles: ALL_BUT_RESIDENTS, scope: { kind: 'record' }, why: 'A key-place export job: only its requester reads it.' },
  caseExport: { roles: [...STAFF, 'department-staff', 'auditor'], scope: { kind: 'record' }, why: 'A case or statistics export job: only its requester reads it.' },
  monthlyReport: { roles: ['county-admin', 'township-admin', 'auditor'], scope: { kind: 'area', arg: 'areaCode', level: 'township' }, why: 'Governance centres of the county and its townships (and auditors) read the reports of their area; download links only after that check.' },
  // Issue 19 (§8.4): early warnings, addressed to an area and level.
  warnings: { roles: STAFF_RECORD_READERS, scope: { kind: 'area', arg: 'filter.areaCode', level: 'area' }, why: 'Warnings of the governance centres: admins, grid leaders and auditors of the area addressed.' },
  warning: { roles: STAFF_RECORD_READERS, scope: { kind: 'record' }, why: 'As warnings.' },
  deadlineRules: { roles: [...AREA_ADMINS, 'auditor'], scope: { kind: 'catalogue' }, why: 'The county\'s deadline rules: admins and auditors.' },
  calendarDays: { roles: EVERYONE, scope: { kind: 'catalogue' }, why: 'Holidays: everyone.' },
  emergencies: { roles: EVERYONE, scope: { kind: 'list' }, why: 'Emergencies concerning the caller\'s area: everyone must know.' },

  // ── Volunteers and points ────────────────────────────────────────────────────────────
  volunteer: {
    roles: [...STAFF_AND_AUDITOR, 'volunteer'],
    scope: { kind: 'entity', arg: 'id', entity: 'volunteer', reach: GRID_STAFF_VILLAGE },
    ownOnly: ['volunteer'],
    why: 'Staff (grid staff: their village) and auditors; a volunteer themselves.',
  },
  volunteers: {
    roles: STAFF_AND_AUDITOR,
    scope: { kind: 'area', arg: 'filter.areaCode', level: 'area', reach: GRID_STAFF_VILLAGE },
    why: 'Staff and auditors list the volunteers of their area (grid staff: their village).',
  },
  myVolunteer: { roles: VOLUNTEER_READERS, scope: { kind: 'self' }, why: 'Own record.' },
  team: { roles: VOLUNTEER_READERS, scope: { kind: 'entity', arg: 'id', entity: 'team', reach: MEMBERS_VILLAGE }, why: 'Teams of the area; volunteers and residents their village.' },
  teams: { roles: VOLUNTEER_READERS, scope: { kind: 'area', arg: 'filter.areaCode', level: 'area', reach: MEMBERS_VILLAGE }, why: 'As team.' },
  activity: { roles: VOLUNTEER_READERS, scope: { kind: 'entity', arg: 'id', entity: 'activity', reach: MEMBERS_VILLAGE }, why: 'Activities of the area; volunteers and residents their village.' },
  activities: { roles: VOLUNTEER_READERS, scope: { kind: 'area', arg: 'filter.areaCode', level: 'area', reach: MEMBERS_VILLAGE }, why: 'As activity.' },
  serviceOrder: {
    roles: VOLUNTEER_READERS,
    scope: { kind: 'entity', arg: 'id', entity: 'serviceOrder', reach: { volunteer: 'village' } },
    ownOnly: ['resident'],
    why: 'Staff their area, volunteers their village, residents their own orders.',
  },
  serviceOrders: {
    roles: VOLUNTEER_READERS,
    scope: { kind: 'area', arg: 'filter.areaCode', level: 'area', reach: { volunteer: 'village' } },
    ownOnly: ['resident'],
    why: 'As serviceOrder.',
  },
  leaderboard: {
    roles: VOLUNTEER_READERS,
    scope: { kind: 'area', arg: 'villageCode', level: 'village', reach: { ...GRID_STAFF_VILLAGE, ...MEMBERS_VILLAGE } },
    why: 'A village\'s leaderboard: its admins and above, its grid staff, volunteers and residents.',
  },
  myPointAccounts: { roles: VOLUNTEER_READERS, scope: { kind: 'self' }, why: 'Own accounts.' },
  pointAccount: { roles: VOLUNTEER_READERS, scope: { kind: 'record' }, ownOnly: ['volunteer', 'resident'], why: 'The holder\'s own, or staff of the area.' },
  pointRules: { roles: VOLUNTEER_READERS, scope: { kind: 'catalogue' }, why: 'The points rules.' },
  pointDeclarations: { roles: [...STAFF_AND_AUDITOR, 'volunteer'], scope: { kind: 'list' }, ownOnly: ['volunteer'], why: 'Staff their area; a member their own.' },
  pointVetoes: { roles: STAFF_AND_AUDITOR, scope: { kind: 'list' }, why: 'Red-line vetoes of the area.' },
  manualAwards: { roles: STAFF_AND_AUDITOR, scope: { kind: 'list' }, why: 'Manual awards of the area.' },
  redemptionItems: {
    roles: VOLUNTEER_READERS,
    scope: { kind: 'area', arg: 'areaCode', level: 'area', above: true, reach: MEMBERS_VILLAGE },
    why: 'The catalogue offered to an area; members see their village\'s.',
  },
  redemptionWindow: { roles: VOLUNTEER_READERS, scope: { kind: 'catalogue' }, why: 'Redemption days.' },
  redemptions: { roles: VOLUNTEER_READERS, scope: { kind: 'list' }, ownOnly: ['volunteer', 'resident'], why: 'Staff their area\'s, holders their own.' },
  doubleReports: { roles: STAFF_AND_AUDITOR, scope: { kind: 'area', arg: 'areaCode', level: 'area' }, why: 'In-service members reported to communities of the area.' },
  doubleReportDuty: { roles: STAFF_AND_AUDITOR, scope: { kind: 'area', arg: 'areaCode', level: 'area' }, why: 'As doubleReports.' },

  // ── Assessments and party members ────────────────────────────────────────────────────
  assessment: {
    roles: EVERYONE,
    scope: { kind: 'entity', arg: 'id', entity: 'assessment' },
    ownOnly: ['grid-worker', 'department-staff', 'volunteer', 'resident'],
    why: 'The assessed staff member, the admins and grid leader of the area, auditors.',
  },
  assessments: {
    roles: [...STAFF_RECORD_READERS, 'grid-worker'],
    scope: { kind: 'area', arg: 'filter.areaCode', level: 'area' },
    ownOnly: ['grid-worker'],
    why: 'Admins, grid leader and auditors of the area; grid workers their own.',
  },
  assessmentRanking: {
    roles: [...STAFF_RECORD_READERS, 'grid-worker'],
    scope: { kind: 'area', arg: 'areaCode', level: 'area' },
    why: 'Rankings are published to the grid staff of the area too.',
  },
  assessmentWeights: { roles: STAFF_RECORD_READERS, scope: { kind: 'area', arg: 'areaCode', level: 'area' }, why: 'The weights that apply in the area.' },
  trainingRecords: {
    roles: [...STAFF_RECORD_READERS, 'grid-worker'],
    scope: { kind: 'area', arg: 'filter.areaCode', level: 'area' },
    ownOnly: ['grid-worker'],
    why: 'As assessments.',
  },
  platformStatistics: {
    roles: [...STAFF_RECORD_READERS, 'grid-worker'],
    scope: { kind: 'area', arg: 'gridCode', level: 'grid' },
    ownOnly: ['grid-worker'],
    why: 'A staff member\'s statistics: the assessors of the area; a grid worker their own.',
  },
  partyMemberRating: {
    roles: EVERYONE,
    scope: { kind: 'record' },
    ownOnly: ['grid-worker', 'department-staff', 'volunteer', 'resident'],
    why: 'The member, the admins and grid leader of their area, auditors.',
  },
  partyMemberRatings: { roles: STAFF_RECORD_READERS, scope: { kind: 'area', arg: 'filter.areaCode', level: 'area' }, why: 'Ratings of the area.' },
  myStarRatings: { roles: EVERYONE, scope: { kind: 'self' }, why: 'Own ratings.' },
  publicNotices: {
    roles: ROLES.filter((role) => role !== 'department-staff'),
    scope: { kind: 'area', arg: 'villageCode', level: 'village', reach: { ...MEMBERS_VILLAGE, ...GRID_STAFF_VILLAGE } },
    why: '§8.5 results on public notice: the village\'s residents and members (in the notice period), staff and auditors of the area.',
  },
  publicNotice: { roles: ROLES.filter((role) => role !== 'department-staff'), scope: { kind: 'record' }, why: 'As publicNotices.' },
  ratingRound: {
    roles: EVERYONE,
    scope: { kind: 'record' },
    ownOnly: ['grid-worker', 'department-staff', 'volunteer', 'resident'],
    why: 'The member and the committee (grid leader, admins), auditors.',
  },

  // ── Police (example department subgraph) ─────────────────────────────────────────────
  communityOfficer: { roles: EVERYONE, scope: { kind: 'entity', arg: 'id', entity: 'communityOfficer' }, why: 'Everyone may know their community officer.' },
  communityOfficers: { roles: EVERYONE, scope: { kind: 'area', arg: 'filter.gridCode', level: 'grid' }, why: 'As communityOfficer.' },
  policePatrol: {
    roles: [...STAFF_AND_AUDITOR, 'department-staff'],
    departments: ['PUBLIC_SECURITY'],
    scope: { kind: 'entity', arg: 'id', entity: 'policePatrol' },
    why: 'Police work notes: governance staff, auditors and the police; not other departments, volunteers or residents.',
  },
  policePatrols: {
    roles: [...STAFF_AND_AUDITOR, 'department-staff'],
    departments: ['PUBLIC_SECURITY'],
    scope: { kind: 'area', arg: 'filter.gridCode', level: 'grid' },
    why: 'As policePatrol.',
  },

  // ── Identity (issue 13: being added) ─────────────────────────────────────────────────
  viewer: { roles: EVERYONE, scope: { kind: 'self' }, why: 'Who am I: account, roles, scope, my Person, grids, volunteer record, cases.' },

  // ── Media (issue 17) ─────────────────────────────────────────────────────────────────
  mediaAttachments: {
    roles: EVERYONE,
    scope: { kind: 'record' },
    ownOnly: ['department-staff', 'volunteer', 'resident'],
    why: 'The files of an owner whose area the caller reads (auditors too); departments their department\'s cases; anyone what they created. Others: an empty list.',
  },
  mediaUpload: { roles: ALL_BUT_AUDITOR, scope: { kind: 'self' }, why: 'The uploader\'s own upload only.' },
};

export const MUTATION_POLICY: Record<string, FieldPolicy> = {
  // ── Areas, departments, organisations ────────────────────────────────────────────────
  createArea: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.code', level: 'child' }, why: 'Admins add areas under their own.' },
  updateArea: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.code', level: 'area' }, why: 'Admins rename areas of their subtree.' },
  createDepartment: { roles: ['county-admin'], scope: { kind: 'area', arg: 'input.areaCode', level: 'county' }, why: 'The county sets up its departments.' },
  changeCountySetting: { roles: ['county-admin'], scope: { kind: 'area', arg: 'input.countyCode', level: 'county' }, why: 'Issue 15: a county admin changes only their own county\'s rules.' },
  setCalendarEntry: { roles: ['county-admin'], scope: { kind: 'area', arg: 'input.countyCode', level: 'county' }, why: 'Issue 15: county overrides of the calendar, own county only (the national base: platform admins, none in the demo).' },
  removeCalendarEntry: { roles: ['county-admin'], scope: { kind: 'area', arg: 'input.countyCode', level: 'county' }, why: 'As setCalendarEntry.' },
  createOrganization: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.areaCode', level: 'area' }, why: 'Admins attach organisations to areas of their subtree.' },

  // ── Grids, staff, field work ─────────────────────────────────────────────────────────
  createGrid: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.code', level: 'grid' }, why: 'Village admins and above set up grids.' },
  updateGrid: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.code', level: 'grid' }, why: 'As createGrid.' },
  createMicroGrid: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.code', level: 'micro-grid' }, why: 'As createGrid.' },
  assignStaff: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.gridCode', level: 'grid' }, why: 'Admins staff the grids of their area.' },
  endStaffAssignment: { roles: AREA_ADMINS, scope: { kind: 'record' }, why: 'As assignStaff.' },
  createCoverageLink: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.areaCode', level: 'grid' }, why: 'Admins make cadres responsible for areas (包联).' },
  assignHousehold: { roles: [...AREA_ADMINS, 'grid-leader'], scope: { kind: 'record' }, why: 'Admins and the grid leader link households to workers.' },
  registerKeyPlace: { roles: STAFF, scope: { kind: 'area', arg: 'input.gridCode', level: 'grid' }, why: 'Field work: grid staff in their grid, admins on their behalf.' },
  recordPatrol: { roles: STAFF, scope: { kind: 'record' }, why: 'As registerKeyPlace.' },
  recordVisit: { roles: STAFF, scope: { kind: 'record' }, why: 'As registerKeyPlace.' },
  recordCare: { roles: STAFF, scope: { kind: 'record' }, why: 'Care (§8.3) is recorded by grid staff for their households, by admins on their behalf.' },
  reportHazard: { roles: STAFF, scope: { kind: 'area', arg: 'input.gridCode', level: 'grid' }, why: 'As registerKeyPlace.' },
  syncFieldWork: { roles: STAFF, scope: { kind: 'record' }, why: 'Field work sent later from an offline device: each item is checked as its own mutation (recordVisit, recordPatrol, reportHazard; case reports in the caller\'s area).' },

  // ── People ───────────────────────────────────────────────────────────────────────────
  registerPerson: { roles: STAFF, scope: { kind: 'area', arg: 'input.gridCode', level: 'grid' }, why: 'Keepers of the ledgers register persons in grids of their area.' },
  updatePerson: { roles: STAFF, scope: { kind: 'record' }, why: 'As registerPerson.' },
  movePerson: { roles: STAFF, scope: { kind: 'area', arg: 'input.toGridCode', level: 'grid' }, why: 'Both grids in the keeper\'s area.' },
  tagPerson: { roles: STAFF, scope: { kind: 'record' }, why: 'As registerPerson.' },
  untagPerson: { roles: STAFF, scope: { kind: 'record' }, why: 'As registerPerson.' },
  importPeople: { roles: STAFF, scope: { kind: 'record' }, why: 'Bulk registration by the keepers.' },
  createHousehold: { roles: STAFF, scope: { kind: 'area', arg: 'input.gridCode', level: 'grid' }, why: 'As registerPerson.' },
  updateHousehold: { roles: STAFF, scope: { kind: 'record' }, why: 'As registerPerson.' },
  resolveEditConflict: { roles: [...AREA_ADMINS, 'grid-leader'], scope: { kind: 'record' }, why: 'The grid leader (or an admin above the grid) decides a same-field edit conflict in their area.' },
  moveHousehold: { roles: STAFF, scope: { kind: 'area', arg: 'input.toGridCode', level: 'grid' }, why: 'As movePerson.' },
  setPartyMembership: { roles: [...AREA_ADMINS, 'grid-leader'], scope: { kind: 'record' }, why: 'Admins and the grid leader record party membership.' },
  createTag: { roles: ['county-admin'], scope: { kind: 'catalogue' }, why: 'The county keeps the tag catalogue.' },
  revealPersonalData: {
    roles: [...STAFF, 'department-staff'],
    departments: ['PUBLIC_SECURITY', 'CIVIL_AFFAIRS'],
    scope: { kind: 'record' },
    why: '§8.8 the clear number, audited: keepers of the area, police and civil affairs; never auditors, volunteers, residents or other departments.',
  },
  lookUpPerson: {
    roles: [...STAFF, 'department-staff', 'auditor'],
    scope: { kind: 'list' },
    why: '§8.8 one person of the caller\'s area by full ID number, with a stated purpose, audited and rate-limited; a department may then read that person.',
  },
  // Issue 13 (being added): linking a login to a Person (§8.7).
  linkAccount: { roles: STAFF, scope: { kind: 'record' }, why: '§8.7 a grid worker links a resident\'s login to their Person after checking the ID; audited.' },
  issueLinkCode: { roles: STAFF, scope: { kind: 'record' }, why: '§8.7 staff issue a one-time code for a Person of their area.' },
  redeemLinkCode: { roles: ['resident', 'volunteer'], scope: { kind: 'self' }, why: '§8.7 the resident (or volunteer) links their own login with the code.' },
  unlinkAccount: { roles: STAFF, scope: { kind: 'record' }, why: '§8.7 as linkAccount.' },

  // ── Cases ────────────────────────────────────────────────────────────────────────────
  reportCase: {
    roles: [...STAFF, 'resident', 'department-staff'],
    scope: { kind: 'area', arg: 'input.gridCode', level: 'grid', reach: { resident: 'county' } },
    why: 'Grid staff in their grid, admins and departments in their area, residents anywhere in their county (§8.7: always as themselves).',
  },
  intakeHotlineOrder: { roles: ['department-staff', 'county-admin'], scope: { kind: 'area', arg: 'input.gridCode', level: 'grid' }, why: '12345 work orders come in at the county.' },
  verifyCase: { roles: STAFF, scope: { kind: 'record' }, why: 'Handlers at the case\'s level.' },
  scheduleCase: { roles: STAFF, scope: { kind: 'record' }, why: 'As verifyCase.' },
  escalateCase: { roles: STAFF, scope: { kind: 'record' }, why: 'As verifyCase.' },
  feedBackCase: { roles: STAFF, scope: { kind: 'record' }, why: 'As verifyCase.' },
  returnCase: { roles: STAFF, scope: { kind: 'record' }, why: 'As verifyCase.' },
  mergeCases: { roles: STAFF, scope: { kind: 'record' }, why: 'As verifyCase.' },
  resolveCase: { roles: [...STAFF, 'department-staff'], scope: { kind: 'record' }, why: 'Handlers, and the department it was dispatched to.' },
  rateCase: { roles: ['resident'], scope: { kind: 'record' }, ownOnly: ['resident'], why: '§8.2 only the resident who reported the case rates it (staff record a return visit).' },
  recordReturnVisit: { roles: STAFF, scope: { kind: 'record' }, why: '§8.2 a return visit (回访) by staff of the case\'s grid or area who did not handle it: a proxy rating with its method.' },
  closeUnsatisfiedCase: { roles: AREA_ADMINS, scope: { kind: 'record' }, why: '§8.2 a village-level or higher reviewer of the area who did not handle the case, with a written reason.' },
  placeOrder: { roles: AREA_ADMINS, scope: { kind: 'record' }, why: 'The village places the order with the township (and above).' },
  dispatchCase: { roles: ['township-admin', 'county-admin'], scope: { kind: 'record' }, why: 'The township (or county) dispatches to a department.' },
  acceptCase: { roles: ['department-staff', 'county-admin'], scope: { kind: 'record' }, ownOnly: ['department-staff'], why: 'The department it was dispatched to.' },
  sendBackCase: { roles: ['department-staff', 'county-admin'], scope: { kind: 'record' }, ownOnly: ['department-staff'], why: 'As acceptCase.' },
  superviseCase: { roles: AREA_ADMINS, scope: { kind: 'record' }, why: 'Admins supervise cases of their area.' },
  // Issue 19: exports with the exporter's masking (audited) and the monthly report made on demand.
  requestLedgerExport: { roles: [...STAFF, 'department-staff', 'auditor'], scope: { kind: 'area', arg: 'input.areaCode', level: 'area' }, why: 'Ledger readers export what they read (§8.8, masked as they read it, audited); the special ledger only roles that read sensitive tags.' },
  requestKeyPlaceExport: { roles: ALL_BUT_RESIDENTS, scope: { kind: 'area', arg: 'input.areaCode', level: 'area' }, why: 'Who reads key places (keyPlaces) exports the key-place ledger of their area.' },
  requestCaseExport: { roles: [...STAFF, 'department-staff', 'auditor'], scope: { kind: 'area', arg: 'input.areaCode', level: 'area' }, why: 'Who reads case lists of an area exports them (department staff: their cases).' },
  requestCaseStatsExport: { roles: STAFF_AND_AUDITOR, scope: { kind: 'area', arg: 'input.areaCode', level: 'area' }, why: 'As caseStats.' },
  generateMonthlyReport: { roles: ['county-admin', 'township-admin'], scope: { kind: 'area', arg: 'input.areaCode', level: 'township' }, why: 'The county and township governance centres make their reports.' },
  acknowledgeWarning: { roles: [...AREA_ADMINS, 'grid-leader'], scope: { kind: 'record' }, why: 'The level a warning is addressed to (or one above) acknowledges it; auditors only read.' },
  closeWarning: { roles: [...AREA_ADMINS, 'grid-leader'], scope: { kind: 'record' }, why: 'As acknowledgeWarning, with a note.' },
  replySupervision: { roles: [...STAFF, 'department-staff'], scope: { kind: 'record' }, why: 'The handler replies.' },
  openDispute: { roles: STAFF, scope: { kind: 'record' }, why: 'Mediators: admins and grid staff handling the case.' },
  recordMediationSession: { roles: STAFF, scope: { kind: 'record' }, why: 'As openDispute.' },
  closeDispute: { roles: STAFF, scope: { kind: 'record' }, why: 'As openDispute.' },
  declareEmergency: { roles: ['county-admin', 'township-admin'], scope: { kind: 'area', arg: 'input.areaCode', level: 'area' }, why: 'The county or a township declares an emergency in its area.' },
  closeEmergency: { roles: ['county-admin', 'township-admin'], scope: { kind: 'record' }, why: 'As declareEmergency.' },
  createCaseCategory: { roles: ['county-admin'], scope: { kind: 'catalogue' }, why: 'The county keeps the category catalogue.' },
  updateCaseCategory: { roles: ['county-admin'], scope: { kind: 'catalogue' }, why: 'As createCaseCategory.' },
  setDeadlineRule: { roles: ['county-admin'], scope: { kind: 'area', arg: 'input.areaCode', level: 'county' }, why: 'The county sets its deadlines.' },
  removeDeadlineRule: { roles: ['county-admin'], scope: { kind: 'record' }, why: 'As setDeadlineRule.' },
  setCalendarDay: {
    roles: ['county-admin'],
    scope: { kind: 'catalogue' },
    why: 'Issue 15: the older one-calendar-for-all-counties; only a county-admin account above county level (none in the demo) changes it, a county admin is FORBIDDEN after input checks (services/cases/test/deadlines.test.ts); counties use setCalendarEntry.',
  },
  removeCalendarDay: { roles: ['county-admin'], scope: { kind: 'catalogue' }, why: 'As setCalendarDay.' },

  // ── Volunteers and points ────────────────────────────────────────────────────────────
  registerVolunteer: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.areaCode', level: 'village-or-grid' }, why: 'Admins register volunteers in their area.' },
  updateVolunteerSkills: { roles: [...AREA_ADMINS, 'volunteer'], scope: { kind: 'record' }, ownOnly: ['volunteer'], why: 'An admin, or the volunteer themselves.' },
  createTeam: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.areaCode', level: 'village' }, why: 'Admins set up teams in their area.' },
  joinTeam: { roles: AREA_ADMINS, scope: { kind: 'record' }, why: 'As createTeam.' },
  publishServiceOrder: { roles: STAFF, scope: { kind: 'area', arg: 'input.areaCode', level: 'village-or-grid' }, why: 'Staff publish orders for the volunteers of their village or grid (社区派单).' },
  republishOrder: { roles: STAFF, scope: { kind: 'record' }, why: 'As publishServiceOrder.' },
  requestServiceOrder: { roles: ['resident', 'volunteer'], scope: { kind: 'self' }, why: '§8.6 a resident orders in their own grid, as their linked person (the input names no area).' },
  reviewServiceOrder: { roles: AREA_ADMINS, scope: { kind: 'record' }, why: '§8.6 the community (village admin and above, in scope) publishes or declines a resident\'s request.' },
  openLeaderboardNotice: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.villageCode', level: 'village' }, why: '§8.5 the committee (village admin and above) puts its village\'s leaderboard on notice.' },
  fileObjection: { roles: ['resident', 'volunteer'], scope: { kind: 'record' }, why: '§8.5 residents and members of the village object during the notice period.' },
  answerObjection: { roles: AREA_ADMINS, scope: { kind: 'record' }, why: '§8.5 the committee of the notice\'s area answers.' },
  finalizeNotice: { roles: AREA_ADMINS, scope: { kind: 'record' }, why: '§8.5 the committee makes the result final after answering every objection.' },
  claimOrder: { roles: ['volunteer'], scope: { kind: 'record' }, why: '§8.7 a volunteer claims as themselves.' },
  completeOrder: { roles: ['volunteer'], scope: { kind: 'record' }, why: 'The volunteer who claimed it.' },
  confirmOrder: { roles: [...STAFF, 'resident'], scope: { kind: 'record' }, ownOnly: ['resident'], why: 'The community, or the resident who ordered it.' },
  createActivity: { roles: STAFF, scope: { kind: 'area', arg: 'input.areaCode', level: 'village-or-grid' }, why: 'Staff organise activities in their area.' },
  signUp: { roles: ['volunteer', ...STAFF], scope: { kind: 'record' }, why: 'A volunteer signs up as themselves; staff sign volunteers up.' },
  checkIn: { roles: STAFF, scope: { kind: 'record' }, why: 'Staff check volunteers in.' },
  openPointAccount: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.areaCode', level: 'village-or-grid' }, why: 'Admins open points accounts in their area.' },
  proposeManualAward: { roles: STAFF, scope: { kind: 'record' }, why: 'Staff propose; a different admin approves.' },
  approveManualAward: { roles: AREA_ADMINS, scope: { kind: 'record' }, why: 'As proposeManualAward.' },
  rejectManualAward: { roles: AREA_ADMINS, scope: { kind: 'record' }, why: 'As proposeManualAward.' },
  declarePoints: { roles: ['volunteer'], scope: { kind: 'self' }, ownOnly: ['volunteer'], why: 'In-service party members (volunteers who are) declare their own points.' },
  collectDeclaration: { roles: ['grid-leader', 'village-admin'], scope: { kind: 'record' }, why: 'The convener collects.' },
  verifyDeclaration: { roles: ['village-admin'], scope: { kind: 'record' }, why: 'The community verifies.' },
  rejectDeclaration: { roles: ['grid-leader', 'village-admin'], scope: { kind: 'record' }, why: 'The convener or the community rejects.' },
  vetoPoints: { roles: AREA_ADMINS, scope: { kind: 'record' }, why: 'Admins apply a red-line veto.' },
  createRedemptionItem: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.areaCode', level: 'village' }, why: 'Admins keep the catalogue of their area.' },
  restockRedemptionItem: { roles: AREA_ADMINS, scope: { kind: 'record' }, why: 'As createRedemptionItem.' },
  redeem: { roles: [...AREA_ADMINS, 'volunteer', 'resident'], scope: { kind: 'record' }, ownOnly: ['volunteer', 'resident'], why: 'Holders redeem their own points; admins at the counter.' },
  registerDoubleReport: { roles: AREA_ADMINS, scope: { kind: 'area', arg: 'input.villageCode', level: 'village' }, why: 'Admins register in-service members reporting to their communities.' },

  // ── Assessments and party members ────────────────────────────────────────────────────
  completeAssessment: {
    roles: [...AREA_ADMINS, 'grid-leader'],
    scope: { kind: 'area', arg: 'input.gridCode', level: 'grid' },
    why: 'The level that runs an assessment and the levels above (the grid leader: monthly).',
  },
  setAssessmentWeights: { roles: ['county-admin', 'township-admin'], scope: { kind: 'area', arg: 'input.areaCode', level: 'township' }, why: 'The county for itself, a township for itself.' },
  recordTraining: { roles: [...AREA_ADMINS, 'grid-leader'], scope: { kind: 'area', arg: 'input.gridCode', level: 'grid' }, why: 'Admins; the grid leader records mentoring in their grid.' },
  openRatingRound: { roles: [...AREA_ADMINS, 'grid-leader'], scope: { kind: 'record' }, why: 'The branch committee and above.' },
  recordRatingStep: { roles: EVERYONE, scope: { kind: 'record' }, ownOnly: ['grid-worker', 'department-staff', 'volunteer', 'resident', 'auditor'], why: 'Each step by its own committee; the member self-rates.' },
  recordOneStarMeasure: { roles: ['township-admin', 'county-admin'], scope: { kind: 'record' }, why: 'The party committee decides.' },

  // ── Police (example department subgraph) ─────────────────────────────────────────────
  assignCommunityOfficer: {
    roles: ['county-admin', 'department-staff'],
    departments: ['PUBLIC_SECURITY'],
    scope: { kind: 'area', arg: 'input.gridCode', level: 'grid' },
    why: 'The police and the county admin post officers to grids.',
  },
  recordPolicePatrol: {
    roles: ['county-admin', 'department-staff', 'grid-leader', 'grid-worker'],
    departments: ['PUBLIC_SECURITY'],
    scope: { kind: 'area', arg: 'input.gridCode', level: 'grid' },
    why: 'The police, the county admin, and the grid\'s own staff.',
  },

  // ── Media (issue 17) ─────────────────────────────────────────────────────────────────
  attachMedia: {
    roles: ALL_BUT_AUDITOR,
    scope: { kind: 'record' },
    ownOnly: ['department-staff', 'volunteer', 'resident'],
    why: 'Staff attach to owners in their area; departments to their department\'s cases; anyone to what they created (a resident\'s own report); auditors only read.',
  },
};

// ── Who may read which Person field (§8.8) ─────────────────────────────────────────────
//
//   read     the value in clear
//   masked   protected numbers only masked (ID number, phone); the clear value only through the audited
//            revealPersonalData. Whatever else the reader sees, at least 3 digits of an ID number's first
//            17 stay unknown (≥ 500 candidates: the 8 masked digits of an ID are the birth date, so a
//            reader of the full birth date must not see the sequence digits) and at most the last 4
//            digits of a phone show.
//   hidden   null, empty, or an error on that field
//
// Columns are the reader: each role reading a person of their area (department staff: a person on a case
// dispatched to their department), and `self`, a resident reading their own Person. Which persons a
// role reaches at all is the matrix's business (person, persons).

export type FieldAccess = 'read' | 'masked' | 'hidden';
export type PersonReader = Exclude<RoleName, 'resident'> | 'self';

export const PERSON_READERS: readonly PersonReader[] = [
  'county-admin',
  'township-admin',
  'village-admin',
  'grid-leader',
  'grid-worker',
  'department-staff',
  'auditor',
  'volunteer',
  'self',
];

function readers(...access: FieldAccess[]): Record<PersonReader, FieldAccess> {
  if (access.length !== PERSON_READERS.length) throw new Error('one access per reader');
  return Object.fromEntries(PERSON_READERS.map((reader, index) => [reader, access[index]])) as Record<PersonReader, FieldAccess>;
}

const R = 'read';
const M = 'masked';
const H = 'hidden';

/** Person fields (owned by people, or added by other subgraphs) × who reads them. */
export const PERSON_FIELD_POLICY: Record<string, Record<PersonReader, FieldAccess>> = {
  //                         county  township village  leader   worker   dept     auditor  volunt.  self
  id: /*               */ readers(R, R, R, R, R, R, R, R, R),
  version: /*          */ readers(R, R, R, R, R, R, R, R, R),
  name: /*             */ readers(R, R, R, R, R, R, R, R, R),
  gridCode: /*         */ readers(R, R, R, R, R, R, R, R, R),
  grid: /*             */ readers(R, R, R, R, R, R, R, R, R),
  sex: /*              */ readers(R, R, R, R, R, R, R, H, R),
  // Keepers need birthdays (§8.3 care schedule); auditors check the ledgers without them (the year only).
  birthDate: /*        */ readers(R, R, R, R, R, R, H, H, R),
  birthYear: /*        */ readers(R, R, R, R, R, R, R, H, R),
  idNumber: /*         */ readers(M, M, M, M, M, M, M, H, M),
  phone: /*            */ readers(M, M, M, M, M, M, M, H, M),
  address: /*          */ readers(R, R, R, R, R, R, R, H, R),
  residenceStatus: /*  */ readers(R, R, R, R, R, R, R, H, R),
  // Where a person lived before: keepers, auditors, the police (see below), the person.
  residenceHistory: /* */ readers(R, R, R, R, R, H, R, H, R),
  // A resident's own household is not yet readable to them (ledger data).
  household: /*        */ readers(R, R, R, R, R, R, R, H, H),
  tags: /*             */ readers(R, R, R, R, R, R, R, H, R),
  tagAssignments: /*   */ readers(R, R, R, R, R, R, R, H, R),
  partyMembership: /*  */ readers(R, R, R, R, R, H, R, H, R),
  // Star ratings: the member, the admins and grid leader of their area, auditors (not grid workers).
  starRating: /*       */ readers(R, R, R, R, H, H, R, H, R),
  starRatingHistory: /**/ readers(R, R, R, R, H, H, R, H, R),
  // Points and the volunteer record: the holder, staff of the area, auditors.
  points: /*           */ readers(R, R, R, R, R, H, R, H, R),
  volunteer: /*        */ readers(R, R, R, R, R, H, R, H, R),
  // The person's cases, as far as the reader sees cases (departments: theirs).
  cases: /*            */ readers(R, R, R, R, R, R, R, H, R),
};

/** Department staff read more in some departments (department_code claim). */
export const PERSON_FIELD_DEPARTMENT_OVERRIDES: Record<string, Partial<Record<string, FieldAccess>>> = {
  PUBLIC_SECURITY: { residenceHistory: 'read' },
};
