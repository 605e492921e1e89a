// The consumer's own types (erased at run time: nothing here loads the service).
import type { ActivityDelta, CaseEvent, CaseState, SatisfactionDelta } from '../../services/assessments/dist/projection/case-activity.js';

/**
 * The assessments service's platform-statistics projections (staff_activity_day,
 * grid_satisfaction_day, case_projection) as its case consumer would have built them from the
 * loaded cases: each case's history is turned back into the events the cases service publishes
 * for it (its EVENTS_BY_ACTION: REPORT → reported, VERIFY → verified, MARK_OVERDUE and
 * OVERDUE_ESCALATE → overdue, RESOLVE → resolved, RATE → rated, REOPEN → rated then reopened) and
 * fed through the consumer's own rule, applyCaseEvent (passed in from the service's dist/), one
 * grid at a time. Pure; the loader streams the history in.
 *
 * What a history row lacks, the case supplies: the source, the grid, and the deadline a resolved
 * event carries (the case's due_at: nothing moves it after the last resolution, and an earlier
 * resolution is taken back by the reopening that followed it). The rating is the note's first word.
 */

export interface HistoryRow {
  caseId: string;
  action: string;
  actor: string;
  at: number;
  /** The first word of the note: the rating of RATE and REOPEN. */
  noteHead: string | null;
  gridCode: string;
  source: string;
  dueAt: number | null;
}

export type { ActivityDelta, CaseEvent, CaseState, SatisfactionDelta };

export type ApplyCaseEvent = (previous: CaseState | null, event: CaseEvent) => { state: CaseState | null; activity: ActivityDelta[]; satisfaction: SatisfactionDelta[] };

export interface CaseEventTypeNames {
  REPORTED: string;
  VERIFIED: string;
  OVERDUE: string;
  RESOLVED: string;
  RATED: string;
  REOPENED: string;
}

/** The actions whose events the consumer counts (the rest change nothing there). */
export const COUNTED_ACTIONS = ['REPORT', 'VERIFY', 'MARK_OVERDUE', 'OVERDUE_ESCALATE', 'RESOLVE', 'RATE', 'REOPEN'] as const;

const RATINGS = new Set(['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED']);

/** The events one case's history stands for, in order. */
export function caseEvents(rows: readonly HistoryRow[], types: CaseEventTypeNames): CaseEvent[] {
  const events: CaseEvent[] = [];
  for (const row of rows) {
    const event = (type: string, extra: Partial<CaseEvent['data']> = {}): CaseEvent => ({
      type,
      occurredAt: new Date(row.at).toISOString(),
      actor: row.actor,
      // status and level are not read by the consumer.
      data: { caseId: row.caseId, gridCode: row.gridCode, source: row.source, status: '', level: '', actor: row.actor, ...extra },
    });
    const rating = row.noteHead && RATINGS.has(row.noteHead) ? (row.noteHead as CaseEvent['data']['rating']) : undefined;
    switch (row.action) {
      case 'REPORT':
        events.push(event(types.REPORTED));
        break;
      case 'VERIFY':
        events.push(event(types.VERIFIED));
        break;
      case 'MARK_OVERDUE':
      case 'OVERDUE_ESCALATE':
        events.push(event(types.OVERDUE));
        break;
      case 'RESOLVE':
        events.push(event(types.RESOLVED, { dueAt: row.dueAt === null ? null : new Date(row.dueAt).toISOString() }));
        break;
      case 'RATE':
        events.push(event(types.RATED, { rating }));
        break;
      case 'REOPEN':
        events.push(event(types.RATED, { rating: rating ?? 'UNSATISFIED' }), event(types.REOPENED));
        break;
    }
  }
  return events;
}

/** The projections of one grid's cases, summed per staff member and day and per day, as the upserts add them. */
export class GridProjection {
  readonly cases: Array<{ caseId: string; state: CaseState }> = [];
  private readonly activity = new Map<string, ActivityDelta>();
  private readonly satisfaction = new Map<string, SatisfactionDelta>();
  private readonly applyCaseEvent: ApplyCaseEvent;
  private readonly types: CaseEventTypeNames;

  constructor(applyCaseEvent: ApplyCaseEvent, types: CaseEventTypeNames) {
    this.applyCaseEvent = applyCaseEvent;
    this.types = types;
  }

  /** One case's history rows, in order. */
  addCase(rows: readonly HistoryRow[]): void {
    let state: CaseState | null = null;
    for (const event of caseEvents(rows, this.types)) {
      const effect = this.applyCaseEvent(state, event);
      state = effect.state;
      for (const delta of effect.activity) {
        const key = `${delta.userId}|${delta.day}`;
        const sum = this.activity.get(key) ?? { ...delta, visits: 0, casesFound: 0, casesClosed: 0, casesClosedOnTime: 0 };
        sum.visits += delta.visits;
        sum.casesFound += delta.casesFound;
        sum.casesClosed += delta.casesClosed;
        sum.casesClosedOnTime += delta.casesClosedOnTime;
        this.activity.set(key, sum);
      }
      for (const delta of effect.satisfaction) {
        const sum = this.satisfaction.get(delta.day) ?? { ...delta, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 };
        sum.satisfied += delta.satisfied;
        sum.basicallySatisfied += delta.basicallySatisfied;
        sum.unsatisfied += delta.unsatisfied;
        this.satisfaction.set(delta.day, sum);
      }
    }
    if (state) this.cases.push({ caseId: rows[0].caseId, state });
  }

  activityRows(): ActivityDelta[] {
    return [...this.activity.values()];
  }

  satisfactionRows(): SatisfactionDelta[] {
    return [...this.satisfaction.values()];
  }

  /** What platformCounts reads for a staff member of this grid over [first, last] (Beijing days). */
  counts(userId: string, first: string, last: string) {
    const counts = { visits: 0, casesFound: 0, casesClosed: 0, casesClosedOnTime: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0 };
    for (const row of this.activity.values()) {
      if (row.userId !== userId || row.day < first || row.day > last) continue;
      counts.visits += row.visits;
      counts.casesFound += row.casesFound;
      counts.casesClosed += row.casesClosed;
      counts.casesClosedOnTime += row.casesClosedOnTime;
    }
    for (const row of this.satisfaction.values()) {
      if (row.day < first || row.day > last) continue;
      counts.satisfied += row.satisfied;
      counts.basicallySatisfied += row.basicallySatisfied;
      counts.unsatisfied += row.unsatisfied;
    }
    return counts;
  }
}
