import type { AuthUser } from '@lianxin/auth';
import type { AwaitingFacts } from './awaiting.policy.js';
import type { CaseAccessFacts } from './case-access.js';
import type { Case } from './case.entity.js';
import type { CaseState } from './case-state-machine.js';
import type { RatingFacts } from './rating.policy.js';
import type { StatFacts } from '../stats/case-contribution.js';

/** Who changes a case: a user, or the system (scheduler, event consumers). */
export interface Actor {
  userId: string;
  roles: string[];
  user?: AuthUser;
}

export const SYSTEM_ACTOR: Actor = { userId: 'system', roles: ['system'] };

export function actorOf(user: AuthUser): Actor {
  return { userId: user.sub, roles: [...user.roles], user };
}

export function stateOf(c: Case): CaseState {
  return { status: c.status, level: c.level, resolvedAtLevel: c.resolvedAtLevel, dispatchedFromLevel: c.dispatchedFromLevel };
}

export function accessFactsOf(c: Case): CaseAccessFacts {
  return {
    gridCode: c.gridCode,
    level: c.level,
    assigneeDepartmentCode: c.assigneeDepartmentCode,
    reporterUserId: c.reporterUserId,
    reportedByUserId: c.reportedByUserId,
    coReporterUserIds: c.coReporterUserIds,
  };
}

/** What availableActions and awaitingMyAction decide on. */
export function awaitingFactsOf(c: Case): AwaitingFacts {
  return { ...stateOf(c), ...accessFactsOf(c), assigneeUserId: c.assigneeUserId };
}

/** What rating.policy.ts decides on (§8.2). */
export function ratingFactsOf(c: Case): RatingFacts {
  return {
    ...accessFactsOf(c),
    reporterPersonId: c.reporterPersonId,
    coReporterPersonIds: c.coReporterPersonIds,
    assigneeUserId: c.assigneeUserId,
    resolvedByUserId: c.resolvedByUserId,
  };
}

/** A copy of what the statistics depend on (taken before a change, compared after it). */
export function statFactsOf(c: Case): StatFacts {
  return {
    gridCode: c.gridCode,
    reportedAt: c.reportedAt,
    categoryCode: c.categoryCode,
    caseClass: c.caseClass,
    source: c.source,
    status: c.status,
    dueAt: c.dueAt,
    overdue: c.overdue,
    resolvedAt: c.resolvedAt,
    resolvedAtLevel: c.resolvedAtLevel,
    resolvedByUserId: c.resolvedByUserId,
    reportedByUserId: c.reportedByUserId,
    rating: c.rating,
    ratingByProxy: c.ratingByProxy,
    reopenCount: c.reopenCount,
    stageOverruns: c.stageOverruns,
  };
}
