import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { Role, type AuthUser } from '@lianxin/auth';
import { PersonDirectory, recordEvent } from '@lianxin/events';
import { claimIdempotencyKey, idFromIdempotencyKey } from '@lianxin/db';
import { badUserInput, conflict, forbidden, notFound, occurredAtOf } from '@lianxin/graphql';
import { CASES_CONFIG, type CasesConfig } from '../cases-config.js';
import { CategoryService } from '../category/category.service.js';
import { ClockService } from '../clock/clock.service.js';
import { isMissed } from '../clock/case-clock.js';
import { CaseStageOverrun } from '../clock/stage-overrun.entity.js';
import { EmergencyService } from '../emergency/emergency.service.js';
import { CaseEvents, type CaseEventData, type CaseEventType } from '../events/case-events.js';
import { recordStatChange } from '../stats/stats-recorder.js';
import { publishedActor } from './anonymity.policy.js';
import { mayAct, mayRead, mayReportIn, reportableSources } from './case-access.js';
import { CaseAction, CaseClass, CaseSource, CaseStatus, HandlingLevel, Rating, RatingMethod, ServiceKind } from './case-enums.js';
import { decideResidentRating, decideReturnVisit, decideUnsatisfiedClose, HANDLING_ACTIONS, handlersOf, type RatingDecision } from './rating.policy.js';
import { accessFactsOf, type Actor, actorOf, ratingFactsOf, stateOf, statFactsOf, SYSTEM_ACTOR } from './case-facts.js';
import { CaseHistory } from './case-history.entity.js';
import { nextCaseNumber } from './case-number.js';
import { IllegalTransitionError, planTransition, type TransitionAction, type TransitionOptions, type TransitionOutcome } from './case-state-machine.js';
import { Case, CaseLocation, type CaseAttachment } from './case.entity.js';
import { decideReporter } from './reporter.policy.js';
import type {
  AcceptCaseInput,
  CaseLocationInput,
  CloseUnsatisfiedCaseInput,
  RecordReturnVisitInput,
  DispatchCaseInput,
  EscalateCaseInput,
  FeedBackCaseInput,
  IntakeHotlineOrderInput,
  MergeCasesInput,
  PlaceOrderInput,
  RateCaseInput,
  ReportCaseInput,
  ResolveCaseInput,
  ReturnCaseInput,
  ScheduleCaseInput,
  SendBackCaseInput,
  VerifyCaseInput,
  CaseTransitionInput,
} from './case.inputs.js';

/** What a new case is made of, whichever way it came in. */
export interface NewCase {
  title: string;
  description: string;
  categoryCode: string;
  serviceKind: ServiceKind;
  caseClass: CaseClass;
  source: CaseSource;
  gridCode: string;
  reporterPersonId: string | null;
  reporterUserId: string | null;
  anonymous: boolean;
  location: CaseLocationInput | null;
  attachments: CaseAttachment[];
  hotlineOrderNumber?: string | null;
  hazardId?: string | null;
  keyPlaceId?: string | null;
  /** Defaults to now; the hazard consumer passes the hazard's own time. */
  reportedAt?: Date;
  /** A case reported with an idempotency key gets an id derived from it (idFromIdempotencyKey), so no path can make two. */
  id?: string;
}

interface TransitionContext {
  em: EntityManager;
  now: Date;
  from: { status: CaseStatus; level: HandlingLevel };
  outcome: TransitionOutcome;
  actor: Actor;
}

/** One step on a case: the state machine's action plus what else it writes. */
interface TransitionRequest {
  action: TransitionAction;
  options?: Omit<TransitionOptions, 'flatCommand'>;
  note?: string | null;
  /** When it happens; defaults to now (the scheduler passes the time of its run). */
  at?: Date;
  /** Checks that need the case; they run before anything is written. */
  validate?(c: Case, em: EntityManager): Promise<void> | void;
  /** Field changes besides status and level. */
  apply?(c: Case, context: TransitionContext): Promise<void> | void;
  /** The events of the step, when not the action's usual ones. */
  events?: CaseEventType[];
}

const EVENTS_BY_ACTION: Partial<Record<CaseAction, CaseEventType[]>> = {
  [CaseAction.VERIFY]: [CaseEvents.VERIFIED],
  [CaseAction.RETURN]: [CaseEvents.RETURNED],
  [CaseAction.SCHEDULE]: [CaseEvents.SCHEDULED],
  [CaseAction.ESCALATE]: [CaseEvents.ESCALATED],
  [CaseAction.PLACE_ORDER]: [CaseEvents.ESCALATED],
  [CaseAction.DISPATCH]: [CaseEvents.DISPATCHED],
  [CaseAction.ACCEPT]: [CaseEvents.ACCEPTED],
  [CaseAction.SEND_BACK]: [CaseEvents.SENT_BACK],
  [CaseAction.RESOLVE]: [CaseEvents.RESOLVED],
  [CaseAction.FEED_BACK]: [CaseEvents.FED_BACK],
  [CaseAction.RATE]: [CaseEvents.RATED],
  [CaseAction.REOPEN]: [CaseEvents.RATED, CaseEvents.REOPENED],
  [CaseAction.MERGE]: [CaseEvents.MERGED],
  [CaseAction.MARK_OVERDUE]: [CaseEvents.OVERDUE],
  [CaseAction.OVERDUE_ESCALATE]: [CaseEvents.OVERDUE, CaseEvents.ESCALATED],
  [CaseAction.CLOSE_UNSATISFIED]: [CaseEvents.UNSATISFIED_CLOSED],
};

/**
 * Every change to a case goes through here: state machine, authorization, the change itself, the
 * history entry, the summary counters and the events — all in one transaction. The case row is
 * updated first with its version in the WHERE clause, so of two concurrent changes one wins and the
 * other gets CONFLICT before it writes anything else.
 */
@Injectable()
export class CaseWorkflowService {
  constructor(
    private readonly em: EntityManager,
    private readonly clocks: ClockService,
    private readonly categories: CategoryService,
    private readonly emergencies: EmergencyService,
    private readonly directory: PersonDirectory,
    @Inject(CASES_CONFIG) private readonly config: CasesConfig,
  ) {}

  // ─── Ways in ──────────────────────────────────────────────────────────────

  async report(user: AuthUser, input: ReportCaseInput): Promise<Case> {
    const allowed = reportableSources(user);
    const source = input.source ?? allowed[0];
    if (!source) throw forbidden('your roles cannot report cases');
    if (!allowed.includes(source)) throw badUserInput('source', `your roles may report from ${allowed.join(', ')}, not ${source}`);
    if (!mayReportIn(user, input.gridCode)) throw forbidden(`grid ${input.gridCode} is outside the area you may report in`);
    const ownedByResident = source === CaseSource.RESIDENT && user.roles.includes(Role.RESIDENT);
    const reporterPersonId = await this.reporterFor(user, input.reporterPersonId ?? null, ownedByResident);
    const draft = this.draftFrom(input, source, { reporterUserId: ownedByResident ? user.sub : null, reporterPersonId });
    return (await this.reportOnce(user, input, draft)).case;
  }

  /**
   * Once per idempotency key (issue 17): a replay returns the first case and writes nothing; the device's
   * occurredAt is the report time. The case id comes from the key, the same id a syncFieldWork item names.
   */
  async reportOnce(user: AuthUser, input: ReportCaseInput, draft: NewCase): Promise<{ case: Case; replayed: boolean }> {
    return this.inTransaction(async (em) => {
      const claim = await claimIdempotencyKey<{ caseId: string }>(em, { caller: user.sub, operation: 'reportCase', key: input.idempotencyKey, payload: input });
      if (claim.replay) return { case: await em.findOneOrFail(Case, { id: claim.replay.caseId }), replayed: true };
      const id = input.idempotencyKey ? idFromIdempotencyKey(user.sub, 'reportCase', input.idempotencyKey) : undefined;
      if (id) {
        // Reported before through syncFieldWork (grids' outbox → cases) under the same key.
        const earlier = await em.findOne(Case, { id });
        if (earlier) {
          claim.remember({ caseId: id });
          return { case: earlier, replayed: true };
        }
      }
      const c = await this.createCase(em, actorOf(user), { ...draft, reportedAt: occurredAtOf(input.occurredAt), ...(id ? { id } : {}) });
      claim.remember({ caseId: c.id });
      return { case: c, replayed: false };
    });
  }

  /** The reporter a new case names (reporter.policy.ts), from the person directory. */
  private async reporterFor(user: AuthUser, namedPersonId: string | null, asResident: boolean): Promise<string | null> {
    const own = asResident ? await this.directory.personOfUser(this.em, user.sub) : null;
    const namedPersonGrid = !asResident && namedPersonId ? await this.directory.gridOfPerson(this.em, namedPersonId) : null;
    const decision = decideReporter(user, { asResident, namedPersonId, ownPersonId: own?.personId ?? null, namedPersonGrid });
    if ('refused' in decision) throw decision.refused;
    return decision.reporterPersonId;
  }

  /** 12345 hotline work orders, idempotent on the work-order number: a repeat returns the existing case. */
  async intakeHotlineOrder(user: AuthUser, input: IntakeHotlineOrderInput): Promise<{ case: Case; created: boolean }> {
    if (!mayReportIn(user, input.gridCode)) throw forbidden(`grid ${input.gridCode} is outside your area`);
    const reporterPersonId = await this.reporterFor(user, input.reporterPersonId ?? null, false);
    const draft = { ...this.draftFrom(input, CaseSource.HOTLINE_12345, { reporterUserId: null, reporterPersonId }), hotlineOrderNumber: input.hotlineOrderNumber };
    const existing = () => this.em.fork().findOne(Case, { hotlineOrderNumber: input.hotlineOrderNumber });
    const found = await existing();
    if (found) return { case: this.visibleOrForbidden(user, found), created: false };
    try {
      return await this.inTransaction(async (em) => {
        // The client's key too (issue 17): a replay under another work-order number is CONFLICT, not a second case.
        const claim = await claimIdempotencyKey<{ caseId: string }>(em, { caller: user.sub, operation: 'intakeHotlineOrder', key: input.idempotencyKey, payload: input });
        if (claim.replay) return { case: await em.findOneOrFail(Case, { id: claim.replay.caseId }), created: false };
        const c = await this.createCase(em, actorOf(user), { ...draft, reportedAt: occurredAtOf(input.occurredAt) });
        claim.remember({ caseId: c.id });
        return { case: c, created: true };
      });
    } catch (error) {
      // Two intakes of the same order at once: the unique number lets one through; the other returns it.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      const winner = await existing();
      if (!winner) throw error;
      return { case: this.visibleOrForbidden(user, winner), created: false };
    }
  }

  /** Creates a case inside the caller's transaction (reports, hotline orders, hazard events). */
  async createCase(em: EntityManager, actor: Actor, draft: NewCase): Promise<Case> {
    await this.categories.requireActive(em, draft.categoryCode, 'categoryCode', draft.gridCode);
    const reportedAt = draft.reportedAt ?? new Date();
    const number = await nextCaseNumber(em, draft.gridCode, reportedAt, this.config.timeZone);
    const location = Object.assign(new CaseLocation(), {
      longitude: draft.location?.longitude ?? null,
      latitude: draft.location?.latitude ?? null,
      address: draft.location?.address?.trim() || null,
    });
    const c = em.create(Case, {
      ...(draft.id ? { id: draft.id } : {}),
      number,
      title: draft.title.trim(),
      description: draft.description.trim(),
      categoryCode: draft.categoryCode,
      serviceKind: draft.serviceKind,
      caseClass: draft.caseClass,
      source: draft.source,
      reportedByUserId: actor.userId,
      reporterPersonId: draft.anonymous ? null : draft.reporterPersonId,
      reporterUserId: draft.reporterUserId,
      anonymous: draft.anonymous,
      gridCode: draft.gridCode,
      location,
      attachments: draft.attachments.map(({ name, mimeType, size, url }) => ({ name, mimeType, size, url })),
      level: HandlingLevel.GRID,
      status: CaseStatus.REPORTED,
      reportedAt,
      hotlineOrderNumber: draft.hotlineOrderNumber ?? null,
      hazardId: draft.hazardId ?? null,
      keyPlaceId: draft.keyPlaceId ?? null,
    });
    // §8.1: the grid's stage runs from the report; the case clock starts at verification.
    await this.clocks.step(em, c, { action: CaseAction.REPORT, at: reportedAt, toLevel: HandlingLevel.GRID });
    await em.flush();
    this.appendHistory(em, c, actor, CaseAction.REPORT, null, reportedAt, null);
    await recordStatChange(em, null, statFactsOf(c), this.config.timeZone);
    this.publish(em, c, CaseAction.REPORT, [CaseEvents.REPORTED], actor, { dueAt: c.dueAt?.toISOString() ?? null, hazardId: c.hazardId }, { isNew: true });
    return c;
  }

  // ─── The loop ─────────────────────────────────────────────────────────────

  verify(user: AuthUser, input: VerifyCaseInput): Promise<Case> {
    return this.run(user, input, {
      action: CaseAction.VERIFY,
      note: input.note ?? null,
      validate: async (c, em) => {
        if (input.categoryCode) await this.categories.requireActive(em, input.categoryCode, 'categoryCode', c.gridCode);
      },
      apply: (c, { actor }) => {
        c.caseClass = input.caseClass ?? c.caseClass;
        c.categoryCode = input.categoryCode ?? c.categoryCode;
        c.serviceKind = input.serviceKind ?? c.serviceKind;
        c.assigneeUserId = actor.userId;
        // §8.1: the case clock starts now, for the class as verified (ClockService.step).
      },
    });
  }

  returnCase(user: AuthUser, input: ReturnCaseInput): Promise<Case> {
    return this.run(user, input, {
      action: CaseAction.RETURN,
      note: input.reason,
      apply: (c, { now }) => {
        c.returnReason = input.reason.trim();
        c.closedAt = now;
      },
    });
  }

  schedule(user: AuthUser, input: ScheduleCaseInput): Promise<Case> {
    return this.run(user, input, {
      action: CaseAction.SCHEDULE,
      note: input.note ?? null,
      validate: () => {
        if (input.dueAt && input.dueAt.getTime() <= Date.now()) throw badUserInput('dueAt', 'must be in the future');
      },
      apply: (c, { actor }) => {
        // §8.1: listing never moves the case clock; the holder may promise its stage sooner, never later.
        if (input.dueAt && (!c.stageDueAt || input.dueAt.getTime() < c.stageDueAt.getTime())) c.stageDueAt = input.dueAt;
        c.assigneeUserId = input.assigneeUserId ?? actor.userId;
      },
    });
  }

  escalate(user: AuthUser, input: EscalateCaseInput): Promise<Case> {
    return this.run(user, input, { action: CaseAction.ESCALATE, note: input.reason, apply: this.handOver() });
  }

  placeOrder(user: AuthUser, input: PlaceOrderInput): Promise<Case> {
    return this.run(user, input, { action: CaseAction.PLACE_ORDER, note: input.note ?? null, apply: this.handOver() });
  }

  dispatch(user: AuthUser, input: DispatchCaseInput): Promise<Case> {
    const note = [input.note, input.overrideReason && `override: ${input.overrideReason}`].filter(Boolean).join('; ') || null;
    return this.run(user, input, {
      action: CaseAction.DISPATCH,
      note: `to ${input.departmentCode}${note ? `: ${note}` : ''}`,
      validate: async (c, em) => {
        const category = await this.categories.requireActive(em, c.categoryCode, 'caseId');
        if (!category.departmentCodes.includes(input.departmentCode) && !input.overrideReason) {
          const takers = category.departmentCodes.join(', ') || 'none';
          throw badUserInput('departmentCode', `${input.departmentCode} does not take ${c.categoryCode} cases (${takers} do); give overrideReason to dispatch anyway`);
        }
      },
      apply: async (c, context) => {
        c.dispatchedFromLevel = context.from.level;
        c.assigneeDepartmentCode = input.departmentCode;
        c.assigneeDepartmentId = input.departmentId ?? null;
        await this.handOver()(c, context);
      },
    });
  }

  accept(user: AuthUser, input: AcceptCaseInput): Promise<Case> {
    return this.run(user, input, {
      action: CaseAction.ACCEPT,
      note: input.note ?? null,
      apply: (c, { actor }) => {
        c.assigneeUserId = actor.userId;
      },
    });
  }

  sendBack(user: AuthUser, input: SendBackCaseInput): Promise<Case> {
    return this.run(user, input, {
      action: CaseAction.SEND_BACK,
      note: input.reason,
      apply: async (c, context) => {
        c.assigneeDepartmentCode = null;
        c.assigneeDepartmentId = null;
        await this.handOver()(c, context);
      },
    });
  }

  resolve(user: AuthUser, input: ResolveCaseInput): Promise<Case> {
    return this.run(user, input, {
      action: CaseAction.RESOLVE,
      note: input.result,
      apply: (c, { now, from, actor }) => {
        c.resolvedAt = now;
        c.resolvedAtLevel = from.level;
        c.resolvedByUserId = actor.userId;
        c.result = input.result.trim();
      },
    });
  }

  feedBack(user: AuthUser, input: FeedBackCaseInput): Promise<Case> {
    return this.run(user, input, {
      action: CaseAction.FEED_BACK,
      note: input.feedback,
      apply: (c, { now }) => {
        c.fedBackAt = now;
        c.feedback = input.feedback.trim();
      },
    });
  }

  /** §8.2: the reporting resident rates (rating.policy.ts). */
  rate(user: AuthUser, input: RateCaseInput): Promise<Case> {
    return this.rateAs(user, input, async (c, em, handlers) => {
      const own = await this.directory.personOfUser(em, user.sub);
      return decideResidentRating(user, ratingFactsOf(c), own?.personId ?? null, handlers, input);
    });
  }

  /** §8.2: a return visit (回访) by staff who did not handle the case: a proxy rating with its method. */
  recordReturnVisit(user: AuthUser, input: RecordReturnVisitInput): Promise<Case> {
    return this.rateAs(user, { ...input, reopen: true }, (c, _em, handlers) => decideReturnVisit(user, ratingFactsOf(c), handlers, input.method));
  }

  private rateAs(
    user: AuthUser,
    input: { caseId: string; expectedVersion?: number; rating: Rating; comment?: string; reopen?: boolean },
    decide: (c: Case, em: EntityManager, handlers: ReadonlySet<string>) => Promise<RatingDecision> | RatingDecision,
  ): Promise<Case> {
    let decision: { method: RatingMethod; proxy: boolean } | null = null;
    return this.run(user, input, {
      action: CaseAction.RATE,
      options: { rating: input.rating, reopen: true },
      validate: async (c, em) => {
        const answer = await decide(c, em, await this.handlersOf(em, c));
        if ('refused' in answer) throw answer.refused;
        decision = answer;
      },
      note: `${input.rating}${input.comment ? `: ${input.comment}` : ''}`,
      apply: (c, { now, outcome, actor }) => {
        c.rating = input.rating;
        c.ratingComment = input.comment?.trim() ?? null;
        c.ratedAt = now;
        c.ratingMethod = decision!.method;
        c.ratingByProxy = decision!.proxy;
        c.ratedByUserId = actor.userId;
        if (outcome.action === CaseAction.REOPEN) {
          // The clock service starts the reopen clock and counts the reopen.
          c.assigneeUserId = c.resolvedByUserId;
          c.resolvedAt = null;
          c.resolvedAtLevel = null;
          c.resolvedByUserId = null;
          c.result = null;
          c.fedBackAt = null;
          c.feedback = null;
        } else {
          c.closedAt = now;
        }
      },
    });
  }

  /**
   * §8.2: a village-level or higher reviewer who did not handle it closes a case the resident's
   * UNSATISFIED rating reopened, before anyone reworked it, with a written reason. The result before
   * the reopen stands again (from the history); the case stays counted as reopened, so never on time.
   */
  closeUnsatisfied(user: AuthUser, input: CloseUnsatisfiedCaseInput): Promise<Case> {
    let resolution: { at: Date; level: HandlingLevel; by: string; result: string | null } | null = null;
    return this.run(user, input, {
      action: CaseAction.CLOSE_UNSATISFIED,
      note: input.reason,
      validate: async (c, em) => {
        const refused = decideUnsatisfiedClose(user, ratingFactsOf(c), await this.handlersOf(em, c), input.reason);
        if (refused) throw refused.refused;
        const [last] = await em.execute<Array<{ action: CaseAction }>>(
          `select "action" from "case_history" where "case_id" = ? order by "seq" desc limit 1`,
          [c.id],
        );
        if (c.rating !== Rating.UNSATISFIED || last?.action !== CaseAction.REOPEN) {
          throw conflict(`case ${c.number} was not just reopened by an unsatisfied rating; only such a case is closed without rework`);
        }
        const [resolved] = await em.execute<Array<{ at: Date; to_level: HandlingLevel; actor_user_id: string; note: string | null }>>(
          `select "at", "to_level", "actor_user_id", "note" from "case_history" where "case_id" = ? and "action" = 'RESOLVE' order by "seq" desc limit 1`,
          [c.id],
        );
        if (resolved) resolution = { at: new Date(resolved.at), level: resolved.to_level, by: resolved.actor_user_id, result: resolved.note };
      },
      apply: (c, { now }) => {
        c.unsatisfiedCloseReason = input.reason.trim();
        c.closedAt = now;
        if (resolution) {
          c.resolvedAt = resolution.at;
          c.resolvedAtLevel = resolution.level;
          c.resolvedByUserId = resolution.by;
          c.result = resolution.result;
        }
      },
    });
  }

  /** Everyone who handled the case (rating.policy.ts HANDLING_ACTIONS), from its history. */
  private async handlersOf(em: EntityManager, c: Case): Promise<Set<string>> {
    const rows = await em.execute<Array<{ actor_user_id: string }>>(
      `select distinct "actor_user_id" from "case_history" where "case_id" = ? and "action" in (${HANDLING_ACTIONS.map(() => '?').join(', ')})`,
      [c.id, ...HANDLING_ACTIONS],
    );
    return handlersOf(c, rows.map((row) => row.actor_user_id));
  }

  /** The duplicate becomes MERGED; its reporters follow the survivor (and may rate it). */
  async merge(user: AuthUser, input: MergeCasesInput): Promise<{ survivor: Case; merged: Case }> {
    if (input.survivorId === input.mergedId) throw badUserInput('mergedId', 'a case cannot be merged into itself');
    return this.inTransaction(async (em) => {
      const [survivor, merged] = await Promise.all([this.loadVisible(em, user, input.survivorId), this.loadVisible(em, user, input.mergedId)]);
      if (survivor.gridCode.slice(0, 6) !== merged.gridCode.slice(0, 6)) throw badUserInput('mergedId', 'cases of different counties cannot be merged');
      if ([CaseStatus.RETURNED, CaseStatus.MERGED].includes(survivor.status)) {
        throw conflict(`case ${survivor.number} is ${survivor.status} and cannot take another case`);
      }
      const now = new Date();
      await this.applyTransition(em, merged, actorOf(user), {
        action: CaseAction.MERGE,
        note: `into ${survivor.number}${input.note ? `: ${input.note}` : ''}`,
        apply: (c) => {
          c.mergedIntoId = survivor.id;
          c.closedAt = now;
        },
      });
      const persons = [merged.reporterPersonId, ...merged.coReporterPersonIds].filter((id): id is string => !!id && id !== survivor.reporterPersonId);
      const users = [merged.reporterUserId, ...merged.coReporterUserIds].filter((id): id is string => !!id && id !== survivor.reporterUserId);
      survivor.coReporterPersonIds = [...new Set([...survivor.coReporterPersonIds, ...persons])];
      survivor.coReporterUserIds = [...new Set([...survivor.coReporterUserIds, ...users])];
      await em.flush();
      this.appendHistory(em, survivor, actorOf(user), CaseAction.MERGE, { status: survivor.status, level: survivor.level }, now, `took over ${merged.number}`);
      return { survivor, merged };
    });
  }

  // ─── System steps (scheduler) ─────────────────────────────────────────────

  /** Marks a missed deadline and escalates one level (or only marks it at the county); in the caller's transaction. */
  /**
   * §8.1, the scheduler's step for a case whose clocks ran out (in the caller's transaction): a missed
   * stage limit is charged to the holder (a case_stage_overrun row, `cases.case.stage_overrun`); a
   * missed case clock marks the case overdue (never on time). Either escalates the case one level — a
   * new holder with a stage of its own; the case clock runs on. At the county, the top, it is only marked.
   */
  async handleOverdue(em: EntityManager, c: Case, now: Date): Promise<TransitionOutcome | null> {
    const caseClockMissed = isMissed(c.dueAt, c.overdueMarkedFor, now);
    const stageMissed = isMissed(c.stageDueAt, c.stageOverrunMarkedFor, now);
    if (stageMissed) await this.chargeStageOverrun(em, c, now);
    if (!caseClockMissed) {
      if (!stageMissed) return null;
      if (c.level === HandlingLevel.COUNTY) {
        await em.flush();
        return null;
      }
      return this.applyTransition(em, c, SYSTEM_ACTOR, {
        action: CaseAction.OVERDUE_ESCALATE,
        note: `stage limit ${c.stageDueAt?.toISOString()} of ${c.level} missed`,
        at: now,
        events: [CaseEvents.ESCALATED],
        apply: (target, context) => this.escalatedBySystem(target, context),
      });
    }
    const missed = c.dueAt;
    const markOverdue = (target: Case) => {
      target.overdue = true;
      target.overdueMarkedFor = missed;
    };
    const note = `case clock ${missed?.toISOString()} missed`;
    if (c.level === HandlingLevel.COUNTY) {
      const before = statFactsOf(c);
      markOverdue(c);
      await em.flush();
      this.appendHistory(em, c, SYSTEM_ACTOR, CaseAction.MARK_OVERDUE, { status: c.status, level: c.level }, now, note);
      await recordStatChange(em, before, statFactsOf(c), this.config.timeZone);
      this.publish(em, c, CaseAction.MARK_OVERDUE, EVENTS_BY_ACTION[CaseAction.MARK_OVERDUE]!, SYSTEM_ACTOR, { note, dueAt: missed?.toISOString() ?? null });
      return null;
    }
    return this.applyTransition(em, c, SYSTEM_ACTOR, {
      action: CaseAction.OVERDUE_ESCALATE,
      note,
      at: now,
      apply: (target, context) => {
        markOverdue(target);
        this.escalatedBySystem(target, context);
      },
    });
  }

  private escalatedBySystem(target: Case, context: TransitionContext): void {
    if (context.from.level === HandlingLevel.DEPARTMENT) {
      target.assigneeDepartmentCode = null;
      target.assigneeDepartmentId = null;
    }
    this.handOver()(target, context);
  }

  /** §8.1: the holder ran over its stage limit: recorded once per stage, counted, and published for assessments. */
  private async chargeStageOverrun(em: EntityManager, c: Case, now: Date): Promise<void> {
    const before = statFactsOf(c);
    const stage = { level: c.level, departmentCode: c.assigneeDepartmentCode, holderUserId: c.assigneeUserId, stageStartedAt: c.stageStartedAt ?? c.reportedAt, stageDueAt: c.stageDueAt! };
    em.persist(em.create(CaseStageOverrun, { caseId: c.id, gridCode: c.gridCode, ...stage, detectedAt: now }));
    c.stageOverruns += 1;
    c.stageOverrunMarkedFor = c.stageDueAt;
    // Written with the step that follows (escalation or marking): one new version for the scheduler's visit.
    await recordStatChange(em, before, statFactsOf(c), this.config.timeZone);
    this.publish(em, c, CaseAction.MARK_OVERDUE, [CaseEvents.STAGE_OVERRUN], SYSTEM_ACTOR, {
      note: `stage limit ${stage.stageDueAt.toISOString()} of ${stage.level} missed`,
      stageLevel: stage.level,
      stageStartedAt: stage.stageStartedAt.toISOString(),
      stageDueAt: stage.stageDueAt.toISOString(),
      holderUserId: stage.holderUserId,
      holderDepartmentCode: stage.departmentCode,
    });
  }

  // ─── Plumbing ─────────────────────────────────────────────────────────────

  /** Loads the case the user may see (NOT_FOUND otherwise, so nothing leaks), then applies the step. */
  /**
   * One transition in one transaction. With an idempotency key it happens once: sending it again (a lost
   * answer, a replica) returns the case as it is now and writes nothing — no history line, event or count —
   * where without a key a resend after success is CONFLICT (stale version or illegal transition).
   */
  private async run(user: AuthUser, input: CaseTransitionInput, request: TransitionRequest): Promise<Case> {
    return this.inTransaction(async (em) => {
      const claim = await claimIdempotencyKey<{ caseId: string }>(em, { caller: user.sub, operation: `case:${request.action}`, key: input.idempotencyKey, payload: input });
      if (claim.replay) return this.loadVisible(em, user, claim.replay.caseId);
      const c = await this.loadVisible(em, user, input.caseId);
      if (input.expectedVersion !== undefined && input.expectedVersion !== c.version) {
        throw conflict(`case ${c.number} is at version ${c.version}, not ${input.expectedVersion}; it is now ${c.status} at ${c.level}`);
      }
      await this.applyTransition(em, c, actorOf(user), request);
      claim.remember({ caseId: c.id });
      return c;
    });
  }

  async applyTransition(em: EntityManager, c: Case, actor: Actor, request: TransitionRequest): Promise<TransitionOutcome> {
    const flatCommand = await this.emergencies.coversGrid(em, c.gridCode);
    let outcome: TransitionOutcome;
    try {
      outcome = planTransition(stateOf(c), request.action, { ...request.options, flatCommand });
    } catch (error) {
      if (error instanceof IllegalTransitionError) throw conflict(`case ${c.number}: ${error.message}`);
      throw error;
    }
    if (actor.user && !mayAct(actor.user, accessFactsOf(c), request.action)) {
      throw forbidden(`you may not ${request.action} case ${c.number} while it is handled at ${c.level}`);
    }
    await request.validate?.(c, em);
    const now = request.at ?? new Date();
    const before = statFactsOf(c);
    const from = { status: c.status, level: c.level };
    c.status = outcome.status;
    c.level = outcome.level;
    await request.apply?.(c, { em, now, from, outcome, actor });
    await this.clocks.step(em, c, { action: outcome.action, at: now, toLevel: outcome.level });
    await em.flush();
    this.appendHistory(em, c, actor, outcome.action, from, now, request.note ?? null);
    await recordStatChange(em, before, statFactsOf(c), this.config.timeZone);
    this.publish(em, c, outcome.action, request.events ?? EVENTS_BY_ACTION[outcome.action] ?? [], actor, {
      fromStatus: from.status,
      fromLevel: from.level,
      note: request.note ?? null,
      ...(request.options?.rating ? { rating: request.options.rating, ratingMethod: c.ratingMethod, ratingByProxy: c.ratingByProxy } : {}),
      ...(outcome.action === CaseAction.MERGE && c.mergedIntoId ? { mergedIntoId: c.mergedIntoId } : {}),
    });
    return outcome;
  }

  /** A new holder: nobody picked yet. The case clock runs on; the new holder's stage clock starts (ClockService.step). */
  private handOver() {
    return (c: Case, _context: TransitionContext) => {
      c.assigneeUserId = null;
    };
  }

  private async loadVisible(em: EntityManager, user: AuthUser, caseId: string): Promise<Case> {
    const c = await em.findOne(Case, { id: caseId });
    if (!c || !mayRead(user, accessFactsOf(c))) throw notFound('Case', caseId);
    return c;
  }

  private visibleOrForbidden(user: AuthUser, c: Case): Case {
    if (!mayRead(user, accessFactsOf(c))) throw forbidden(`hotline order ${c.hotlineOrderNumber} belongs to a case outside your area`);
    return c;
  }

  private appendHistory(
    em: EntityManager,
    c: Case,
    actor: Actor,
    action: CaseAction,
    from: { status: CaseStatus; level: HandlingLevel } | null,
    at: Date,
    note: string | null,
  ): void {
    em.persist(
      em.create(CaseHistory, {
        caseId: c.id,
        action,
        actorUserId: actor.userId,
        actorRoles: actor.roles,
        at,
        fromStatus: from?.status ?? null,
        toStatus: c.status,
        fromLevel: from?.level ?? null,
        toLevel: c.level,
        note: note?.trim() || null,
      }),
    );
  }

  /** The step's events; on an anonymous case the reporter's own steps carry a pseudonym as actor (anonymity.policy.ts). */
  private publish(
    em: EntityManager,
    c: Case,
    action: CaseAction,
    types: CaseEventType[],
    by: Actor,
    extra: Partial<CaseEventData>,
    options: { isNew?: boolean } = {},
  ): void {
    const actor = { userId: publishedActor(c, action, by.userId) };
    const data: CaseEventData = { ...caseEventData(c, actor.userId), ...extra };
    for (const type of types) recordEvent(em, { type, areaCode: c.gridCode, actor: actor.userId, data });
    // The hotline hears back about every later step of its work orders (接、派、办、评).
    if (c.hotlineOrderNumber && !options.isNew && types.length > 0) {
      recordEvent(em, {
        type: CaseEvents.HOTLINE_STATUS_CHANGED,
        areaCode: c.gridCode,
        actor: actor.userId,
        data: {
          hotlineOrderNumber: c.hotlineOrderNumber,
          caseId: c.id,
          number: c.number,
          status: c.status,
          level: c.level,
          event: types.at(-1),
          result: c.result,
          rating: c.rating,
          note: extra.note ?? null,
        },
      });
    }
  }

  private draftFrom(input: ReportCaseInput, source: CaseSource, owner: { reporterUserId: string | null; reporterPersonId: string | null }): NewCase {
    const { longitude, latitude } = input.location ?? {};
    if ((longitude === undefined) !== (latitude === undefined)) {
      throw badUserInput(longitude === undefined ? 'location.longitude' : 'location.latitude', 'give longitude and latitude together');
    }
    return {
      title: input.title,
      description: input.description,
      categoryCode: input.categoryCode,
      serviceKind: input.serviceKind ?? ServiceKind.HELP,
      caseClass: input.caseClass ?? CaseClass.ORDINARY,
      source,
      gridCode: input.gridCode,
      reporterPersonId: owner.reporterPersonId,
      reporterUserId: owner.reporterUserId,
      anonymous: input.anonymous ?? false,
      location: input.location ?? null,
      attachments: input.attachments ?? [],
    };
  }

  /** Runs work in a transaction; a lost optimistic-lock race becomes CONFLICT. */
  private async inTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.em.transactional(work);
    } catch (error) {
      if (error instanceof OptimisticLockError) {
        throw conflict('the case was changed by someone else at the same time; reload it and try again');
      }
      throw error;
    }
  }
}

/** The common part of every case event, from the case as it is now. */
export function caseEventData(c: Case, actor: string): CaseEventData {
  return {
    caseId: c.id,
    number: c.number,
    gridCode: c.gridCode,
    category: c.categoryCode,
    class: c.caseClass,
    source: c.source,
    status: c.status,
    level: c.level,
    reporterPersonId: c.reporterPersonId,
    actor,
    assigneeUserId: c.assigneeUserId,
    assigneeDepartmentCode: c.assigneeDepartmentCode,
    dueAt: c.dueAt?.toISOString() ?? null,
    hotlineOrderNumber: c.hotlineOrderNumber,
  };
}
