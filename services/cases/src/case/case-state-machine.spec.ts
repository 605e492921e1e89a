import { CaseAction, CaseStatus, HANDLING_STATUSES, HandlingLevel, Rating } from './case-enums.js';
import { availableActions, IllegalTransitionError, levelAbove, planTransition, type TransitionAction } from './case-state-machine.js';

const { GRID, VILLAGE, TOWNSHIP, DEPARTMENT, COUNTY } = HandlingLevel;
const S = CaseStatus;
const A = CaseAction;

describe('case state machine', () => {
  it('runs the six-order loop: report → verify → escalate → place order → dispatch → accept → resolve → feed back → rate', () => {
    let state = { status: S.REPORTED, level: GRID, resolvedAtLevel: null as HandlingLevel | null, dispatchedFromLevel: null as HandlingLevel | null };
    const step = (action: TransitionAction, options = {}) => {
      const outcome = planTransition(state, action, options);
      state = { ...state, status: outcome.status, level: outcome.level };
      return outcome;
    };
    expect(step(A.VERIFY)).toEqual({ action: A.VERIFY, status: S.VERIFIED, level: GRID });
    expect(step(A.ESCALATE)).toEqual({ action: A.ESCALATE, status: S.ESCALATED, level: VILLAGE });
    expect(step(A.PLACE_ORDER)).toEqual({ action: A.PLACE_ORDER, status: S.ESCALATED, level: TOWNSHIP });
    expect(step(A.DISPATCH)).toEqual({ action: A.DISPATCH, status: S.DISPATCHED, level: DEPARTMENT });
    state.dispatchedFromLevel = TOWNSHIP;
    expect(step(A.ACCEPT)).toEqual({ action: A.ACCEPT, status: S.IN_PROGRESS, level: DEPARTMENT });
    expect(step(A.RESOLVE)).toEqual({ action: A.RESOLVE, status: S.RESOLVED, level: DEPARTMENT });
    state.resolvedAtLevel = DEPARTMENT;
    expect(step(A.FEED_BACK)).toEqual({ action: A.FEED_BACK, status: S.FED_BACK, level: DEPARTMENT });
    expect(step(A.RATE, { rating: Rating.SATISFIED })).toEqual({ action: A.RATE, status: S.CLOSED, level: DEPARTMENT });
  });

  it('handles small things at once and listed things by a deadline at the grid (小事立即办, 清单限时办)', () => {
    expect(planTransition({ status: S.VERIFIED, level: GRID }, A.RESOLVE)).toMatchObject({ status: S.RESOLVED, level: GRID });
    expect(planTransition({ status: S.VERIFIED, level: GRID }, A.SCHEDULE)).toMatchObject({ status: S.IN_PROGRESS, level: GRID });
    expect(planTransition({ status: S.IN_PROGRESS, level: GRID }, A.RESOLVE)).toMatchObject({ status: S.RESOLVED, level: GRID });
  });

  it('explains and returns with a final status (解释退回办)', () => {
    expect(planTransition({ status: S.REPORTED, level: GRID }, A.RETURN)).toMatchObject({ status: S.RETURNED, level: GRID });
    expect(planTransition({ status: S.ESCALATED, level: TOWNSHIP }, A.RETURN)).toMatchObject({ status: S.RETURNED, level: TOWNSHIP });
    expect(availableActions({ status: S.RETURNED, level: GRID })).toEqual([]);
  });

  it('sends a dispatched case back to the level that dispatched it', () => {
    expect(planTransition({ status: S.DISPATCHED, level: DEPARTMENT, dispatchedFromLevel: TOWNSHIP }, A.SEND_BACK)).toMatchObject({
      status: S.SENT_BACK,
      level: TOWNSHIP,
    });
    expect(planTransition({ status: S.IN_PROGRESS, level: DEPARTMENT, dispatchedFromLevel: COUNTY }, A.SEND_BACK)).toMatchObject({
      status: S.SENT_BACK,
      level: COUNTY,
    });
    expect(planTransition({ status: S.SENT_BACK, level: TOWNSHIP }, A.DISPATCH)).toMatchObject({ status: S.DISPATCHED, level: DEPARTMENT });
  });

  it('reopens an unsatisfied case at the level that resolved it, or closes it when told not to reopen', () => {
    const fedBack = { status: S.FED_BACK, level: VILLAGE, resolvedAtLevel: VILLAGE };
    expect(planTransition(fedBack, A.RATE, { rating: Rating.UNSATISFIED })).toEqual({ action: A.REOPEN, status: S.IN_PROGRESS, level: VILLAGE });
    expect(planTransition(fedBack, A.RATE, { rating: Rating.UNSATISFIED, reopen: false })).toEqual({ action: A.RATE, status: S.CLOSED, level: VILLAGE });
    expect(planTransition(fedBack, A.RATE, { rating: Rating.BASICALLY_SATISFIED })).toEqual({ action: A.RATE, status: S.CLOSED, level: VILLAGE });
  });

  it('escalates overdue cases one level and goes flat to the county in an emergency', () => {
    expect(levelAbove(GRID)).toBe(VILLAGE);
    expect(levelAbove(VILLAGE)).toBe(TOWNSHIP);
    expect(levelAbove(TOWNSHIP)).toBe(COUNTY);
    expect(levelAbove(DEPARTMENT)).toBe(COUNTY);
    expect(levelAbove(COUNTY)).toBeNull();
    for (const status of HANDLING_STATUSES) {
      expect(planTransition({ status, level: GRID }, A.OVERDUE_ESCALATE)).toMatchObject({ status: S.ESCALATED, level: VILLAGE });
    }
    expect(() => planTransition({ status: S.IN_PROGRESS, level: COUNTY }, A.OVERDUE_ESCALATE)).toThrow(IllegalTransitionError);
    expect(planTransition({ status: S.VERIFIED, level: GRID }, A.ESCALATE, { flatCommand: true })).toMatchObject({ level: COUNTY });
    expect(planTransition({ status: S.ESCALATED, level: VILLAGE }, A.PLACE_ORDER, { flatCommand: true })).toMatchObject({ level: COUNTY });
  });

  it('keeps the department out of the village and grid steps, and the grid out of dispatching', () => {
    expect(() => planTransition({ status: S.DISPATCHED, level: DEPARTMENT }, A.RESOLVE)).toThrow(/needs status/);
    expect(() => planTransition({ status: S.VERIFIED, level: GRID }, A.DISPATCH)).toThrow(/needs status|handled at GRID/);
    expect(() => planTransition({ status: S.ESCALATED, level: VILLAGE }, A.ESCALATE)).toThrow(/handled at VILLAGE/);
    expect(() => planTransition({ status: S.REPORTED, level: GRID }, A.RESOLVE)).toThrow(/status REPORTED/);
    expect(() => planTransition({ status: S.CLOSED, level: GRID }, A.RATE, { rating: Rating.SATISFIED })).toThrow(/status CLOSED/);
  });
});
