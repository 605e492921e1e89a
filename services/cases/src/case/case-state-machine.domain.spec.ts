import { CaseAction, CaseStatus, HandlingLevel, Rating } from './case-enums.js';
import { IllegalTransitionError, planTransition, TRANSITIONS, type TransitionAction } from './case-state-machine.js';

/**
 * DOMAIN.md §4 written out by hand, independently of TRANSITIONS: every legal (action, status, level) and
 * where it leads. A wrong or missing entry in the table — or one added without updating this spec — fails.
 * Levels after "→" are the level the case is handled at afterwards: "same" stays, "up" is one level higher
 * (grid → village → township → county; department → county).
 */
const LEGAL = `
  VERIFY            REPORTED                                                      GRID                                 → VERIFIED    same
  RETURN            REPORTED VERIFIED ESCALATED SENT_BACK                         GRID VILLAGE TOWNSHIP COUNTY         → RETURNED    same
  SCHEDULE          VERIFIED ESCALATED SENT_BACK                                  GRID VILLAGE TOWNSHIP COUNTY         → IN_PROGRESS same
  ESCALATE          VERIFIED ESCALATED SENT_BACK IN_PROGRESS                      GRID TOWNSHIP                        → ESCALATED   up
  PLACE_ORDER       ESCALATED IN_PROGRESS                                         VILLAGE                              → ESCALATED   up
  DISPATCH          ESCALATED SENT_BACK IN_PROGRESS                               TOWNSHIP COUNTY                      → DISPATCHED  DEPARTMENT
  ACCEPT            DISPATCHED                                                    DEPARTMENT                           → IN_PROGRESS same
  SEND_BACK         DISPATCHED IN_PROGRESS                                        DEPARTMENT                           → SENT_BACK   TOWNSHIP
  RESOLVE           VERIFIED ESCALATED SENT_BACK IN_PROGRESS                      GRID VILLAGE TOWNSHIP DEPARTMENT COUNTY → RESOLVED same
  FEED_BACK         RESOLVED                                                      GRID VILLAGE TOWNSHIP DEPARTMENT COUNTY → FED_BACK same
  RATE              FED_BACK                                                      GRID VILLAGE TOWNSHIP DEPARTMENT COUNTY → CLOSED   same
  MERGE             REPORTED VERIFIED ESCALATED DISPATCHED SENT_BACK IN_PROGRESS  GRID VILLAGE TOWNSHIP DEPARTMENT COUNTY → MERGED   same
  OVERDUE_ESCALATE  REPORTED VERIFIED ESCALATED DISPATCHED SENT_BACK IN_PROGRESS  GRID VILLAGE TOWNSHIP DEPARTMENT     → ESCALATED   up
  CLOSE_UNSATISFIED IN_PROGRESS                                                   GRID VILLAGE TOWNSHIP DEPARTMENT COUNTY → CLOSED   same
`;

const UP: Record<string, string> = { GRID: 'VILLAGE', VILLAGE: 'TOWNSHIP', TOWNSHIP: 'COUNTY', DEPARTMENT: 'COUNTY' };
const STATUSES = new Set<string>(Object.values(CaseStatus));
const LEVELS = new Set<string>(Object.values(HandlingLevel));

interface Expected {
  status: string;
  level: string;
}

/** (action, status, level) → expected outcome, parsed from the text above. */
function legalTransitions(): Map<string, Expected> {
  const legal = new Map<string, Expected>();
  for (const line of LEGAL.trim().split('\n')) {
    const [left, right] = line.split('→').map((part) => part.trim().split(/\s+/));
    const [action, ...rest] = left;
    const statuses = rest.filter((word) => STATUSES.has(word));
    const levels = rest.filter((word) => LEVELS.has(word));
    if (statuses.length + levels.length !== rest.length) throw new Error(`unknown word in spec line: ${line}`);
    const [toStatus, toLevel] = right;
    for (const status of statuses) {
      for (const level of levels) {
        const next = toLevel === 'same' ? level : toLevel === 'up' ? UP[level] : toLevel;
        legal.set(`${action} ${status} ${level}`, { status: toStatus, level: next });
      }
    }
  }
  return legal;
}

describe('§4 the case loop, written out from DOMAIN.md independently of the table', () => {
  const legal = legalTransitions();
  const actions = Object.keys(TRANSITIONS) as TransitionAction[];

  it('names every action of the table, and the table no other', () => {
    const specActions = new Set([...legal.keys()].map((key) => key.split(' ')[0]));
    expect([...specActions].sort()).toEqual([...actions].sort());
  });

  it('allows exactly the written-out transitions, each to the written-out status and level', () => {
    let allowed = 0;
    let refused = 0;
    for (const action of actions) {
      for (const status of Object.values(CaseStatus)) {
        for (const level of Object.values(HandlingLevel)) {
          const expected = legal.get(`${action} ${status} ${level}`);
          const attempt = () =>
            planTransition({ status, level, dispatchedFromLevel: HandlingLevel.TOWNSHIP }, action, { rating: Rating.SATISFIED });
          if (expected) {
            expect({ action, status, level, outcome: attempt() }).toMatchObject({ outcome: expected });
            allowed += 1;
          } else {
            expect(attempt).toThrow(IllegalTransitionError);
            expect(attempt).toThrow(new RegExp(`status ${status} at level ${level}`));
            refused += 1;
          }
        }
      }
    }
    expect(allowed).toBe(legal.size);
    expect(allowed + refused).toBe(actions.length * STATUSES.size * LEVELS.size);
  });

  it('never leaves a final status (RETURNED, CLOSED, MERGED), by any action at any level', () => {
    for (const status of [CaseStatus.RETURNED, CaseStatus.CLOSED, CaseStatus.MERGED]) {
      for (const level of Object.values(HandlingLevel)) {
        for (const action of actions) {
          expect(() => planTransition({ status, level }, action, { rating: Rating.SATISFIED })).toThrow(IllegalTransitionError);
        }
      }
    }
  });

  it('turns an unsatisfied rating into a reopen at the level that resolved the case', () => {
    const outcome = planTransition({ status: CaseStatus.FED_BACK, level: HandlingLevel.DEPARTMENT, resolvedAtLevel: HandlingLevel.DEPARTMENT }, CaseAction.RATE, {
      rating: Rating.UNSATISFIED,
    });
    expect(outcome).toEqual({ action: CaseAction.REOPEN, status: CaseStatus.IN_PROGRESS, level: HandlingLevel.DEPARTMENT });
  });
});
