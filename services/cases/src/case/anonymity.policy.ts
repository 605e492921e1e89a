import { Role, type AuthUser } from '@lianxin/auth';
import { CaseAction } from './case-enums.js';

/**
 * Anonymous reports (匿名反映, issue 13): nobody but an auditor learns which account reported the case.
 *
 * Hidden on an anonymous case:
 * - the actor of its REPORT step (whoever entered it), and
 * - the actor of any step taken by the reporting resident's own account (reporterUserId, or a
 *   resident whose report was merged into it), e.g. their rating: it would name them just the same.
 * `history.actorUserId` of such a step reads null for everyone except auditors (and the account
 * itself, which learns nothing new); the events of such a step carry ANONYMOUS_ACTOR as envelope
 * actor and data.actor. The case row keeps the real accounts (reportedByUserId, reporterUserId) for
 * auditors and for the case's own statistics (workers' "found" counts read the row, not events).
 */
export const ANONYMOUS_ACTOR = 'anonymous';

export interface AnonymityFacts {
  anonymous: boolean;
  reporterUserId: string | null;
  coReporterUserIds: readonly string[];
}

/** The actor of this step must not be shown: it would name the anonymous reporter. */
export function hidesActor(c: AnonymityFacts, action: CaseAction, actorUserId: string): boolean {
  if (!c.anonymous) return false;
  return action === CaseAction.REPORT || actorUserId === c.reporterUserId || c.coReporterUserIds.includes(actorUserId);
}

/** Who may still see a hidden actor: auditors, and the account itself. */
export function maySeeHiddenActor(user: AuthUser, actorUserId: string): boolean {
  return user.roles.includes(Role.AUDITOR) || user.sub === actorUserId;
}

/** The actor as events carry it. */
export function publishedActor(c: AnonymityFacts, action: CaseAction, actorUserId: string): string {
  return hidesActor(c, action, actorUserId) ? ANONYMOUS_ACTOR : actorUserId;
}
