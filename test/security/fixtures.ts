import { MISSING_ID, OTHER_MISSING_ID } from './operations.js';
import { invalidIdNumber, unregisteredIdNumber, type DemoRecords } from './demo.js';
import type { DemoUser } from './policy.js';

/**
 * Argument values per root field, over the schema's placeholders (operations.ts) and the scope argument
 * the matrix sets itself. Every mutation is sent so that it cannot change the demo data other tests
 * rely on:
 *
 *  - writes on a record name an id that does not exist (NOT_FOUND then shows the role check passed);
 *  - writes naming an area carry one more value that the service refuses after its scope check (a
 *    duplicate code → CONFLICT, a stale expectedVersion → CONFLICT, an unknown tag or category, a
 *    missing member → BAD_USER_INPUT), so "inside" is refused for that value and "outside" must be
 *    refused for the area first;
 *  - where a service has no such check after its scope check, the inside call carries a value the
 *    input validation refuses (the role check has passed by then), and the outside call goes to the
 *    neighbouring county 330411, where nothing of the demo lives, in case the scope check is missing.
 *
 * Reads need no care: they change nothing.
 */

export type Variant = 'none' | 'inside' | 'outside';

export interface FixtureContext {
  user: DemoUser;
  variant: Variant;
  /** The scope argument's value for this call (already set at its path). */
  code?: string;
  records: DemoRecords;
  /** Unique per call (for idempotency keys such as a hotline order number). */
  unique: string;
}

export interface Fixture {
  vars?: (context: FixtureContext) => Record<string, unknown>;
  /** The outside call names an area of the neighbouring county (see above). */
  outsideNeighbour?: boolean;
}

const PAST = '2026-01-05T02:00:00.000Z';
const FUTURE = '2099-01-05T02:00:00.000Z';
const NO_TAG = 'NO_SUCH_TAG';
const NO_CATEGORY = 'NO_SUCH_CATEGORY';
const TEXT = 'security matrix 安全矩阵';

const inside = (context: FixtureContext) => context.variant !== 'outside';

export const QUERY_FIXTURES: Record<string, Fixture> = {
  monthlyReport: { vars: () => ({ month: '2026-10' }) },
  assessmentRanking: { vars: () => ({ kind: 'GRID_MONTHLY', period: '2026-10' }) },
  platformStatistics: { vars: () => ({ kind: 'GRID_MONTHLY', period: '2026-10', staffUserId: MISSING_ID }) },
  caseStats: { vars: () => ({ period: { from: '2026-01-01', to: '2026-11-30' } }) },
  disputeStats: { vars: () => ({ period: { from: '2026-01-01', to: '2026-11-30' } }) },
  calendarDays: { vars: () => ({ from: '2026-01-01', to: '2026-02-28' }) },
  workingCalendar: { vars: () => ({ from: '2026-01-01', to: '2026-02-28' }) },
  publicNotice: { vars: () => ({ id: MISSING_ID }) },
  leaderboard: { vars: () => ({ month: '2026-10' }) },
  doubleReports: { vars: () => ({ year: 2026 }) },
  doubleReportDuty: { vars: () => ({ year: 2026 }) },
  partyMemberRating: { vars: (context) => ({ personId: context.records.person?.key ?? MISSING_ID, year: 2025 }) },
  // Look-ups by ID number are audited and rate-limited per user and hour: a number with a wrong check digit
  // is refused before either, so the matrix spends none of another test's allowance.
  personByIdNumber: { vars: () => ({ idNumber: invalidIdNumber() }) },
  department: { vars: () => ({ id: MISSING_ID }) },
  departmentQueue: { vars: (context) => ({ departmentCode: context.user.departmentCode ?? 'PUBLIC_SECURITY' }) },
  householdCoverage: { vars: (context) => ({ householdId: context.records.household?.key ?? MISSING_ID }) },
  coverageLinksOfCadre: { vars: () => ({ userId: MISSING_ID }) },
};

export const MUTATION_FIXTURES: Record<string, Fixture> = {
  // Issue 19: inside, a value the input validation refuses (after the role check); outside, the neighbouring county.
  requestLedgerExport: { vars: (c) => ({ input: { ledger: 'POPULATION', format: 'CSV', ...(inside(c) ? { areaCode: '3304020010010010' } : {}) } }), outsideNeighbour: true },
  requestKeyPlaceExport: { vars: (c) => ({ input: { format: 'CSV', ...(inside(c) ? { areaCode: '3304020010010010' } : {}) } }), outsideNeighbour: true },
  requestCaseExport: { vars: (c) => ({ input: { format: 'CSV', ...(inside(c) ? { areaCode: '3304020010010010' } : {}) } }), outsideNeighbour: true },
  requestCaseStatsExport: { vars: (c) => ({ input: { format: 'CSV', period: inside(c) ? { from: '2026-02-01', to: '2026-01-01' } : { from: '2026-01-01', to: '2026-01-31' } } }), outsideNeighbour: true },
  generateMonthlyReport: { vars: (c) => ({ input: { month: inside(c) ? '2099-01' : '2026-10' } }), outsideNeighbour: true },
  // ── Areas ─────────────────────────────────────────────────────────────────────────────
  // An existing area: CONFLICT after the parent's scope check.
  createArea: { vars: () => ({ input: { name: TEXT } }) },
  // A stale version: CONFLICT after the scope check.
  updateArea: { vars: () => ({ input: { name: TEXT, expectedVersion: 999999 } }) },
  // CIVIL_AFFAIRS exists in 330402: CONFLICT; outside, a county that does not exist (BAD_USER_INPUT if the scope check were missing).
  createDepartment: {
    vars: (context) => ({ input: { code: 'CIVIL_AFFAIRS', name: TEXT, areaCode: inside(context) ? context.code : '330499' } }),
  },
  // Issue 15. Inside: a value its schema refuses (BAD_USER_INPUT after the scope check); outside: the neighbour county.
  changeCountySetting: {
    vars: () => ({ input: { key: 'NOTICE_PERIOD', value: { days: 0 }, effectiveFrom: '2099-01-01', reason: TEXT } }),
    outsideNeighbour: true,
  },
  // 30 February is no day: BAD_USER_INPUT after the scope check; outside: the neighbour county.
  setCalendarEntry: { vars: () => ({ input: { day: '2026-02-30', kind: 'HOLIDAY', name: TEXT } }), outsideNeighbour: true },
  // No such entry: NOT_FOUND after the scope check.
  removeCalendarEntry: { vars: () => ({ input: { day: '1999-01-05' } }), outsideNeighbour: true },
  // An unknown parent organisation: BAD_USER_INPUT after the scope check.
  createOrganization: { vars: () => ({ input: { kind: 'PARTY_GROUP', name: TEXT, parentId: MISSING_ID } }) },

  // ── Grids ─────────────────────────────────────────────────────────────────────────────
  // An existing grid: CONFLICT after the scope check; outside in the neighbour county.
  createGrid: { vars: () => ({ input: { kind: 'URBAN', name: TEXT } }), outsideNeighbour: true },
  updateGrid: { vars: () => ({ input: { expectedVersion: 999999 } }) },
  // An existing micro-grid (CONFLICT) or one under a grid that does not exist (BAD_USER_INPUT).
  createMicroGrid: { vars: () => ({ input: { name: TEXT } }) },
  // A liaison without a micro-grid: BAD_USER_INPUT after the scope check.
  assignStaff: { vars: () => ({ input: { name: TEXT, personId: MISSING_ID, role: 'LIAISON' } }) },
  endStaffAssignment: { vars: () => ({ input: { staffId: MISSING_ID } }) },
  // A grid that does not exist, under the area: BAD_USER_INPUT after the scope check.
  createCoverageLink: {
    vars: (context) => ({ input: { areaCode: `${(context.code ?? '').slice(0, 12)}999`, cadreName: TEXT, cadreUserId: MISSING_ID } }),
  },
  assignHousehold: { vars: () => ({ input: { householdId: MISSING_ID, staffId: MISSING_ID } }) },
  // Inside: a blank name (refused by validation); outside: the neighbour county's grid that does not exist.
  registerKeyPlace: {
    vars: (context) => ({ input: { kind: 'MARKET', name: inside(context) ? '' : TEXT, address: TEXT } }),
    outsideNeighbour: true,
  },
  recordPatrol: { vars: () => ({ input: { keyPlaceId: MISSING_ID } }) },
  recordVisit: { vars: () => ({ input: { householdId: MISSING_ID, staffId: MISSING_ID, findings: TEXT } }) },
  recordCare: { vars: () => ({ input: { householdId: MISSING_ID, staffId: MISSING_ID, kind: 'VISIT' } }) },
  acknowledgeWarning: { vars: () => ({ input: { id: MISSING_ID } }) },
  closeWarning: { vars: () => ({ input: { id: MISSING_ID, note: TEXT } }) },
  // A key place that is not in the grid: BAD_USER_INPUT after the scope check.
  reportHazard: { vars: () => ({ input: { description: TEXT, keyPlaceId: MISSING_ID } }) },
  // One visit of a household and staff assignment that do not exist: the item is REJECTED, nothing written.
  syncFieldWork: { vars: (context) => ({ input: { items: [{ visit: { householdId: MISSING_ID, staffId: MISSING_ID, findings: TEXT, idempotencyKey: `security-${context.unique}` } }] } }) },

  // ── People ────────────────────────────────────────────────────────────────────────────
  // A valid, unregistered ID number and an unknown tag: BAD_USER_INPUT after the scope check.
  registerPerson: { vars: () => ({ input: { idNumber: unregisteredIdNumber(), name: '安全测试', tagCodes: [NO_TAG] } }) },
  updatePerson: { vars: () => ({ input: { id: MISSING_ID } }) },
  resolveEditConflict: { vars: () => ({ input: { id: MISSING_ID, accept: false } }) },
  movePerson: { vars: () => ({ input: { personId: MISSING_ID, reason: TEXT } }) },
  tagPerson: { vars: () => ({ input: { personId: MISSING_ID, tagCode: 'ELDERLY' } }) },
  untagPerson: { vars: () => ({ input: { personId: MISSING_ID, tagCode: 'ELDERLY' } }) },
  // Not base64: BAD_USER_INPUT; and a dry run anyway.
  importPeople: { vars: () => ({ input: { contentBase64: '!!not base64!!', format: 'CSV', dryRun: true } }) },
  // A member who does not exist: BAD_USER_INPUT after the scope check.
  createHousehold: { vars: () => ({ input: { address: TEXT, memberIds: [MISSING_ID] } }) },
  updateHousehold: { vars: () => ({ input: { id: MISSING_ID } }) },
  moveHousehold: { vars: () => ({ input: { householdId: MISSING_ID, reason: TEXT } }) },
  setPartyMembership: { vars: () => ({ input: { personId: MISSING_ID, type: 'WITHOUT_POST' } }) },
  // An existing tag: CONFLICT.
  createTag: { vars: () => ({ input: { code: 'ELDERLY', category: 'VULNERABLE', nameEn: TEXT, nameZh: TEXT } }) },
  // As personByIdNumber: refused before the audit log and the hourly allowance.
  lookUpPerson: { vars: () => ({ input: { idNumber: invalidIdNumber(), purpose: TEXT } }) },
  // An empty code is refused by input validation, before the wrong-code allowance (5 an hour) is touched.
  redeemLinkCode: { vars: () => ({ input: { code: '' } }) },
  revealPersonalData: { vars: () => ({ input: { personId: MISSING_ID, field: 'PHONE', purpose: TEXT } }) },

  // ── Cases ─────────────────────────────────────────────────────────────────────────────
  // An unknown category: BAD_USER_INPUT after the scope check (inside the transaction that would create the case).
  reportCase: { vars: () => ({ input: { categoryCode: NO_CATEGORY, title: TEXT, description: TEXT } }) },
  intakeHotlineOrder: {
    vars: (context) => ({ input: { categoryCode: NO_CATEGORY, title: TEXT, description: TEXT, hotlineOrderNumber: `SEC-${context.unique}` } }),
  },
  mergeCases: { vars: () => ({ input: { survivorId: MISSING_ID, mergedId: OTHER_MISSING_ID } }) },
  openDispute: { vars: () => ({ input: { caseId: MISSING_ID, parties: [{ name: TEXT }, { name: `${TEXT} 2` }] } }) },
  // Inside: a blank title (validation); outside: the neighbour county.
  declareEmergency: {
    vars: (context) => ({ input: { title: inside(context) ? '' : TEXT, description: TEXT, memberUserIds: [MISSING_ID] } }),
    outsideNeighbour: true,
  },
  // An existing category: CONFLICT.
  createCaseCategory: { vars: () => ({ input: { code: 'OTHER', nameEn: TEXT, nameZh: TEXT, departmentCodes: [] } }) },
  updateCaseCategory: { vars: () => ({ input: { code: NO_CATEGORY } }) },
  // Inside: zero days (validation); outside: the neighbour county.
  setDeadlineRule: {
    vars: (context) => ({ input: { caseClass: 'SIMPLE', workingDays: inside(context) ? 0 : 1 } }),
    outsideNeighbour: true,
  },
  // 30 February is no day: BAD_USER_INPUT.
  setCalendarDay: { vars: () => ({ input: { day: '2026-02-30', kind: 'HOLIDAY', name: TEXT } }) },
  removeCalendarDay: { vars: () => ({ input: { day: '1999-01-05' } }) },

  // ── Volunteers and points ─────────────────────────────────────────────────────────────
  // A party-member volunteer without a member type: BAD_USER_INPUT after the scope check.
  registerVolunteer: { vars: () => ({ input: { kinds: ['PARTY_MEMBER'], personId: MISSING_ID } }) },
  updateVolunteerSkills: { vars: () => ({ input: { volunteerId: MISSING_ID, skills: [], expectedVersion: 999999 } }) },
  // A blank name: BAD_USER_INPUT after the scope check.
  createTeam: { vars: () => ({ input: { name: ' ' } }) },
  joinTeam: { vars: () => ({ input: { teamId: MISSING_ID, volunteerId: MISSING_ID } }) },
  // A deadline in the past: BAD_USER_INPUT after the scope check.
  publishServiceOrder: { vars: () => ({ input: { kind: 'NEED', title: TEXT, deadline: PAST } }) },
  republishOrder: { vars: () => ({ input: { orderId: MISSING_ID, deadline: FUTURE } }) },
  // A deadline in the past: BAD_USER_INPUT before anything is written.
  requestServiceOrder: { vars: () => ({ input: { kind: 'NEED', title: TEXT, deadline: PAST } }) },
  reviewServiceOrder: { vars: () => ({ input: { orderId: MISSING_ID, publish: true } }) },
  // §8.5. A future month: BAD_USER_INPUT after the committee check; outside: the neighbour county.
  openLeaderboardNotice: { vars: () => ({ input: { month: '2999-01' } }), outsideNeighbour: true },
  fileObjection: { vars: () => ({ input: { noticeId: MISSING_ID, text: TEXT } }) },
  answerObjection: { vars: () => ({ input: { objectionId: MISSING_ID, outcome: 'DISMISSED', answer: TEXT } }) },
  finalizeNotice: { vars: () => ({ input: { noticeId: MISSING_ID } }) },
  completeOrder: { vars: () => ({ input: { orderId: MISSING_ID, note: TEXT } }) },
  // It ends when it starts: BAD_USER_INPUT after the scope check.
  createActivity: {
    vars: () => ({ input: { kind: 'OTHER', title: TEXT, capacity: 1, serviceHours: 1, startsAt: FUTURE, endsAt: FUTURE } }),
  },
  checkIn: { vars: () => ({ input: { activityId: MISSING_ID, volunteerId: MISSING_ID } }) },
  // A member type on a civic account: BAD_USER_INPUT after the scope check.
  openPointAccount: { vars: () => ({ input: { accountKind: 'CIVIC', partyMemberType: 'IN_SERVICE', personId: MISSING_ID } }) },
  // In the future: BAD_USER_INPUT.
  proposeManualAward: { vars: () => ({ input: { personId: MISSING_ID, reason: TEXT, ruleCode: 'NO_SUCH_RULE', occurredAt: FUTURE } }) },
  // A month in the future: BAD_USER_INPUT (after the in-service check).
  declarePoints: { vars: () => ({ input: { month: '2099-01', points: 1, description: TEXT } }) },
  rejectDeclaration: { vars: () => ({ input: { declarationId: MISSING_ID, reason: TEXT } }) },
  rejectManualAward: { vars: () => ({ input: { manualAwardId: MISSING_ID, reason: TEXT } }) },
  // No such period: BAD_USER_INPUT.
  vetoPoints: { vars: () => ({ input: { personId: MISSING_ID, accountKind: 'CIVIC', period: 'never', reason: TEXT } }) },
  // A blank name: BAD_USER_INPUT after the scope check.
  createRedemptionItem: { vars: () => ({ input: { name: ' ', kind: 'GOODS', pointsCost: 1, stock: 0 } }) },
  restockRedemptionItem: { vars: () => ({ input: { itemId: MISSING_ID, quantity: 1 } }) },
  redeem: { vars: () => ({ input: { itemId: MISSING_ID, personId: MISSING_ID, accountKind: 'CIVIC' } }) },
  // A blank work unit: BAD_USER_INPUT after the scope check.
  registerDoubleReport: { vars: () => ({ input: { personId: MISSING_ID, workUnit: ' ', year: 2026 } }) },

  // ── Assessments and party members ─────────────────────────────────────────────────────
  // No quantified items where the monthly assessment weighs them: BAD_USER_INPUT after the scope check.
  completeAssessment: {
    vars: () => ({ input: { kind: 'GRID_MONTHLY', period: '2026-10', staffUserId: MISSING_ID, quantifiedItems: [] } }),
  },
  // Inside: weights that do not add up to 1 (refused first); outside: the neighbour county.
  setAssessmentWeights: {
    vars: (context) => ({ input: { kind: 'GRID_MONTHLY', quantified: inside(context) ? 0.9 : 0.5, platform: 0.3, democratic: 0.2 } }),
    outsideNeighbour: true,
  },
  // Inside: a day in the future (refused first); outside: the neighbour county.
  recordTraining: {
    vars: (context) => ({
      input: { kind: 'BUSINESS', title: TEXT, hours: 1, staffUserId: MISSING_ID, trainedOn: inside(context) ? '2099-01-05' : '2026-01-05' },
    }),
    outsideNeighbour: true,
  },
  // A quarter that has not begun: BAD_USER_INPUT.
  openRatingRound: { vars: () => ({ input: { areaCode: '330402001001001', memberType: 'WITHOUT_POST', personId: MISSING_ID, quarter: 4, year: 2099 } }) },
  recordRatingStep: { vars: () => ({ input: { roundId: MISSING_ID, step: 'SELF_RATED' } }) },
  recordOneStarMeasure: { vars: () => ({ input: { ratingId: MISSING_ID, note: TEXT } }) },

  // ── Police ────────────────────────────────────────────────────────────────────────────
  // Posted from a day in the future: BAD_USER_INPUT after the scope check.
  assignCommunityOfficer: {
    vars: () => ({ input: { badgeNumber: '990001', name: '安全测试', phone: '13800000000', policeStation: '测试派出所', assignedFrom: FUTURE } }),
  },
  // Patrolled in the future: BAD_USER_INPUT after the scope check.
  recordPolicePatrol: { vars: () => ({ input: { patrolledAt: FUTURE, route: TEXT } }) },
};
