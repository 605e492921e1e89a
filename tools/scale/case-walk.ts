import type { ScaleIds } from './ids.ts';
import type { Random } from './prng.ts';
import {
  CaseAction,
  CaseStatus,
  HANDLING_STATUSES,
  HandlingLevel,
  Rating,
  canTransition,
  planTransition,
  type TransitionAction,
} from './service-code.ts';

/**
 * One case walked through the cases service's own state machine (planTransition), step by step in
 * time, with the scheduler's overdue escalations wherever a deadline passes before the next step —
 * so statuses, levels, deadlines and histories are what the service would have produced. The
 * field changes per action mirror CaseWorkflowService (verify, schedule, escalate, dispatch,
 * send back, resolve, feed back, rate/reopen, return, merge).
 */

export type Step = 'VERIFY' | 'RESOLVE' | 'SCHEDULE' | 'UP' | 'DISPATCH' | 'ACCEPT' | 'SEND_BACK' | 'FEED_BACK' | 'RATE' | 'RATE_REOPEN' | 'RETURN';

export interface HistoryEntry {
  action: CaseAction;
  actorUserId: string;
  actorRoles: string[];
  at: Date;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  fromLevel: HandlingLevel | null;
  toLevel: HandlingLevel;
  note: string | null;
}

export interface SupervisionEntry {
  automatic: boolean;
  supervisorUserId: string;
  instruction: string;
  createdAt: Date;
  reply: string | null;
  repliedAt: Date | null;
  repliedByUserId: string | null;
}

export interface WalkedCase {
  index: number;
  id: string;
  number: string;
  day: string;
  title: string;
  description: string;
  categoryCode: string;
  serviceKind: string;
  caseClass: string;
  source: string;
  reportedByUserId: string;
  reporterPersonId: string | null;
  reporterUserId: string | null;
  coReporterUserIds: string[];
  coReporterPersonIds: string[];
  anonymous: boolean;
  gridCode: string;
  longitude: number;
  latitude: number;
  address: string;
  level: HandlingLevel;
  status: CaseStatus;
  assigneeUserId: string | null;
  assigneeDepartmentCode: string | null;
  assigneeDepartmentId: string | null;
  dispatchedFromLevel: HandlingLevel | null;
  reportedAt: Date;
  dueAt: Date;
  overdueMarkedFor: Date | null;
  overdue: boolean;
  resolvedAt: Date | null;
  resolvedAtLevel: HandlingLevel | null;
  resolvedByUserId: string | null;
  result: string | null;
  fedBackAt: Date | null;
  feedback: string | null;
  rating: Rating | null;
  ratingComment: string | null;
  ratedAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
  returnReason: string | null;
  hotlineOrderNumber: string | null;
  hazardId: string | null;
  mergedIntoId: string | null;
  history: HistoryEntry[];
  supervisions: SupervisionEntry[];
}

export interface WalkRules {
  now: Date;
  ids: ScaleIds;
  random: Random;
  /** The service's deadline for a clock started at `start`. */
  due(start: Date, caseClass: string, categoryCode: string): Date;
  departmentsByCategory: ReadonlyMap<string, readonly string[]>;
}

const HOUR = 3_600_000;
/** Typical hours between steps per class; one step in ten drags on (3–12 times as long) and may miss its deadline. */
const STEP_HOURS: Record<string, number> = { SIMPLE: 6, ORDINARY: 18, MAJOR: 36, DIFFICULT: 70, CROSS_REGION: 120 };
const SYSTEM = { userId: 'system', roles: ['system'] };
const RESULTS = ['已现场处置完毕，问题解决', '已协调相关单位处理完毕', '已维修完成并复查', '经调解双方达成一致', '已上门办理完毕'];
const FEEDBACKS = ['已上门向群众反馈办理结果', '已电话告知办理结果', '已在网格微信群反馈'];

export class CaseWalk {
  private readonly c: WalkedCase;
  private readonly rules: WalkRules;
  private clock: Date;

  constructor(c: WalkedCase, rules: WalkRules) {
    this.c = c;
    this.rules = rules;
    this.clock = c.reportedAt;
  }

  run(plan: readonly Step[]): void {
    const { random, now } = this.rules;
    for (const step of plan) {
      const slow = random.chance(0.1) ? 3 + random.next() * 9 : 1;
      const at = new Date(this.clock.getTime() + (0.3 + random.next() * STEP_HOURS[this.c.caseClass]) * HOUR * slow);
      if (at.getTime() >= now.getTime()) break;
      this.catchUp(at);
      this.clock = at;
      this.take(step, at);
    }
    this.catchUp(now);
  }

  /** Merged into another case shortly after it was reported (the grid spotted the duplicate). */
  mergeInto(survivor: WalkedCase, at: Date): void {
    this.catchUp(at);
    const c = this.c;
    if (!canTransition(c, CaseAction.MERGE)) return;
    const from = { status: c.status, level: c.level };
    const outcome = planTransition(c, CaseAction.MERGE);
    c.status = outcome.status;
    c.level = outcome.level;
    c.mergedIntoId = survivor.id;
    c.closedAt = at;
    this.record(outcome.action, this.rules.ids.actorAt(HandlingLevel.GRID, c.gridCode, null), at, from, `into ${survivor.number}`);
  }

  /** What the deadline scheduler does for each deadline missed before `until`. */
  private catchUp(until: Date): void {
    const c = this.c;
    const { ids, random, now } = this.rules;
    while (HANDLING_STATUSES.includes(c.status) && c.dueAt.getTime() <= until.getTime() && c.overdueMarkedFor?.getTime() !== c.dueAt.getTime()) {
      const missedAt = c.dueAt;
      c.overdue = true;
      c.overdueMarkedFor = missedAt;
      const note = `deadline ${missedAt.toISOString()} missed`;
      if (c.level === HandlingLevel.COUNTY) {
        this.record(CaseAction.MARK_OVERDUE, SYSTEM, missedAt, { status: c.status, level: c.level }, note);
      } else {
        const from = { status: c.status, level: c.level };
        const outcome = planTransition(c, CaseAction.OVERDUE_ESCALATE);
        if (from.level === HandlingLevel.DEPARTMENT) {
          c.assigneeDepartmentCode = null;
          c.assigneeDepartmentId = null;
        }
        c.status = outcome.status;
        c.level = outcome.level;
        c.assigneeUserId = null;
        c.dueAt = this.rules.due(missedAt, c.caseClass, c.categoryCode);
        this.record(CaseAction.OVERDUE_ESCALATE, SYSTEM, missedAt, from, note);
      }
      const replied = random.chance(0.7) && missedAt.getTime() + 4 * HOUR < now.getTime();
      const handler = ids.actorAt(c.level, c.gridCode, c.assigneeDepartmentCode);
      c.supervisions.push({
        supervisorUserId: 'system',
        automatic: true,
        instruction: `逾期未办结（时限 ${missedAt.toISOString()}），请说明进展。Overdue: please report progress.`,
        createdAt: missedAt,
        reply: replied ? '已收到督办，正在加快办理' : null,
        repliedAt: replied ? new Date(missedAt.getTime() + 4 * HOUR) : null,
        repliedByUserId: replied ? handler.userId : null,
      });
    }
  }

  private take(step: Step, at: Date): void {
    const c = this.c;
    const { ids, random } = this.rules;
    const action = this.actionFor(step);
    if (!action || !canTransition(c, action)) return;
    const actor = ids.actorAt(c.level, c.gridCode, c.assigneeDepartmentCode);
    const from = { status: c.status, level: c.level };
    const rating = step === 'RATE_REOPEN' ? Rating.UNSATISFIED : step === 'RATE' ? this.rating() : undefined;
    const outcome = planTransition(c, action, { rating, reopen: step === 'RATE_REOPEN' });
    c.status = outcome.status;
    c.level = outcome.level;
    let note: string | null = null;
    let by = actor;
    switch (outcome.action) {
      case CaseAction.VERIFY:
        c.assigneeUserId = actor.userId;
        break;
      case CaseAction.RETURN:
        note = random.pick(['经核实不属于受理范围，已当面解释说明', '诉求已在其他渠道办理，已解释说明', '经核实情况不属实，已向群众说明']);
        c.returnReason = note;
        c.closedAt = at;
        break;
      case CaseAction.SCHEDULE:
        c.assigneeUserId = actor.userId;
        c.dueAt = this.rules.due(at, c.caseClass, c.categoryCode);
        note = '列入清单限时办理';
        break;
      case CaseAction.ESCALATE:
      case CaseAction.PLACE_ORDER:
        note = outcome.action === CaseAction.ESCALATE ? '超出本级处置能力，提级上报' : '社区下单，请街道协调';
        this.handOver(at);
        break;
      case CaseAction.DISPATCH: {
        const takers = this.rules.departmentsByCategory.get(c.categoryCode) ?? [];
        // After a send-back the case goes to another department where the category has one.
        const previous = c.history.findLast((entry) => entry.action === CaseAction.DISPATCH)?.note?.slice(3) ?? null;
        const department = takers.find((code) => code !== previous) ?? takers[0] ?? 'CIVIL_AFFAIRS';
        c.dispatchedFromLevel = from.level;
        c.assigneeDepartmentCode = department;
        c.assigneeDepartmentId = ids.department(department);
        note = `to ${department}`;
        this.handOver(at);
        break;
      }
      case CaseAction.ACCEPT:
        c.assigneeUserId = actor.userId;
        break;
      case CaseAction.SEND_BACK:
        note = '不属于本部门职责，退回重新派单';
        c.assigneeDepartmentCode = null;
        c.assigneeDepartmentId = null;
        this.handOver(at);
        break;
      case CaseAction.RESOLVE:
        c.resolvedAt = at;
        c.resolvedAtLevel = from.level;
        c.resolvedByUserId = actor.userId;
        c.result = random.pick(RESULTS);
        note = c.result;
        break;
      case CaseAction.FEED_BACK:
        by = ids.actorAt(HandlingLevel.GRID, c.gridCode, null);
        c.fedBackAt = at;
        c.feedback = random.pick(FEEDBACKS);
        note = c.feedback;
        break;
      case CaseAction.RATE:
      case CaseAction.REOPEN:
        by = c.reporterUserId ? { userId: c.reporterUserId, roles: ['resident'] } : ids.actorAt(HandlingLevel.GRID, c.gridCode, null);
        c.rating = rating ?? Rating.SATISFIED;
        c.ratedAt = at;
        note = `${c.rating}${c.reporterUserId ? '' : ' (recorded on behalf of the resident)'}`;
        if (outcome.action === CaseAction.REOPEN) {
          c.reopenCount += 1;
          c.assigneeUserId = c.resolvedByUserId;
          c.resolvedAt = null;
          c.resolvedAtLevel = null;
          c.resolvedByUserId = null;
          c.result = null;
          c.fedBackAt = null;
          c.feedback = null;
          c.dueAt = this.rules.due(at, c.caseClass, c.categoryCode);
        } else {
          c.closedAt = at;
        }
        break;
      default:
        break;
    }
    this.record(outcome.action, by, at, from, note);
  }

  private actionFor(step: Step): TransitionAction | null {
    switch (step) {
      case 'UP':
        if (this.c.level === HandlingLevel.VILLAGE) return CaseAction.PLACE_ORDER;
        return this.c.level === HandlingLevel.GRID || this.c.level === HandlingLevel.TOWNSHIP ? CaseAction.ESCALATE : null;
      case 'RATE_REOPEN':
        return CaseAction.RATE;
      default:
        return CaseAction[step];
    }
  }

  private rating(): Rating {
    const roll = this.rules.random.next();
    return roll < 0.74 ? Rating.SATISFIED : roll < 0.93 ? Rating.BASICALLY_SATISFIED : Rating.UNSATISFIED;
  }

  /** A new holder: nobody picked yet, and a fresh deadline for the class counted from now. */
  private handOver(at: Date): void {
    this.c.assigneeUserId = null;
    this.c.dueAt = this.rules.due(at, this.c.caseClass, this.c.categoryCode);
  }

  private record(action: CaseAction, actor: { userId: string; roles: string[] }, at: Date, from: { status: CaseStatus; level: HandlingLevel }, note: string | null): void {
    this.c.history.push({ action, actorUserId: actor.userId, actorRoles: actor.roles, at, fromStatus: from.status, toStatus: this.c.status, fromLevel: from.level, toLevel: this.c.level, note });
  }
}

/** The survivor's status and level at an instant, from its history. */
export function stateAt(c: WalkedCase, at: Date): { status: CaseStatus; level: HandlingLevel } {
  let state = { status: c.history[0].toStatus, level: c.history[0].toLevel };
  for (const entry of c.history) {
    if (entry.at.getTime() > at.getTime()) break;
    state = { status: entry.toStatus, level: entry.toLevel };
  }
  return state;
}

/** The survivor takes over a duplicate's reporters and notes it in its history (CaseWorkflowService.merge). */
export function takeOver(survivor: WalkedCase, merged: WalkedCase, at: Date, actor: { userId: string; roles: string[] }): void {
  const state = stateAt(survivor, at);
  if (merged.reporterPersonId && merged.reporterPersonId !== survivor.reporterPersonId && !survivor.coReporterPersonIds.includes(merged.reporterPersonId)) {
    survivor.coReporterPersonIds.push(merged.reporterPersonId);
  }
  if (merged.reporterUserId && merged.reporterUserId !== survivor.reporterUserId && !survivor.coReporterUserIds.includes(merged.reporterUserId)) {
    survivor.coReporterUserIds.push(merged.reporterUserId);
  }
  const entry: HistoryEntry = {
    action: CaseAction.MERGE,
    actorUserId: actor.userId,
    actorRoles: actor.roles,
    at,
    fromStatus: state.status,
    toStatus: state.status,
    fromLevel: state.level,
    toLevel: state.level,
    note: `took over ${merged.number}`,
  };
  const position = survivor.history.findIndex((existing) => existing.at.getTime() > at.getTime());
  if (position < 0) survivor.history.push(entry);
  else survivor.history.splice(position, 0, entry);
}
