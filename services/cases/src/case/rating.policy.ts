import type { GraphQLError } from 'graphql';
import { Role, type AuthUser } from '@lianxin/auth';
import { badUserInput, forbidden } from '@lianxin/graphql';
import { actsAtLevel, type CaseAccessFacts } from './case-access.js';
import { CaseAction, HandlingLevel, Rating, RatingMethod } from './case-enums.js';

/**
 * DOMAIN.md §8.2, who rates. Pure: the workflow hands in the case's facts, the person linked to the
 * caller's account (person directory) and the users who handled the case (its history).
 *
 * - The resident who reported the case rates it (`rateCase`): their account reported it, or their
 *   linked person is the reporter (or a co-reporter of a merged duplicate). Method RESIDENT.
 * - When they cannot (no account, elderly, by phone), a return visit (回访, `recordReturnVisit`) by
 *   staff of the case's area — grid staff of its grid, or an area admin above it — records the rating
 *   with its method (PHONE, VISIT), marked as a proxy rating.
 * - Nobody rates a case they handled (verified, scheduled, handed over, accepted, sent back, resolved,
 *   fed back, returned it, or holds it now).
 * - An UNSATISFIED rating always reopens the case. Only a village-level or higher reviewer (village,
 *   township or county admin of the area) who did not handle it closes it instead
 *   (`closeUnsatisfiedCase`), with a written reason; the case stays counted as reopened, never on time.
 */
export interface RatingFacts extends CaseAccessFacts {
  reporterPersonId: string | null;
  coReporterPersonIds: readonly string[];
  assigneeUserId: string | null;
  resolvedByUserId: string | null;
}

/** History actions that make the actor a handler of the case. */
export const HANDLING_ACTIONS: readonly CaseAction[] = [
  CaseAction.VERIFY,
  CaseAction.RETURN,
  CaseAction.SCHEDULE,
  CaseAction.ESCALATE,
  CaseAction.PLACE_ORDER,
  CaseAction.DISPATCH,
  CaseAction.ACCEPT,
  CaseAction.SEND_BACK,
  CaseAction.RESOLVE,
  CaseAction.FEED_BACK,
];

export const PROXY_METHODS: readonly RatingMethod[] = [RatingMethod.PHONE, RatingMethod.VISIT];

/** The shortest written reason a reviewer must give. */
export const MIN_CLOSE_REASON_LENGTH = 5;

export type RatingDecision = { method: RatingMethod; proxy: boolean } | { refused: GraphQLError };

const REVIEWER_ROLES: readonly Role[] = [Role.VILLAGE_ADMIN, Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN];

/** The users who handled the case: its history's handlers plus whoever holds or resolved it now. */
export function handlersOf(facts: Pick<RatingFacts, 'assigneeUserId' | 'resolvedByUserId'>, historyHandlers: readonly string[]): Set<string> {
  return new Set([...historyHandlers, facts.assigneeUserId, facts.resolvedByUserId].filter((id): id is string => !!id && id !== 'system'));
}

/** The caller reported the case: by their account, or as the person linked to it. */
export function isReportingResident(user: AuthUser, facts: RatingFacts, linkedPersonId: string | null): boolean {
  if (!user.roles.includes(Role.RESIDENT)) return false;
  if (facts.reporterUserId === user.sub || (facts.coReporterUserIds ?? []).includes(user.sub)) return true;
  return !!linkedPersonId && (facts.reporterPersonId === linkedPersonId || facts.coReporterPersonIds.includes(linkedPersonId));
}

const HANDLED = () => forbidden('nobody rates a case they handled (DOMAIN.md §8.2)');

/** `rateCase`: the reporting resident only; never a handler; UNSATISFIED always reopens. */
export function decideResidentRating(
  user: AuthUser,
  facts: RatingFacts,
  linkedPersonId: string | null,
  handlers: ReadonlySet<string>,
  input: { rating: Rating; reopen?: boolean },
): RatingDecision {
  if (!isReportingResident(user, facts, linkedPersonId)) {
    return { refused: forbidden('only the resident who reported the case rates it; staff record a return visit (recordReturnVisit)') };
  }
  if (handlers.has(user.sub)) return { refused: HANDLED() };
  if (input.rating === Rating.UNSATISFIED && input.reopen === false) {
    return { refused: badUserInput('reopen', 'an unsatisfied case is closed without reopening only by a village-level or higher reviewer who did not handle it (closeUnsatisfiedCase)') };
  }
  return { method: RatingMethod.RESIDENT, proxy: false };
}

/** `recordReturnVisit`: staff of the case's area who did not handle it, by phone or in person; a proxy rating. */
export function decideReturnVisit(user: AuthUser, facts: RatingFacts, handlers: ReadonlySet<string>, method: RatingMethod): RatingDecision {
  if (!actsAtLevel(user, facts, HandlingLevel.GRID)) return { refused: forbidden('a return visit is recorded by staff of the case\'s grid or an admin of its area') };
  if (handlers.has(user.sub)) return { refused: HANDLED() };
  if (!PROXY_METHODS.includes(method)) return { refused: badUserInput('method', `a return visit is by ${PROXY_METHODS.join(' or ')}`) };
  return { method, proxy: true };
}

/** `closeUnsatisfiedCase`: a village-level or higher reviewer of the area, not a handler, with a written reason. */
export function decideUnsatisfiedClose(user: AuthUser, facts: RatingFacts, handlers: ReadonlySet<string>, reason: string): { refused: GraphQLError } | null {
  const reviewer = REVIEWER_ROLES.some((role) => user.roles.includes(role)) && actsAtLevel(user, facts, HandlingLevel.VILLAGE);
  if (!reviewer) return { refused: forbidden('only a village-level or higher reviewer of the area closes an unsatisfied case without reopening it') };
  if (handlers.has(user.sub)) return { refused: forbidden('a reviewer who handled the case cannot close it against the resident\'s rating') };
  if (reason.trim().length < MIN_CLOSE_REASON_LENGTH) return { refused: badUserInput('reason', `give the written reason (at least ${MIN_CLOSE_REASON_LENGTH} characters)`) };
  return null;
}
