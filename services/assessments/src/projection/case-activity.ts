import { chinaDay } from '../common/calendar.js';
import { CaseEventTypes, FOUND_BY_STAFF_SOURCES, type CaseEventData } from '../events/consumed-events.js';

/**
 * How case events turn into platform statistics (pure; the consumer stores state and deltas):
 *
 * - stage overruns (DOMAIN.md §8.1): `cases.case.stage_overrun` charges one overrun to the holder that
 *   ran over its stage limit (the event's holderUserId), in the case's grid, on the day it was found.
 * - ratings a staff member entered (§8.2: a return visit, a proxy rating) are also kept per that staff
 *   member, so their own score leaves them out (projection-store.ts platformCounts).
 *
 * - found: `cases.case.reported` counts one case found for the user who reported it (the event's
 *   actor; not 'system', nor 'anonymous' — the pseudonym cases puts on an anonymous reporter's steps), whatever the source — a grid worker reporting a resident's problem found it too.
 * - the grid worker of a case: the reporter when the source is GRID_PATROL or HAZARD_EVENT, else the
 *   user who verified it at the grid (`cases.case.verified`).
 * - closed: `cases.case.resolved` counts one closure for the resolver and for the case's grid worker
 *   (once if they are the same person), on the day it was resolved. On time: resolved no later than
 *   the dueAt the event carries and the case never went overdue (`cases.case.overdue`), the rule the
 *   cases service's own statistics use. `cases.case.reopened` takes that closure back.
 * - satisfaction: `cases.case.rated` counts the rating for the case's grid on the day it was given;
 *   a later rating of the same case replaces the earlier one (the latest rating per case counts).
 *
 * Days are Beijing days of the event's occurredAt (the events carry no separate report or resolve time).
 */
export interface CaseState {
  gridCode: string;
  gridWorkerUserId: string | null;
  overdue: boolean;
  /** §8.1: reopened at least once; its later closures are never on time (the cases service's rule). */
  reopened?: boolean;
  resolution: { day: string; credits: string[]; onTime: boolean } | null;
  rating: { value: string; day: string; enteredBy?: string | null } | null;
}

export interface ActivityDelta {
  userId: string;
  gridCode: string;
  day: string;
  visits: number;
  casesFound: number;
  casesClosed: number;
  casesClosedOnTime: number;
  /** §8.1: stage limits run over (only stage_overrun events carry it). */
  stageOverruns?: number;
  /** §8.3: care slots left undone (only grids.care.overdue carries it). */
  careMissed?: number;
}

export interface SatisfactionDelta {
  gridCode: string;
  day: string;
  /** §8.2: the staff member who entered the rating (a proxy rating), or null for the resident's own. */
  enteredBy?: string | null;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
}

export interface CaseEventEffect {
  state: CaseState | null;
  activity: ActivityDelta[];
  satisfaction: SatisfactionDelta[];
}

export interface CaseEvent {
  type: string;
  occurredAt: string;
  actor: string;
  data: CaseEventData;
}

const SYSTEM = 'system';
/** cases' pseudonym for the account behind an anonymous report (services/cases anonymity.policy.ts). */
const ANONYMOUS = 'anonymous';
const RATING_FIELD: Record<string, keyof Omit<SatisfactionDelta, 'gridCode' | 'day'>> = {
  SATISFIED: 'satisfied',
  BASICALLY_SATISFIED: 'basicallySatisfied',
  UNSATISFIED: 'unsatisfied',
};

function activity(userId: string, gridCode: string, day: string, counts: Partial<Omit<ActivityDelta, 'userId' | 'gridCode' | 'day'>>): ActivityDelta {
  return { userId, gridCode, day, visits: 0, casesFound: 0, casesClosed: 0, casesClosedOnTime: 0, ...counts };
}

function ratingDelta(gridCode: string, day: string, rating: string, sign: 1 | -1, enteredBy: string | null): SatisfactionDelta[] {
  const field = RATING_FIELD[rating];
  if (!field) return [];
  return [{ gridCode, day, ...(enteredBy ? { enteredBy } : {}), satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, [field]: sign }];
}

function userOf(actor: string | undefined): string | null {
  return actor && actor !== SYSTEM && actor !== ANONYMOUS ? actor : null;
}

function takeBackResolution(state: CaseState): ActivityDelta[] {
  const resolution = state.resolution;
  if (!resolution) return [];
  state.resolution = null;
  return resolution.credits.map((userId) => activity(userId, state.gridCode, resolution.day, { casesClosed: -1, casesClosedOnTime: resolution.onTime ? -1 : 0 }));
}

export function applyCaseEvent(previous: CaseState | null, event: CaseEvent): CaseEventEffect {
  const data = event.data;
  const day = chinaDay(new Date(event.occurredAt));
  const actor = userOf(data.actor ?? event.actor);
  const state: CaseState = previous
    ? { ...previous, resolution: previous.resolution && { ...previous.resolution }, rating: previous.rating && { ...previous.rating } }
    : { gridCode: data.gridCode, gridWorkerUserId: null, overdue: false, resolution: null, rating: null };
  const effect: CaseEventEffect = { state, activity: [], satisfaction: [] };

  switch (event.type) {
    case CaseEventTypes.REPORTED:
      if (actor) {
        effect.activity.push(activity(actor, state.gridCode, day, { casesFound: 1 }));
        if (FOUND_BY_STAFF_SOURCES.includes(data.source)) state.gridWorkerUserId = actor;
      }
      break;
    case CaseEventTypes.VERIFIED:
      state.gridWorkerUserId ??= actor;
      break;
    case CaseEventTypes.OVERDUE:
      state.overdue = true;
      break;
    case CaseEventTypes.RESOLVED: {
      effect.activity.push(...takeBackResolution(state));
      const dueAt = data.dueAt ? Date.parse(data.dueAt) : null;
      const onTime = !state.overdue && !state.reopened && (dueAt === null || Date.parse(event.occurredAt) <= dueAt);
      const credits = [...new Set([actor, state.gridWorkerUserId].filter((userId): userId is string => !!userId))];
      for (const userId of credits) effect.activity.push(activity(userId, state.gridCode, day, { casesClosed: 1, casesClosedOnTime: onTime ? 1 : 0 }));
      state.resolution = { day, credits, onTime };
      break;
    }
    case CaseEventTypes.REOPENED:
      effect.activity.push(...takeBackResolution(state));
      state.reopened = true;
      break;
    case CaseEventTypes.RATED: {
      if (!data.rating || !RATING_FIELD[data.rating]) break;
      if (state.rating) effect.satisfaction.push(...ratingDelta(state.gridCode, state.rating.day, state.rating.value, -1, state.rating.enteredBy ?? null));
      const enteredBy = data.ratingByProxy ? actor : null;
      effect.satisfaction.push(...ratingDelta(state.gridCode, day, data.rating, 1, enteredBy));
      state.rating = { value: data.rating, day, enteredBy };
      break;
    }
    case CaseEventTypes.STAGE_OVERRUN: {
      const holder = userOf(data.holderUserId ?? undefined);
      if (!holder) return { state: previous, activity: [], satisfaction: [] };
      effect.activity.push(activity(holder, state.gridCode, day, { stageOverruns: 1 }));
      break;
    }
    default:
      // Other case events (escalated, dispatched, merged …) change nothing counted here.
      return { state: previous, activity: [], satisfaction: [] };
  }
  return effect;
}
