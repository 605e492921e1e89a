import { prefixPattern } from '@lianxin/db';
import { isInScope, Role, type AuthUser } from '@lianxin/auth';
import { type CaseAccessFacts, isReporterOf, mayAct } from './case-access.js';
import { CaseAction, CaseStatus, FINAL_STATUSES, HandlingLevel } from './case-enums.js';
import { availableActions, type CaseState } from './case-state-machine.js';

/**
 * What awaits whose action (Viewer.awaitingMyAction). Pure; the state machine and the access rules
 * decide, this file only says whose move it is.
 *
 * The holder of a case:
 * - RESOLVED: the grid (the grid worker feeds the result back, wherever it was resolved);
 * - FED_BACK: the reporting resident (their rating); with no resident account on the case, the grid
 *   (grid staff record the rating collected at a visit or by phone);
 * - RETURNED, CLOSED, MERGED: nobody;
 * - otherwise the level handling it: grid staff of the case's grid; the village, township or county
 *   admins whose area holds the grid; the department it was dispatched to (its staff in that county).
 *   A case assigned to someone at that level (verified, listed, accepted by them) is theirs alone.
 * A case awaits the caller when they hold it and the caller's available actions on it (the state
 * machine's actions the caller may take, as Case.availableActions shows them) are not empty.
 * Admins may act on the levels below theirs too, but those cases await the level holding them.
 */
export interface AwaitingFacts extends CaseAccessFacts, CaseState {
  assigneeUserId: string | null;
}

/** The actions the caller may take on the case now (Case.availableActions). */
export function actionsFor(user: AuthUser, facts: AwaitingFacts): CaseAction[] {
  return availableActions(facts).filter((action) => action !== CaseAction.MERGE && mayAct(user, facts, action));
}

export type Holder = { kind: 'level'; level: HandlingLevel; anyAssignee: boolean } | { kind: 'reporter' } | null;

export function holderOf(facts: Pick<AwaitingFacts, 'status' | 'level' | 'reporterUserId'>): Holder {
  if (FINAL_STATUSES.includes(facts.status)) return null;
  if (facts.status === CaseStatus.RESOLVED) return { kind: 'level', level: HandlingLevel.GRID, anyAssignee: true };
  if (facts.status === CaseStatus.FED_BACK) return facts.reporterUserId ? { kind: 'reporter' } : { kind: 'level', level: HandlingLevel.GRID, anyAssignee: true };
  return { kind: 'level', level: facts.level, anyAssignee: false };
}

const has = (user: AuthUser, role: Role) => user.roles.includes(role);
const isGridStaff = (user: AuthUser) => has(user, Role.GRID_WORKER) || has(user, Role.GRID_LEADER);
const ADMIN_OF_LEVEL: Partial<Record<HandlingLevel, Role>> = {
  [HandlingLevel.VILLAGE]: Role.VILLAGE_ADMIN,
  [HandlingLevel.TOWNSHIP]: Role.TOWNSHIP_ADMIN,
  [HandlingLevel.COUNTY]: Role.COUNTY_ADMIN,
};

/** The levels the caller's roles hold cases at. */
function heldLevels(user: AuthUser): HandlingLevel[] {
  return Object.values(HandlingLevel).filter((level) => {
    if (level === HandlingLevel.GRID) return isGridStaff(user);
    if (level === HandlingLevel.DEPARTMENT) return has(user, Role.DEPARTMENT_STAFF) && !!user.departmentCode;
    return has(user, ADMIN_OF_LEVEL[level]!);
  });
}

function holdsLevel(user: AuthUser, level: HandlingLevel, facts: AwaitingFacts): boolean {
  if (!heldLevels(user).includes(level)) return false;
  if (level === HandlingLevel.GRID) return user.areaCode === facts.gridCode;
  if (level === HandlingLevel.DEPARTMENT) return facts.assigneeDepartmentCode === user.departmentCode && isInScope(user, facts.gridCode);
  return isInScope(user, facts.gridCode);
}

export function isAwaiting(user: AuthUser, facts: AwaitingFacts): boolean {
  const holder = holderOf(facts);
  if (!holder) return false;
  const holds =
    holder.kind === 'reporter'
      ? isReporterOf(user, facts)
      : holdsLevel(user, holder.level, facts) && (holder.anyAssignee || !facts.assigneeUserId || facts.assigneeUserId === user.sub);
  return holds && actionsFor(user, facts).length > 0;
}

/**
 * The same rule as conditions a query can carry (one statement per page, no per-case check): for
 * each level the caller holds, the statuses in which the state machine leaves them an action.
 */
export interface AwaitingRule {
  statuses: CaseStatus[];
  /** Only cases at this level; any level when absent. */
  level?: HandlingLevel;
  /** The case's grid is this one, or starts with this prefix; any grid when absent. */
  grid?: { equals: string } | { startsWith: string };
  departmentCode?: string;
  /** Unassigned or assigned to the caller, or any. */
  assignee: 'me-or-nobody' | 'any';
  /** The resident account on the case: the caller (or a merged-in co-reporter), nobody, or either. */
  reporter?: 'me' | 'nobody';
}

const HANDLING = Object.values(CaseStatus).filter((status) => !FINAL_STATUSES.includes(status) && status !== CaseStatus.RESOLVED && status !== CaseStatus.FED_BACK);

export function awaitingRules(user: AuthUser): AwaitingRule[] {
  const rules: AwaitingRule[] = [];
  const sample = (status: CaseStatus, level: HandlingLevel, reporterUserId: string | null = null): AwaitingFacts => ({
    status,
    level,
    gridCode: user.areaCode,
    assigneeDepartmentCode: level === HandlingLevel.DEPARTMENT ? (user.departmentCode ?? null) : null,
    assigneeUserId: null,
    reporterUserId,
    coReporterUserIds: [],
  });
  for (const level of heldLevels(user)) {
    const grid = level === HandlingLevel.GRID ? { equals: user.areaCode } : { startsWith: user.areaCode };
    const statuses = HANDLING.filter((status) => actionsFor(user, sample(status, level)).length > 0);
    if (statuses.length > 0) {
      rules.push({ statuses, level, grid, assignee: 'me-or-nobody', ...(level === HandlingLevel.DEPARTMENT ? { departmentCode: user.departmentCode } : {}) });
    }
    if (level === HandlingLevel.GRID) {
      if (actionsFor(user, sample(CaseStatus.RESOLVED, level)).length > 0) rules.push({ statuses: [CaseStatus.RESOLVED], grid, assignee: 'any' });
      if (actionsFor(user, sample(CaseStatus.FED_BACK, level)).length > 0) rules.push({ statuses: [CaseStatus.FED_BACK], grid, assignee: 'any', reporter: 'nobody' });
    }
  }
  if (has(user, Role.RESIDENT) && actionsFor(user, sample(CaseStatus.FED_BACK, HandlingLevel.GRID, user.sub)).length > 0) {
    rules.push({ statuses: [CaseStatus.FED_BACK], assignee: 'any', reporter: 'me' });
  }
  return rules;
}

/** Whether a case meets a rule (tests compare awaitingRules with isAwaiting through it). */
export function ruleMatches(user: AuthUser, rule: AwaitingRule, facts: AwaitingFacts): boolean {
  if (!rule.statuses.includes(facts.status)) return false;
  if (rule.level && facts.level !== rule.level) return false;
  if (rule.grid && ('equals' in rule.grid ? facts.gridCode !== rule.grid.equals : !facts.gridCode.startsWith(rule.grid.startsWith))) return false;
  if (rule.departmentCode && facts.assigneeDepartmentCode !== rule.departmentCode) return false;
  if (rule.assignee === 'me-or-nobody' && facts.assigneeUserId && facts.assigneeUserId !== user.sub) return false;
  if (rule.reporter === 'nobody' && facts.reporterUserId) return false;
  if (rule.reporter === 'me' && !(facts.reporterUserId && (facts.reporterUserId === user.sub || (facts.coReporterUserIds ?? []).includes(user.sub)))) return false;
  return true;
}

/** awaitingRules as a MikroORM filter on Case; null when nothing can await the caller. */
export function awaitingCasesWhere(user: AuthUser): Record<string, unknown> | null {
  const rules = awaitingRules(user);
  if (rules.length === 0 || !/^\d+$/.test(user.areaCode)) return null;
  const alternatives = rules.map((rule) => {
    const where: Array<Record<string, unknown>> = [{ status: { $in: rule.statuses } }];
    if (rule.level) where.push({ level: rule.level });
    if (rule.grid) where.push('equals' in rule.grid ? { gridCode: rule.grid.equals } : { gridCode: { $like: prefixPattern(rule.grid.startsWith) } });
    if (rule.departmentCode) where.push({ assigneeDepartmentCode: rule.departmentCode });
    if (rule.assignee === 'me-or-nobody') where.push({ $or: [{ assigneeUserId: null }, { assigneeUserId: user.sub }] });
    if (rule.reporter === 'nobody') where.push({ reporterUserId: null });
    if (rule.reporter === 'me') where.push({ reporterUserId: { $ne: null } }, { $or: [{ reporterUserId: user.sub }, { coReporterUserIds: { $contains: [user.sub] } }] });
    return { $and: where };
  });
  return alternatives.length === 1 ? alternatives[0] : { $or: alternatives };
}
