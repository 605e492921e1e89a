import type { GraphQLError } from 'graphql';
import { isInScope, type AuthUser } from '@lianxin/auth';
import { badUserInput, forbidden } from '@lianxin/graphql';

/**
 * Who a new case names as its reporter (DOMAIN.md §8.7). Pure: the workflow looks the persons up in
 * the person directory (@lianxin/events) and hands the answers in.
 *
 * - A resident reporting for themself (source RESIDENT) is always the person linked to their account.
 *   Naming any other person is FORBIDDEN. A resident whose account is not linked yet may still report
 *   (群众点单 must not wait for a grid worker's visit): the case is theirs through their account
 *   (they follow and rate it), but its reporter stays null — it is not filled in when the account is
 *   linked later, so no civic points are paid for it. Naming their own person is accepted.
 * - Staff (grid staff, admins, department staff, reporting on patrol or for someone, e.g. an elderly
 *   neighbour) may name a person only when the directory places that person inside their own area.
 *   A person the directory does not know and a person outside the area get the same answer
 *   (BAD_USER_INPUT on reporterPersonId, "not registered in your area"): the mutation must not tell
 *   who exists elsewhere.
 */
export interface ReporterFacts {
  /** The resident reports for themself (source RESIDENT with the resident role). */
  asResident: boolean;
  /** reporterPersonId of the input, if any. */
  namedPersonId: string | null;
  /** The person linked to the caller's account (directory), if any. */
  ownPersonId: string | null;
  /** The grid of the named person (directory), if known. */
  namedPersonGrid: string | null;
}

export type ReporterDecision = { reporterPersonId: string | null } | { refused: GraphQLError };

export function decideReporter(user: AuthUser, facts: ReporterFacts): ReporterDecision {
  if (facts.asResident) {
    if (facts.namedPersonId && facts.namedPersonId !== facts.ownPersonId) {
      return { refused: forbidden('a resident reports as the person linked to their own account, never as someone else (§8.7)') };
    }
    return { reporterPersonId: facts.ownPersonId };
  }
  if (!facts.namedPersonId) return { reporterPersonId: null };
  if (!facts.namedPersonGrid || !isInScope(user, facts.namedPersonGrid)) {
    return { refused: badUserInput('reporterPersonId', `no person ${facts.namedPersonId} is registered in your area ${user.areaCode}`) };
  }
  return { reporterPersonId: facts.namedPersonId };
}
