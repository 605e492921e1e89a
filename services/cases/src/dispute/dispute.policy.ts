import { isInScope, Role, type AuthUser } from '@lianxin/auth';
import { MediationLevel } from './dispute.entity.js';

/**
 * Who reads a dispute's parties and mediation notes (issue 13: need to know). Everyone who sees the
 * case sees that it has a dispute, its level, outcome and sessions' dates and results; the parties
 * (names, persons, roles), the session notes and the summary (the agreement, which repeats the
 * settling session's notes) only the dispute's handlers and auditors.
 *
 * A handler of a dispute is, precisely:
 * - the staff member who opened it, or recorded any of its sessions;
 * - the case's current assignee (the user holding the case now);
 * - staff holding the dispute's current mediation level: grid staff of the case's own grid for a
 *   GRID dispute; village admins whose area holds the grid for a VILLAGE or EXPERT dispute.
 * Township and county admins, other grid staff, department staff and the residents on the case are
 * not handlers until they take a step on it (admins above the village may still record a session —
 * assertMayMediate — and are handlers from then on).
 */
export interface MediationAccessFacts {
  gridCode: string;
  /** The dispute's current mediation level. */
  level: MediationLevel;
  openedByUserId: string;
  /** Users who recorded the dispute's sessions. */
  recorderUserIds: readonly string[];
  /** The case's assignee now. */
  caseAssigneeUserId: string | null;
}

const has = (user: AuthUser, role: Role) => user.roles.includes(role);

function holdsMediationLevel(user: AuthUser, facts: MediationAccessFacts): boolean {
  if (facts.level === MediationLevel.GRID) return (has(user, Role.GRID_WORKER) || has(user, Role.GRID_LEADER)) && user.areaCode === facts.gridCode;
  return has(user, Role.VILLAGE_ADMIN) && isInScope(user, facts.gridCode);
}

export function isDisputeHandler(user: AuthUser, facts: MediationAccessFacts): boolean {
  return (
    facts.openedByUserId === user.sub ||
    facts.recorderUserIds.includes(user.sub) ||
    facts.caseAssigneeUserId === user.sub ||
    holdsMediationLevel(user, facts)
  );
}

/** Parties, notes and summary: the handlers, and auditors of the area. */
export function mayReadMediation(user: AuthUser, facts: MediationAccessFacts): boolean {
  return (has(user, Role.AUDITOR) && isInScope(user, facts.gridCode)) || isDisputeHandler(user, facts);
}
