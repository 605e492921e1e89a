import { Args, Context, Directive, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ALL_ROLES, AREA_ADMIN_ROLES, authenticatedUser, CurrentUser, GRID_STAFF_ROLES, Role, Roles, type AuthUser } from '@lianxin/auth';
import { byKeys, PageArgs, requestLoader } from '@lianxin/graphql';
import { CaseCategory } from '../category/case-category.entity.js';
import { CategoryService } from '../category/category.service.js';
import { DepartmentReference, GridReference, PersonReference } from '../federation/references.js';
import type { GraphQLContext } from '../graphql-context.js';
import { Supervision } from '../supervision/supervision.entity.js';
import { SupervisionService } from '../supervision/supervision.service.js';
import { hidesActor, maySeeHiddenActor } from './anonymity.policy.js';
import { actionsFor, isAwaiting } from './awaiting.policy.js';
import { CaseAction, CaseOrder } from './case-enums.js';
import { awaitingFactsOf } from './case-facts.js';
import { CaseHistory } from './case-history.entity.js';
import { CaseQueryService } from './case-query.service.js';
import { CaseWorkflowService } from './case-workflow.service.js';
import { Case } from './case.entity.js';
import {
  AcceptCaseInput,
  CaseFilter,
  DispatchCaseInput,
  EscalateCaseInput,
  FeedBackCaseInput,
  IntakeHotlineOrderInput,
  MergeCasesInput,
  PlaceOrderInput,
  RateCaseInput,
  RecordReturnVisitInput,
  CloseUnsatisfiedCaseInput,
  ReportCaseInput,
  ResolveCaseInput,
  ReturnCaseInput,
  ScheduleCaseInput,
  SendBackCaseInput,
  VerifyCaseInput,
} from './case.inputs.js';
import {
  AcceptCasePayload,
  CaseConnection,
  type CasePayloadShape,
  DispatchCasePayload,
  EscalateCasePayload,
  FeedBackCasePayload,
  IntakeHotlineOrderPayload,
  MergeCasesPayload,
  PlaceOrderPayload,
  RateCasePayload,
  RecordReturnVisitPayload,
  CloseUnsatisfiedCasePayload,
  ReportCasePayload,
  ResolveCasePayload,
  ReturnCasePayload,
  ScheduleCasePayload,
  SendBackCasePayload,
  VerifyCasePayload,
} from './case.types.js';
import { Idempotent } from '@lianxin/platform';

/** A history entry as a caller reads it: the actor may be hidden. */
type HistoryView = Omit<CaseHistory, 'actorUserId'> & { actorUserId: string | null };

const HANDLERS = [...AREA_ADMIN_ROLES, ...GRID_STAFF_ROLES];
const REPORTERS = [...HANDLERS, Role.RESIDENT, Role.DEPARTMENT_STAFF];

@Resolver(() => Case)
export class CaseResolver {
  constructor(
    private readonly queries: CaseQueryService,
    private readonly workflow: CaseWorkflowService,
    private readonly categories: CategoryService,
    private readonly supervisionService: SupervisionService,
  ) {}

  // ─── Queries ──────────────────────────────────────────────────────────────

  @Query(() => Case, { description: 'One case you may see, by id. 按ID查询事项' })
  @Roles(...ALL_ROLES)
  case(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID, description: 'Case id. 事项编号' }) id: string): Promise<Case> {
    return this.queries.get(user, id);
  }

  @Query(() => Case, { description: 'One case by its number, e.g. 330402-20261123-0007. 按事项编号查询' })
  @Roles(...ALL_ROLES)
  caseByNumber(@CurrentUser() user: AuthUser, @Args('number', { description: 'Case number. 事项编号' }) number: string): Promise<Case> {
    return this.queries.getByNumber(user, number);
  }

  @Query(() => CaseConnection, {
    description: 'Cases you may see (your area; department staff: dispatched to you; residents: your own), newest first unless orderBy says otherwise. 事项列表',
  })
  @Roles(...ALL_ROLES)
  cases(
    @CurrentUser() user: AuthUser,
    @Args() page: PageArgs,
    @Args('filter', { type: () => CaseFilter, nullable: true, description: 'Narrow the list. 筛选条件' }) filter?: CaseFilter,
    @Args('orderBy', { type: () => CaseOrder, defaultValue: CaseOrder.NEWEST_FIRST, description: 'Order; a cursor belongs to the order it came from. 排序' }) orderBy: CaseOrder = CaseOrder.NEWEST_FIRST,
  ) {
    return this.queries.search(user, filter, page, orderBy === CaseOrder.DUE_SOONEST ? 'dueAt' : 'reportedAt');
  }

  @Query(() => CaseConnection, { description: "A department's queue in your county, soonest deadline first (also Department.queue). 部门待办" })
  @Roles(Role.DEPARTMENT_STAFF, Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.AUDITOR)
  departmentQueue(@CurrentUser() user: AuthUser, @Args('departmentCode', { description: 'Department code, e.g. CIVIL_AFFAIRS. 部门代码' }) departmentCode: string, @Args() page: PageArgs) {
    return this.queries.departmentQueue(user, departmentCode, user.areaCode.slice(0, 6), page);
  }

  // ─── Ways in ──────────────────────────────────────────────────────────────

  @Mutation(() => ReportCasePayload, { description: 'Report a case (群众点单, or found on patrol). 反映事项' })
  @Roles(...REPORTERS)
  async reportCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: ReportCaseInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.report(user, input) };
  }

  @Mutation(() => IntakeHotlineOrderPayload, { description: 'Take in a 12345 hotline work order; repeating it returns the same case. 12345工单转入' })
  @Roles(Role.DEPARTMENT_STAFF, Role.COUNTY_ADMIN)
  intakeHotlineOrder(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: IntakeHotlineOrderInput): Promise<IntakeHotlineOrderPayload> {
    return this.workflow.intakeHotlineOrder(user, input);
  }

  // ─── The loop ─────────────────────────────────────────────────────────────

  @Mutation(() => VerifyCasePayload, { description: 'The grid accepts a reported case (网格核单). 核单' })
  @Roles(...HANDLERS)
  async verifyCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: VerifyCaseInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.verify(user, input) };
  }

  @Mutation(() => ReturnCasePayload, { description: 'Explain and return a case with the reason (解释退回办). 解释退回' })
  @Roles(...HANDLERS)
  async returnCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: ReturnCaseInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.returnCase(user, input) };
  }

  @Mutation(() => ScheduleCasePayload, { description: 'List a case with a deadline (清单限时办). 清单限时办' })
  @Roles(...HANDLERS)
  async scheduleCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: ScheduleCaseInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.schedule(user, input) };
  }

  @Mutation(() => EscalateCasePayload, { description: 'Escalate a case one level: grid → village, township → county (提级上报办). 提级上报' })
  @Roles(...HANDLERS)
  async escalateCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: EscalateCaseInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.escalate(user, input) };
  }

  @Mutation(() => PlaceOrderPayload, { description: 'The village places the order with the township (村(社区)下单). 下单' })
  @Roles(Role.VILLAGE_ADMIN, Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN)
  async placeOrder(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: PlaceOrderInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.placeOrder(user, input) };
  }

  @Mutation(() => DispatchCasePayload, { description: 'The township (or county) dispatches a case to a department (乡镇派单). 派单' })
  @Roles(Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN)
  async dispatchCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: DispatchCaseInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.dispatch(user, input) };
  }

  @Mutation(() => AcceptCasePayload, { description: 'The department accepts a dispatched case (部门接单). 接单' })
  @Roles(Role.DEPARTMENT_STAFF, Role.COUNTY_ADMIN)
  async acceptCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: AcceptCaseInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.accept(user, input) };
  }

  @Mutation(() => SendBackCasePayload, { description: 'The department sends a case back to the level that dispatched it. 部门退回' })
  @Roles(Role.DEPARTMENT_STAFF, Role.COUNTY_ADMIN)
  async sendBackCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: SendBackCaseInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.sendBack(user, input) };
  }

  @Mutation(() => ResolveCasePayload, { description: 'Resolve a case with a result (小事立即办 at the grid, or after handling). 办结' })
  @Roles(...HANDLERS, Role.DEPARTMENT_STAFF)
  async resolveCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: ResolveCaseInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.resolve(user, input) };
  }

  @Mutation(() => FeedBackCasePayload, { description: 'The grid worker feeds the result back to the resident. 反馈' })
  @Roles(...HANDLERS)
  async feedBackCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: FeedBackCaseInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.feedBack(user, input) };
  }

  @Mutation(() => RateCasePayload, { description: 'The resident who reported the case rates the result (群众评单, DOMAIN.md §8.2); unsatisfied reopens it. 评单' })
  @Roles(Role.RESIDENT)
  async rateCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: RateCaseInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.rate(user, input) };
  }

  @Idempotent()
  @Mutation(() => RecordReturnVisitPayload, {
    description: 'A return visit (回访) by staff who did not handle the case records the resident\'s rating as a proxy rating (DOMAIN.md §8.2). 回访代评',
  })
  @Roles(...HANDLERS)
  async recordReturnVisit(@CurrentUser() user: AuthUser, @Args('input', { description: 'The visit. 输入' }) input: RecordReturnVisitInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.recordReturnVisit(user, input) };
  }

  @Mutation(() => CloseUnsatisfiedCasePayload, {
    description: 'A village-level or higher reviewer who did not handle it closes a case reopened by an unsatisfied rating, with a written reason (DOMAIN.md §8.2). 不满意审核关闭',
  })
  @Roles(Role.VILLAGE_ADMIN, Role.TOWNSHIP_ADMIN, Role.COUNTY_ADMIN)
  async closeUnsatisfiedCase(@CurrentUser() user: AuthUser, @Args('input', { description: 'The decision. 输入' }) input: CloseUnsatisfiedCaseInput): Promise<CasePayloadShape> {
    return { case: await this.workflow.closeUnsatisfied(user, input) };
  }

  @Mutation(() => MergeCasesPayload, { description: 'Merge a duplicate into another case; its reporters follow the survivor. 合并重复事项' })
  @Roles(...HANDLERS)
  mergeCases(@CurrentUser() user: AuthUser, @Args('input', { description: 'The change. 输入' }) input: MergeCasesInput): Promise<MergeCasesPayload> {
    return this.workflow.merge(user, input);
  }

  // ─── Fields ───────────────────────────────────────────────────────────────

  @ResolveField(() => PersonReference, { nullable: true, description: 'Who reported it; empty when anonymous. 反映人' })
  reporter(@Parent() c: Case): PersonReference | null {
    return c.anonymous || !c.reporterPersonId ? null : { id: c.reporterPersonId };
  }

  @ResolveField(() => DepartmentReference, { nullable: true, description: 'The department it was dispatched to, when its id was given. 承办部门' })
  department(@Parent() c: Case): DepartmentReference | null {
    return c.assigneeDepartmentId ? { id: c.assigneeDepartmentId } : null;
  }

  // The grid's name comes from this service's copy (grid-names/), so case lists need no trip to grids.
  @ResolveField(() => GridReference, { description: 'The grid of the case. 所属网格' })
  @Directive('@provides(fields: "name")')
  grid(@Parent() c: Case): GridReference {
    return { code: c.gridCode };
  }

  @ResolveField(() => CaseCategory, { nullable: true, description: 'The category. 类别' })
  category(@Parent() c: Case, @Context() context: GraphQLContext): Promise<CaseCategory | null> {
    return requestLoader<string, CaseCategory>(context, 'case-category', async (codes) =>
      byKeys(codes, await this.categories.findByCodes(codes), (category) => category.code),
    ).load(c.categoryCode);
  }

  @ResolveField(() => [CaseHistory], { description: 'Every step so far, oldest first. 流转记录' })
  async history(@CurrentUser() user: AuthUser, @Parent() c: Case, @Context() context: GraphQLContext): Promise<HistoryView[]> {
    const entries = await requestLoader<string, CaseHistory[]>(context, 'case-history', async (ids) => {
      const byCase = await this.queries.historyOf(ids);
      return ids.map((id) => byCase.get(id) ?? []);
    }).load(c.id);
    // Copies, never the managed entries: case_history is append-only and must not be flushed.
    return (entries ?? []).map((entry) =>
      hidesActor(c, entry.action, entry.actorUserId) && !maySeeHiddenActor(user, entry.actorUserId) ? { ...entry, actorUserId: null } : entry,
    );
  }

  @ResolveField(() => [Supervision], { description: 'Supervisions of the case, oldest first. 督办记录' })
  async supervisions(@Parent() c: Case, @Context() context: GraphQLContext): Promise<Supervision[]> {
    const rows = await requestLoader<string, Supervision[]>(context, 'case-supervisions', async (ids) => {
      const byCase = await this.supervisionService.ofCases(ids);
      return ids.map((id) => byCase.get(id) ?? []);
    }).load(c.id);
    return rows ?? [];
  }

  @ResolveField(() => [CaseAction], { description: 'What you may do with the case now. 当前可执行操作' })
  availableActions(@CurrentUser() user: AuthUser, @Parent() c: Case): CaseAction[] {
    return actionsFor(user, awaitingFactsOf(c));
  }

  @ResolveField(() => Boolean, {
    description: 'Whether the case waits for your action now (it would be in Viewer.awaitingMyAction; the live casesAwaitingMyAction subscription reads it). 是否待我办理',
  })
  awaitsMyAction(@CurrentUser() user: AuthUser, @Parent() c: Case): boolean {
    return isAwaiting(user, awaitingFactsOf(c));
  }

  @ResolveField(() => [Case], { description: 'Open cases of the same grid and category nearby and around the same time. 疑似重复事项' })
  likelyDuplicates(@CurrentUser() user: AuthUser, @Parent() c: Case): Promise<Case[]> {
    return this.queries.likelyDuplicates(user, c);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: GraphQLContext): Promise<Case | null> {
    const user = authenticatedUser(context);
    return requestLoader<string, Case>(context, 'case', async (ids) => byKeys(ids, await this.queries.findVisible(user, ids), (c) => c.id)).load(
      reference.id,
    );
  }
}
