import { CaseAction, CaseStatus, HANDLING_STATUSES, HandlingLevel, Rating } from './case-enums.js';

/**
 * The case loop as a transition table (DOMAIN.md §4: 六单联办 and 四办). Pure: it knows statuses
 * and levels, not who acts (case-access.ts) nor what is stored (case-workflow.service.ts).
 */

/** Actions that move an existing case; REPORT creates one, REOPEN and MARK_OVERDUE are outcomes. */
export type TransitionAction = Exclude<CaseAction, CaseAction.REPORT | CaseAction.REOPEN | CaseAction.MARK_OVERDUE>;

export interface CaseState {
  status: CaseStatus;
  level: HandlingLevel;
  /** The level that produced the current or last result (reopen goes back there). */
  resolvedAtLevel?: HandlingLevel | null;
  /** The level that dispatched to the department (send-back goes back there). */
  dispatchedFromLevel?: HandlingLevel | null;
}

export interface TransitionOptions {
  /** Emergency mode (平急结合): command is flat, escalation goes straight to the county. */
  flatCommand?: boolean;
  rating?: Rating;
  /** For an UNSATISFIED rating: reopen the case (default) or close it with the rating. */
  reopen?: boolean;
}

export interface TransitionOutcome {
  /** The action that took place: RATE may turn into REOPEN. */
  action: CaseAction;
  status: CaseStatus;
  level: HandlingLevel;
}

interface TransitionRule {
  from: readonly CaseStatus[];
  atLevels: readonly HandlingLevel[];
  to(state: CaseState, options: TransitionOptions): TransitionOutcome;
}

const ALL_LEVELS = Object.values(HandlingLevel);
const LEVELS_BUT_DEPARTMENT = ALL_LEVELS.filter((level) => level !== HandlingLevel.DEPARTMENT);
const { REPORTED, VERIFIED, RETURNED, ESCALATED, DISPATCHED, SENT_BACK, IN_PROGRESS, RESOLVED, FED_BACK, CLOSED, MERGED } = CaseStatus;

/** One level up: grid → village → township → county; a department answers to the county. */
export function levelAbove(level: HandlingLevel): HandlingLevel | null {
  switch (level) {
    case HandlingLevel.GRID:
      return HandlingLevel.VILLAGE;
    case HandlingLevel.VILLAGE:
      return HandlingLevel.TOWNSHIP;
    case HandlingLevel.TOWNSHIP:
    case HandlingLevel.DEPARTMENT:
      return HandlingLevel.COUNTY;
    case HandlingLevel.COUNTY:
      return null;
  }
}

function upward(action: CaseAction) {
  return (state: CaseState, options: TransitionOptions): TransitionOutcome => ({
    action,
    status: ESCALATED,
    level: options.flatCommand ? HandlingLevel.COUNTY : (levelAbove(state.level) ?? HandlingLevel.COUNTY),
  });
}

const stay = (action: CaseAction, status: CaseStatus) => (state: CaseState): TransitionOutcome => ({ action, status, level: state.level });

export const TRANSITIONS: Readonly<Record<TransitionAction, TransitionRule>> = {
  // 网格核单: the grid accepts what the resident ordered …
  [CaseAction.VERIFY]: { from: [REPORTED], atLevels: [HandlingLevel.GRID], to: stay(CaseAction.VERIFY, VERIFIED) },
  // … or explains and returns it (解释退回办); a higher level may do the same with what reached it.
  [CaseAction.RETURN]: { from: [REPORTED, VERIFIED, ESCALATED, SENT_BACK], atLevels: LEVELS_BUT_DEPARTMENT, to: stay(CaseAction.RETURN, RETURNED) },
  // 清单限时办: listed with a deadline at the level that holds it.
  [CaseAction.SCHEDULE]: { from: [VERIFIED, ESCALATED, SENT_BACK], atLevels: LEVELS_BUT_DEPARTMENT, to: stay(CaseAction.SCHEDULE, IN_PROGRESS) },
  // 提级上报办: grid → village, township → county (the village's step up is placing the order).
  [CaseAction.ESCALATE]: {
    from: [VERIFIED, ESCALATED, SENT_BACK, IN_PROGRESS],
    atLevels: [HandlingLevel.GRID, HandlingLevel.TOWNSHIP],
    to: upward(CaseAction.ESCALATE),
  },
  // 村(社区)下单: the village hands the case to the township.
  [CaseAction.PLACE_ORDER]: { from: [ESCALATED, IN_PROGRESS], atLevels: [HandlingLevel.VILLAGE], to: upward(CaseAction.PLACE_ORDER) },
  // 乡镇(街道)派单: the township (or county) dispatches to a department.
  [CaseAction.DISPATCH]: {
    from: [ESCALATED, SENT_BACK, IN_PROGRESS],
    atLevels: [HandlingLevel.TOWNSHIP, HandlingLevel.COUNTY],
    to: () => ({ action: CaseAction.DISPATCH, status: DISPATCHED, level: HandlingLevel.DEPARTMENT }),
  },
  // 部门接单
  [CaseAction.ACCEPT]: { from: [DISPATCHED], atLevels: [HandlingLevel.DEPARTMENT], to: stay(CaseAction.ACCEPT, IN_PROGRESS) },
  [CaseAction.SEND_BACK]: {
    from: [DISPATCHED, IN_PROGRESS],
    atLevels: [HandlingLevel.DEPARTMENT],
    to: (state) => ({ action: CaseAction.SEND_BACK, status: SENT_BACK, level: state.dispatchedFromLevel ?? HandlingLevel.TOWNSHIP }),
  },
  // 小事立即办 (from VERIFIED at the grid) or the end of any handling.
  [CaseAction.RESOLVE]: { from: [VERIFIED, ESCALATED, SENT_BACK, IN_PROGRESS], atLevels: ALL_LEVELS, to: stay(CaseAction.RESOLVE, RESOLVED) },
  [CaseAction.FEED_BACK]: { from: [RESOLVED], atLevels: ALL_LEVELS, to: stay(CaseAction.FEED_BACK, FED_BACK) },
  // 群众评单: unsatisfied reopens the case where it was resolved.
  [CaseAction.RATE]: {
    from: [FED_BACK],
    atLevels: ALL_LEVELS,
    to: (state, options) => {
      if (!options.rating) throw new Error('RATE needs a rating');
      if (options.rating === Rating.UNSATISFIED && options.reopen !== false) {
        return { action: CaseAction.REOPEN, status: IN_PROGRESS, level: state.resolvedAtLevel ?? state.level };
      }
      return { action: CaseAction.RATE, status: CLOSED, level: state.level };
    },
  },
  // §8.2: a village-or-higher reviewer closes a case the resident's UNSATISFIED rating reopened, before any rework.
  [CaseAction.CLOSE_UNSATISFIED]: { from: [IN_PROGRESS], atLevels: ALL_LEVELS, to: stay(CaseAction.CLOSE_UNSATISFIED, CLOSED) },
  [CaseAction.MERGE]: { from: HANDLING_STATUSES, atLevels: ALL_LEVELS, to: stay(CaseAction.MERGE, MERGED) },
  // The scheduler's step up for an overdue case; the county is the top and is only supervised.
  [CaseAction.OVERDUE_ESCALATE]: {
    from: HANDLING_STATUSES,
    atLevels: ALL_LEVELS.filter((level) => level !== HandlingLevel.COUNTY),
    to: upward(CaseAction.OVERDUE_ESCALATE),
  },
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly action: TransitionAction,
    readonly state: CaseState,
  ) {
    const rule = TRANSITIONS[action];
    const expected = rule.from.includes(state.status)
      ? `the case is handled at ${state.level}; ${action} needs ${rule.atLevels.join('/')}`
      : `${action} needs status ${rule.from.join('/')}`;
    super(`cannot ${action} a case in status ${state.status} at level ${state.level}: ${expected}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canTransition(state: CaseState, action: TransitionAction): boolean {
  const rule = TRANSITIONS[action];
  return rule.from.includes(state.status) && rule.atLevels.includes(state.level);
}

/** The outcome of an action on a case in this state; throws IllegalTransitionError when the table forbids it. */
export function planTransition(state: CaseState, action: TransitionAction, options: TransitionOptions = {}): TransitionOutcome {
  if (!canTransition(state, action)) throw new IllegalTransitionError(action, state);
  return TRANSITIONS[action].to(state, options);
}

/** Actions the table allows from this state (whoever may take them). */
export function availableActions(state: CaseState): TransitionAction[] {
  return (Object.keys(TRANSITIONS) as TransitionAction[]).filter(
    (action) => action !== CaseAction.OVERDUE_ESCALATE && action !== CaseAction.CLOSE_UNSATISFIED && canTransition(state, action),
  );
}
