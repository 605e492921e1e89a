import { CaseAction, HandlingLevel } from '../case/case-enums.js';
import { addDays, endOfLocalDay, localDay } from '../deadline/local-time.js';
import { dueAfterWorkingDays, type CalendarExceptions } from '../deadline/working-calendar.js';
import { stageDaysOf, type ClockRule, type DayCounting } from './clock.rules.js';

/**
 * DOMAIN.md §8.1, two clocks per case, as pure functions (no database): the case clock (`dueAt`, the
 * promise to the resident) and each holder's stage clock (`stageDueAt`). The workflow applies
 * `clockAfter` on every step; the migration replays a case's history through the same function
 * (`replayClock`), so old and new cases are judged alike. Rules and defaults: clock.rules.ts.
 */

export interface ClockCalendar {
  exceptions: CalendarExceptions;
  timeZone: string;
}

/** What the clocks of a case are now. */
export interface ClockFields {
  /** When the current case clock started: verification, or the last reopen. */
  clockStartedAt: Date | null;
  /** The case clock: never moved by a hand-over. */
  dueAt: Date | null;
  /** The holder's level and when it got the case. */
  stageLevel: HandlingLevel;
  stageStartedAt: Date | null;
  /** The holder's stage limit. */
  stageDueAt: Date | null;
  reopenCount: number;
}

export interface ClockStep {
  action: CaseAction;
  at: Date;
  /** The level holding the case after the step. */
  toLevel: HandlingLevel;
}

/** Steps that give the case to a new holder, whose stage clock starts then. */
export const HAND_OVER_ACTIONS: ReadonlySet<CaseAction> = new Set([
  CaseAction.ESCALATE,
  CaseAction.PLACE_ORDER,
  CaseAction.DISPATCH,
  CaseAction.SEND_BACK,
  CaseAction.OVERDUE_ESCALATE,
]);

/** The end of the Nth (working or calendar) day after the local day of `start`. */
export function deadlineAfter(start: Date, days: number, counting: DayCounting, calendar: ClockCalendar): Date {
  if (counting === 'WORKING_DAYS') return dueAfterWorkingDays(start, days, calendar.exceptions, calendar.timeZone);
  if (!Number.isInteger(days) || days < 1) throw new Error(`days must be a positive integer: ${days}`);
  return endOfLocalDay(addDays(localDay(start, calendar.timeZone), days), calendar.timeZone);
}

/** The case clock of a case verified (or reopened) at `start`. */
export function caseDueAt(start: Date, rule: ClockRule, calendar: ClockCalendar, reopened = false): Date {
  const days = reopened ? (rule.reopenDays ?? rule.classDays) : rule.classDays;
  return deadlineAfter(start, days, rule.dayCounting, calendar);
}

/**
 * A holder's stage limit from the hand-over: its level's days, but never later than a case clock that
 * still runs (a holder gets no more time than the promise has left). A case already past its promise
 * gives the new holder its full stage. The county's stage is the case clock.
 */
export function stageDueAt(start: Date, level: HandlingLevel, rule: ClockRule, caseDue: Date | null, calendar: ClockCalendar): Date | null {
  const days = stageDaysOf(rule, level);
  // The county, the top, is only supervised: its stage is what is left of the case clock, if anything.
  if (days === null) return caseDue && caseDue.getTime() > start.getTime() ? caseDue : null;
  const own = deadlineAfter(start, days, rule.dayCounting, calendar);
  return caseDue && caseDue.getTime() > start.getTime() && caseDue.getTime() < own.getTime() ? caseDue : own;
}

/** The clocks before the first step: nothing runs yet. */
export function initialClock(): ClockFields {
  return { clockStartedAt: null, dueAt: null, stageLevel: HandlingLevel.GRID, stageStartedAt: null, stageDueAt: null, reopenCount: 0 };
}

/**
 * The clocks after one step:
 * - REPORT: the grid holds the case; its stage runs (the case clock not yet).
 * - VERIFY: the case clock starts; the grid's stage is cut to it if it runs out sooner.
 * - a hand-over (escalate, place order, dispatch, send back, automatic escalation): a new stage for the
 *   new holder; the case clock runs on untouched.
 * - REOPEN: a new (shorter, by the rule) case clock and a new stage where it was resolved; one more reopen.
 * - anything else (accept, schedule, resolve, feed back, rate, return, merge, mark overdue): unchanged.
 */
export function clockAfter(fields: ClockFields, step: ClockStep, rule: ClockRule, calendar: ClockCalendar): ClockFields {
  const next = { ...fields };
  switch (step.action) {
    case CaseAction.REPORT:
      next.stageLevel = step.toLevel;
      next.stageStartedAt = step.at;
      next.stageDueAt = stageDueAt(step.at, step.toLevel, rule, null, calendar);
      return next;
    case CaseAction.VERIFY: {
      next.clockStartedAt = step.at;
      next.dueAt = caseDueAt(step.at, rule, calendar);
      const stageStart = next.stageStartedAt ?? step.at;
      next.stageStartedAt = stageStart;
      next.stageDueAt = stageDueAt(stageStart, step.toLevel, rule, next.dueAt, calendar);
      return next;
    }
    case CaseAction.REOPEN:
      next.reopenCount += 1;
      next.clockStartedAt = step.at;
      next.dueAt = caseDueAt(step.at, rule, calendar, true);
      next.stageLevel = step.toLevel;
      next.stageStartedAt = step.at;
      next.stageDueAt = stageDueAt(step.at, step.toLevel, rule, next.dueAt, calendar);
      return next;
    default:
      if (!HAND_OVER_ACTIONS.has(step.action)) return next;
      next.stageLevel = step.toLevel;
      next.stageStartedAt = step.at;
      next.stageDueAt = stageDueAt(step.at, step.toLevel, rule, next.dueAt, calendar);
      return next;
  }
}

/** A clock instant has passed at `now` and was not acted on yet (`markedFor` remembers the one that was). */
export function isMissed(due: Date | null, markedFor: Date | null, now: Date): boolean {
  return !!due && due.getTime() <= now.getTime() && markedFor?.getTime() !== due.getTime();
}

export interface OnTimeFacts {
  resolvedAt: Date | null;
  dueAt: Date | null;
  overdue: boolean;
  reopenCount: number;
}

/**
 * Resolved on time: on the case clock (never reset by hand-overs), never overdue, and never reopened —
 * a reopened case counts as a reopen, never as a new on-time case.
 */
export function isResolvedOnTime(facts: OnTimeFacts): boolean {
  return !!facts.resolvedAt && facts.reopenCount === 0 && !facts.overdue && (!facts.dueAt || facts.resolvedAt.getTime() <= facts.dueAt.getTime());
}

/** A reopened case resolved within its reopen clock (shown apart from the on-time cases). */
export function isReopenResolvedOnTime(facts: OnTimeFacts): boolean {
  return !!facts.resolvedAt && facts.reopenCount > 0 && !!facts.dueAt && facts.resolvedAt.getTime() <= facts.dueAt.getTime();
}

// ─── Replaying a history (the migration, and the tests) ───────────────────

export interface HistoryStep extends ClockStep {
  actorUserId: string;
  /** A dispatch names its department in the note ("to <code>…"). */
  note?: string | null;
}

/** One holder's stage of a case, as replayed. */
export interface ReplayedStage {
  level: HandlingLevel;
  departmentCode: string | null;
  /** The user who handled it at that level (verified, accepted, scheduled or resolved), when one did. */
  holderUserId: string | null;
  startedAt: Date;
  dueAt: Date | null;
  /** When the holder let go of it (hand-over, result, return, merge); null while it still holds it. */
  endedAt: Date | null;
  overran: boolean;
}

export interface ReplayedClock extends ClockFields {
  stages: ReplayedStage[];
  /** The case clock (first or after a reopen) ran out before the case left handling (or before `now`). */
  overdue: boolean;
}

const HANDLING_ACTS: ReadonlySet<CaseAction> = new Set([CaseAction.VERIFY, CaseAction.ACCEPT, CaseAction.SCHEDULE, CaseAction.RESOLVE]);
const LEAVES_HANDLING: ReadonlySet<CaseAction> = new Set([CaseAction.RESOLVE, CaseAction.RETURN, CaseAction.MERGE]);

/** The clocks, stages and overdue flag of a case from its history (oldest first), as of `now`. */
export function replayClock(steps: readonly HistoryStep[], rule: ClockRule, calendar: ClockCalendar, now: Date): ReplayedClock {
  let fields = initialClock();
  const stages: ReplayedStage[] = [];
  let overdue = false;
  let handling = false;
  const current = () => stages.at(-1);
  const endStage = (at: Date) => {
    const stage = current();
    if (stage && !stage.endedAt) stage.endedAt = at;
  };
  const caseClockMissedBy = (at: Date) => !!fields.dueAt && at.getTime() > fields.dueAt.getTime();
  for (const step of steps) {
    // Still handled when the case clock ran out: the scheduler would have marked it overdue then.
    if (handling && caseClockMissedBy(step.at)) overdue = true;
    fields = clockAfter(fields, step, rule, calendar);
    const newStage = step.action === CaseAction.REPORT || step.action === CaseAction.REOPEN || HAND_OVER_ACTIONS.has(step.action);
    if (newStage) {
      endStage(step.at);
      const department = step.action === CaseAction.DISPATCH ? (/^to (\S+?)(?::|$)/.exec(step.note ?? '')?.[1] ?? null) : null;
      stages.push({ level: step.toLevel, departmentCode: department, holderUserId: null, startedAt: step.at, dueAt: fields.stageDueAt, endedAt: null, overran: false });
      handling = true;
    } else if (step.action === CaseAction.VERIFY) {
      const stage = current();
      if (stage) stage.dueAt = fields.stageDueAt;
    }
    const stage = current();
    if (stage && HANDLING_ACTS.has(step.action) && step.actorUserId !== 'system') stage.holderUserId = step.actorUserId;
    if (LEAVES_HANDLING.has(step.action)) {
      endStage(step.at);
      handling = false;
    }
  }
  if (handling && caseClockMissedBy(now)) overdue = true;
  for (const stage of stages) stage.overran = !!stage.dueAt && (stage.endedAt ?? now).getTime() > stage.dueAt.getTime();
  return { ...fields, stages, overdue };
}
