import { CaseAction, CaseClass, CaseSource, CaseStatus, HANDLING_STATUSES, HandlingLevel, Rating, RatingMethod, ServiceKind } from '../case/case-enums.js';
import { clockAfter, initialClock, isMissed, type ClockCalendar, type ClockFields } from '../clock/case-clock.js';
import type { ClockRule } from '../clock/clock.rules.js';
import { canTransition, planTransition, type TransitionAction } from '../case/case-state-machine.js';
import { localDay, localTime } from '../deadline/local-time.js';
import { demoResidentKey } from '@lianxin/db';
import { DEMO_USER_IDS, demoUuid, personIdFor, RESIDENT_DEMO_PERSON_KEY, seededRandom } from './demo-ids.js';

/**
 * The demo county's cases: every case is walked through the real state machine (with the
 * scheduler's overdue escalations where a deadline passed), so statuses, histories and deadlines
 * agree with what the service itself would have produced. Pure: the seed script writes the result.
 */

export const DEMO_VILLAGES: ReadonlyArray<[code: string, name: string]> = [
  ['330402001001', '禾兴社区'],
  ['330402001002', '紫阳社区'],
  ['330402001003', '南溪社区'],
  ['330402002001', '广益社区'],
  ['330402002002', '中港社区'],
  ['330402002003', '新嘉社区'],
  ['330402003001', '东进村'],
  ['330402003002', '湘城村'],
  ['330402003003', '七星村'],
];
export const DEMO_GRIDS = DEMO_VILLAGES.flatMap(([code]) => ['001', '002', '003'].map((suffix) => `${code}${suffix}`));
export const RESIDENT_DEMO_GRID = '330402001001001';

export interface DemoActor {
  userId: string;
  roles: string[];
}

export interface DemoHistoryEntry {
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

export interface DemoSupervision {
  supervisorUserId: string;
  automatic: boolean;
  instruction: string;
  createdAt: Date;
  reply: string | null;
  repliedAt: Date | null;
  repliedByUserId: string | null;
}

export interface DemoCase {
  id: string;
  number: string;
  title: string;
  description: string;
  categoryCode: string;
  serviceKind: ServiceKind;
  caseClass: CaseClass;
  source: CaseSource;
  reportedByUserId: string;
  reporterPersonId: string | null;
  reporterUserId: string | null;
  anonymous: boolean;
  gridCode: string;
  location: { longitude: number; latitude: number; address: string };
  level: HandlingLevel;
  status: CaseStatus;
  assigneeUserId: string | null;
  assigneeDepartmentCode: string | null;
  dispatchedFromLevel: HandlingLevel | null;
  reportedAt: Date;
  dueAt: Date | null;
  clockStartedAt: Date | null;
  stageStartedAt: Date | null;
  stageDueAt: Date | null;
  stageOverrunMarkedFor: Date | null;
  stageOverruns: number;
  clockRule: ClockRule;
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
  ratingMethod: RatingMethod | null;
  ratingByProxy: boolean;
  ratedByUserId: string | null;
  closedAt: Date | null;
  reopenCount: number;
  returnReason: string | null;
  hotlineOrderNumber: string | null;
  hazardId: string | null;
  version: number;
  history: DemoHistoryEntry[];
  supervisions: DemoSupervision[];
  /** §8.1: the stages its holders ran over (case_stage_overrun rows). */
  stageOverrunRecords: DemoStageOverrun[];
}

export interface DemoStageOverrun {
  level: HandlingLevel;
  departmentCode: string | null;
  holderUserId: string | null;
  stageStartedAt: Date;
  stageDueAt: Date;
  detectedAt: Date;
}

export interface DemoOptions {
  count: number;
  now: Date;
  timeZone: string;
  /** Departments that take each category (from the catalogue). */
  departmentsByCategory: ReadonlyMap<string, readonly string[]>;
  /** §8.1: the clock rule a case of this kind starts under (the county's settings and DeadlineRule), and the working calendar. */
  clockRule(caseClass: CaseClass, categoryCode: string): ClockRule;
  calendar: ClockCalendar;
  seed?: number;
  days?: number;
  /** Sequences already given out per `<county>|<day>`: demo numbers continue after them. */
  numberOffsets?: ReadonlyMap<string, number>;
}

const TITLES: Record<string, string[]> = {
  DISPUTE: ['邻里噪音纠纷', '楼上漏水引发矛盾', '停车位占用纠纷', '宅基地边界争议', '物业费纠纷'],
  SAFETY_HAZARD: ['电动自行车楼道充电', '消防通道被占用', '燃气管道老化', '河堤渗漏', '违规搭建彩钢棚'],
  ENVIRONMENT: ['垃圾清运不及时', '河道漂浮物', '油烟扰民', '绿化带杂草丛生', '建筑垃圾乱堆'],
  LIVELIHOOD_SERVICE: ['独居老人助餐需求', '低保申请咨询代办', '残疾人辅具申领', '医保异地备案代办', '困难家庭临时救助'],
  POLICY_QUESTION: ['养老保险政策咨询', '新生儿落户政策', '老旧小区加装电梯政策', '惠民补贴申领条件', '入学积分政策'],
  INFRASTRUCTURE: ['路灯不亮', '道路坑洼', '窨井盖破损', '小区门禁损坏', '雨水管堵塞'],
  PUBLIC_SECURITY: ['可疑人员出没', '夜间聚众喧哗', '电信诈骗风险提醒', '盗窃电瓶车', '出租屋人员登记'],
  OTHER: ['流浪猫狗扰民', '快递柜设置建议', '公交站台建议', '社区活动室开放时间', '其他诉求'],
};

const KIND_BY_CATEGORY: Record<string, ServiceKind> = {
  SAFETY_HAZARD: ServiceKind.PREVENTION,
  PUBLIC_SECURITY: ServiceKind.PREVENTION,
  POLICY_QUESTION: ServiceKind.REMINDER,
};

type Plan = Array<'VERIFY' | 'RESOLVE' | 'SCHEDULE' | 'UP' | 'DISPATCH' | 'ACCEPT' | 'SEND_BACK' | 'FEED_BACK' | 'RATE' | 'RATE_REOPEN' | 'RETURN'>;

/** How cases travel (四办 and 六单联办), with weights. */
const PLANS: ReadonlyArray<[weight: number, plan: Plan]> = [
  [40, ['VERIFY', 'RESOLVE', 'FEED_BACK', 'RATE']],
  [14, ['VERIFY', 'SCHEDULE', 'RESOLVE', 'FEED_BACK', 'RATE']],
  [13, ['VERIFY', 'UP', 'RESOLVE', 'FEED_BACK', 'RATE']],
  [6, ['VERIFY', 'UP', 'UP', 'RESOLVE', 'FEED_BACK', 'RATE']],
  [11, ['VERIFY', 'UP', 'UP', 'DISPATCH', 'ACCEPT', 'RESOLVE', 'FEED_BACK', 'RATE']],
  [3, ['VERIFY', 'UP', 'UP', 'DISPATCH', 'SEND_BACK', 'DISPATCH', 'ACCEPT', 'RESOLVE', 'FEED_BACK', 'RATE']],
  [5, ['RETURN']],
  [2, ['VERIFY', 'UP', 'RETURN']],
  [4, ['VERIFY', 'RESOLVE', 'FEED_BACK', 'RATE_REOPEN', 'RESOLVE', 'FEED_BACK', 'RATE']],
  [2, ['VERIFY', 'UP', 'UP', 'UP', 'RESOLVE', 'FEED_BACK', 'RATE']],
  // Still with the township after the department declined it.
  [2, ['VERIFY', 'UP', 'UP', 'DISPATCH', 'SEND_BACK']],
];

const CLASS_WEIGHTS: ReadonlyArray<[number, CaseClass]> = [
  [35, CaseClass.SIMPLE],
  [35, CaseClass.ORDINARY],
  [16, CaseClass.MAJOR],
  [10, CaseClass.DIFFICULT],
  [4, CaseClass.CROSS_REGION],
];
const SOURCE_WEIGHTS: ReadonlyArray<[number, CaseSource]> = [
  [48, CaseSource.RESIDENT],
  [30, CaseSource.GRID_PATROL],
  [10, CaseSource.HOTLINE_12345],
  [6, CaseSource.DEPARTMENT],
  [6, CaseSource.HAZARD_EVENT],
];
const CATEGORY_WEIGHTS: ReadonlyArray<[number, string]> = [
  [14, 'DISPUTE'],
  [14, 'SAFETY_HAZARD'],
  [16, 'ENVIRONMENT'],
  [18, 'LIVELIHOOD_SERVICE'],
  [10, 'POLICY_QUESTION'],
  [14, 'INFRASTRUCTURE'],
  [8, 'PUBLIC_SECURITY'],
  [6, 'OTHER'],
];
/** Typical hours between steps per class; some steps take five times as long and miss deadlines. */
const STEP_HOURS: Record<CaseClass, number> = {
  [CaseClass.SIMPLE]: 5,
  [CaseClass.ORDINARY]: 14,
  [CaseClass.MAJOR]: 26,
  [CaseClass.DIFFICULT]: 50,
  [CaseClass.CROSS_REGION]: 90,
};

const HOUR = 3_600_000;

/** Who acts at each level of a grid: demo accounts where the realm has them, stable made-up ids elsewhere. */
export function demoActorAt(level: HandlingLevel, gridCode: string, departmentCode: string | null): DemoActor {
  const village = gridCode.slice(0, 12);
  const township = gridCode.slice(0, 9);
  switch (level) {
    case HandlingLevel.GRID: {
      const known: Record<string, string> = { '330402001001001': DEMO_USER_IDS.gridWorker, '330402001002001': DEMO_USER_IDS.gridWorker2 };
      return { userId: known[gridCode] ?? demoUuid('user', `grid-worker:${gridCode}`), roles: ['grid-worker'] };
    }
    case HandlingLevel.VILLAGE: {
      const known: Record<string, string> = { '330402001001': DEMO_USER_IDS.villageAdmin, '330402001002': DEMO_USER_IDS.village2Admin };
      return { userId: known[village] ?? demoUuid('user', `village-admin:${village}`), roles: ['village-admin'] };
    }
    case HandlingLevel.TOWNSHIP: {
      const known: Record<string, string> = {
        '330402001': DEMO_USER_IDS.jiansheAdmin,
        '330402002': DEMO_USER_IDS.xinjiaAdmin,
        '330402003': DEMO_USER_IDS.qixingAdmin,
      };
      return { userId: known[township] ?? demoUuid('user', `township-admin:${township}`), roles: ['township-admin'] };
    }
    case HandlingLevel.DEPARTMENT: {
      const known: Record<string, string> = { CIVIL_AFFAIRS: DEMO_USER_IDS.civilStaff, PUBLIC_SECURITY: DEMO_USER_IDS.policeStaff };
      return { userId: known[departmentCode ?? ''] ?? demoUuid('user', `department-staff:${departmentCode}`), roles: ['department-staff'] };
    }
    case HandlingLevel.COUNTY:
      return { userId: DEMO_USER_IDS.countyAdmin, roles: ['county-admin'] };
  }
}

const SYSTEM: DemoActor = { userId: 'system', roles: ['system'] };

export function generateDemoCases(options: DemoOptions): DemoCase[] {
  const random = seededRandom(options.seed ?? 20_261_123);
  const pick = <T>(weights: ReadonlyArray<[number, T]>): T => {
    const total = weights.reduce((sum, [weight]) => sum + weight, 0);
    let roll = random() * total;
    for (const [weight, value] of weights) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return weights[weights.length - 1][1];
  };
  const days = options.days ?? 182;
  const today = localDay(options.now, options.timeZone);
  const cases: DemoCase[] = [];

  for (let n = 0; n < options.count; n += 1) {
    // Every 40th case is resident.demo's own, in their grid.
    const isResidentDemo = n % 40 === 0;
    const gridCode = isResidentDemo ? RESIDENT_DEMO_GRID : DEMO_GRIDS[Math.floor(random() * DEMO_GRIDS.length)];
    const source = isResidentDemo ? CaseSource.RESIDENT : pick(SOURCE_WEIGHTS);
    const categoryCode = source === CaseSource.HAZARD_EVENT ? 'SAFETY_HAZARD' : pick(CATEGORY_WEIGHTS);
    const caseClass = pick(CLASS_WEIGHTS);
    // A fifth of the cases are from the last two weeks, so the demo has work in hand at every level.
    const ageDays = Math.floor(random() * (random() < 0.2 ? 14 : days));
    const day = new Date(Date.parse(`${today}T00:00:00Z`) - ageDays * 86_400_000).toISOString().slice(0, 10);
    let reportedAt = localTime(day, 8 + Math.floor(random() * 12), Math.floor(random() * 60), 0, options.timeZone);
    if (reportedAt.getTime() > options.now.getTime()) reportedAt = new Date(options.now.getTime() - Math.floor(random() * 4 * HOUR) - 60_000);
    const villageName = DEMO_VILLAGES.find(([code]) => gridCode.startsWith(code))?.[1] ?? '';
    const titles = TITLES[categoryCode] ?? TITLES.OTHER;
    const title = titles[Math.floor(random() * titles.length)];
    const gridWorker = demoActorAt(HandlingLevel.GRID, gridCode, null);
    const reporter = reporterOf(n, gridCode, source, isResidentDemo, gridWorker, random);

    const c: DemoCase = {
      id: demoUuid('case', String(n)),
      number: '',
      title,
      description: `${villageName}${1 + (n % 28)}幢附近：${title}，请尽快处理。`,
      categoryCode,
      serviceKind: KIND_BY_CATEGORY[categoryCode] ?? ServiceKind.HELP,
      caseClass,
      source,
      reportedByUserId: reporter.enteredBy,
      reporterPersonId: reporter.anonymous ? null : reporter.personId,
      reporterUserId: reporter.userId,
      anonymous: reporter.anonymous,
      gridCode,
      location: {
        longitude: Math.round((120.72 + random() * 0.08) * 1e6) / 1e6,
        latitude: Math.round((30.72 + random() * 0.06) * 1e6) / 1e6,
        address: `${villageName}${1 + (n % 28)}幢`,
      },
      level: HandlingLevel.GRID,
      status: CaseStatus.REPORTED,
      assigneeUserId: null,
      assigneeDepartmentCode: null,
      dispatchedFromLevel: null,
      reportedAt,
      dueAt: null,
      clockStartedAt: null,
      stageStartedAt: null,
      stageDueAt: null,
      stageOverrunMarkedFor: null,
      stageOverruns: 0,
      clockRule: options.clockRule(caseClass, categoryCode),
      overdueMarkedFor: null,
      overdue: false,
      resolvedAt: null,
      resolvedAtLevel: null,
      resolvedByUserId: null,
      result: null,
      fedBackAt: null,
      feedback: null,
      rating: null,
      ratingComment: null,
      ratedAt: null,
      ratingMethod: null,
      ratingByProxy: false,
      ratedByUserId: null,
      closedAt: null,
      reopenCount: 0,
      returnReason: null,
      hotlineOrderNumber: source === CaseSource.HOTLINE_12345 ? `12345-${day.replaceAll('-', '')}-${String(n).padStart(5, '0')}` : null,
      hazardId: source === CaseSource.HAZARD_EVENT ? demoUuid('hazard', String(n)) : null,
      version: 1,
      history: [],
      supervisions: [],
      stageOverrunRecords: [],
    };
    c.history.push({
      action: CaseAction.REPORT,
      actorUserId: reporter.enteredBy,
      actorRoles: reporter.enteredByRoles,
      at: reportedAt,
      fromStatus: null,
      toStatus: CaseStatus.REPORTED,
      fromLevel: null,
      toLevel: HandlingLevel.GRID,
      note: null,
    });
    new CaseWalk(c, options, random).run(pick(PLANS));
    cases.push(c);
  }
  assignNumbers(cases, options.timeZone, options.numberOffsets ?? new Map());
  return cases;
}

/** Reporters are residents of the case's grid (people's demo population), so the references resolve for the grid's admins too. */
function reporterOf(n: number, gridCode: string, source: CaseSource, isResidentDemo: boolean, gridWorker: DemoActor, random: () => number) {
  if (isResidentDemo) {
    return { personId: personIdFor(RESIDENT_DEMO_PERSON_KEY), userId: DEMO_USER_IDS.residentDemo, enteredBy: DEMO_USER_IDS.residentDemo, enteredByRoles: ['resident'], anonymous: false };
  }
  const resident = personIdFor(demoResidentKey(gridCode, n));
  switch (source) {
    case CaseSource.RESIDENT:
      // Reported to the grid worker on a visit, in the WeChat group or by the QR code.
      return { personId: resident, userId: null, enteredBy: gridWorker.userId, enteredByRoles: gridWorker.roles, anonymous: random() < 0.04 };
    case CaseSource.HOTLINE_12345:
      return { personId: resident, userId: null, enteredBy: DEMO_USER_IDS.civilStaff, enteredByRoles: ['department-staff'], anonymous: false };
    case CaseSource.DEPARTMENT:
      return { personId: resident, userId: null, enteredBy: DEMO_USER_IDS.policeStaff, enteredByRoles: ['department-staff'], anonymous: false };
    default:
      return { personId: null, userId: null, enteredBy: gridWorker.userId, enteredByRoles: gridWorker.roles, anonymous: false };
  }
}

/** Sequences per county and local day, in report order. */
function assignNumbers(cases: DemoCase[], timeZone: string, offsets: ReadonlyMap<string, number>): void {
  const sequences = new Map<string, number>(offsets);
  for (const c of [...cases].sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime() || a.id.localeCompare(b.id))) {
    const day = localDay(c.reportedAt, timeZone);
    const key = `${c.gridCode.slice(0, 6)}|${day}`;
    const next = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, next);
    c.number = `${c.gridCode.slice(0, 6)}-${day.replaceAll('-', '')}-${String(next).padStart(4, '0')}`;
  }
}

/** Steps that make their actor a handler of the case (rating.policy.ts HANDLING_ACTIONS). */
const HANDLED_BY: ReadonlySet<CaseAction> = new Set([
  CaseAction.VERIFY, CaseAction.RETURN, CaseAction.SCHEDULE, CaseAction.ESCALATE, CaseAction.PLACE_ORDER, CaseAction.DISPATCH,
  CaseAction.ACCEPT, CaseAction.SEND_BACK, CaseAction.RESOLVE, CaseAction.FEED_BACK,
]);

/** Walks one case through its plan in time, letting deadlines pass as the scheduler would. */
class CaseWalk {
  private clock: Date;
  private clocks: ClockFields;

  constructor(
    private readonly c: DemoCase,
    private readonly options: DemoOptions,
    private readonly random: () => number,
  ) {
    this.clock = c.reportedAt;
    this.clocks = initialClock();
    this.advanceClocks(CaseAction.REPORT, c.reportedAt);
  }

  /** §8.1: the case's clocks after a step (case-clock.ts), as the service's ClockService sets them. */
  private advanceClocks(action: CaseAction, at: Date): void {
    const c = this.c;
    this.clocks = clockAfter({ ...this.clocks, stageLevel: c.level }, { action, at, toLevel: c.level }, c.clockRule, this.options.calendar);
    c.clockStartedAt = this.clocks.clockStartedAt;
    c.dueAt = this.clocks.dueAt;
    c.stageStartedAt = this.clocks.stageStartedAt;
    c.stageDueAt = this.clocks.stageDueAt;
    c.reopenCount = this.clocks.reopenCount;
  }

  run(plan: Plan): void {
    for (const step of plan) {
      const slow = this.random() < 0.08 ? 5 : 1;
      const at = new Date(this.clock.getTime() + (0.3 + this.random() * STEP_HOURS[this.c.caseClass]) * HOUR * slow);
      if (at.getTime() > this.options.now.getTime()) break;
      this.catchUp(at);
      this.clock = at;
      this.take(step, at);
    }
    this.catchUp(this.options.now);
  }

  /** What the scheduler does for each clock missed before `until` (CaseWorkflowService.handleOverdue). */
  private catchUp(until: Date): void {
    for (;;) {
      const c = this.c;
      if (!HANDLING_STATUSES.includes(c.status)) return;
      const caseMissed = isMissed(c.dueAt, c.overdueMarkedFor, until);
      const stageMissed = isMissed(c.stageDueAt, c.stageOverrunMarkedFor, until);
      if (!caseMissed && !stageMissed) return;
      const missedAt = new Date(Math.min(...[caseMissed ? c.dueAt!.getTime() : Infinity, stageMissed ? c.stageDueAt!.getTime() : Infinity]));
      if (stageMissed) {
        c.stageOverrunRecords.push({
          level: c.level,
          departmentCode: c.assigneeDepartmentCode,
          holderUserId: c.assigneeUserId,
          stageStartedAt: c.stageStartedAt ?? c.reportedAt,
          stageDueAt: c.stageDueAt!,
          detectedAt: c.stageDueAt!,
        });
        c.stageOverruns += 1;
        c.stageOverrunMarkedFor = c.stageDueAt;
      }
      if (caseMissed) {
        c.overdue = true;
        c.overdueMarkedFor = c.dueAt;
      }
      const note = caseMissed ? `case clock ${c.dueAt!.toISOString()} missed` : `stage limit ${c.stageDueAt!.toISOString()} of ${c.level} missed`;
      if (c.level === HandlingLevel.COUNTY) {
        if (caseMissed) this.record(CaseAction.MARK_OVERDUE, SYSTEM, missedAt, { status: c.status, level: c.level }, note);
        else continue;
      } else {
        const from = { status: c.status, level: c.level };
        const outcome = planTransition(c, CaseAction.OVERDUE_ESCALATE);
        if (from.level === HandlingLevel.DEPARTMENT) c.assigneeDepartmentCode = null;
        c.status = outcome.status;
        c.level = outcome.level;
        c.assigneeUserId = null;
        this.record(CaseAction.OVERDUE_ESCALATE, SYSTEM, missedAt, from, note);
      }
      const replied = this.random() < 0.7 && missedAt.getTime() + 4 * HOUR < this.options.now.getTime();
      const handler = demoActorAt(this.c.level, this.c.gridCode, this.c.assigneeDepartmentCode);
      this.c.supervisions.push({
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

  private take(step: Plan[number], at: Date): void {
    const c = this.c;
    const actor = demoActorAt(c.level, c.gridCode, c.assigneeDepartmentCode);
    const action = this.actionFor(step);
    if (!action || !canTransition(c, action)) return;
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
        note = '经核实不属于受理范围，已当面解释说明';
        c.returnReason = note;
        c.closedAt = at;
        break;
      case CaseAction.SCHEDULE:
        c.assigneeUserId = actor.userId;
        note = '列入清单限时办理';
        break;
      case CaseAction.ESCALATE:
      case CaseAction.PLACE_ORDER:
        note = outcome.action === CaseAction.ESCALATE ? '超出本级处置能力，提级上报' : '社区下单，请街道协调';
        this.handOver(at);
        break;
      case CaseAction.DISPATCH: {
        const takers = this.options.departmentsByCategory.get(c.categoryCode) ?? [];
        const department = takers.find((code) => code !== c.assigneeDepartmentCode) ?? takers[0] ?? 'CIVIL_AFFAIRS';
        c.dispatchedFromLevel = from.level;
        c.assigneeDepartmentCode = department;
        note = `to ${department}`;
        this.handOver(at);
        break;
      }
      case CaseAction.ACCEPT:
        by = demoActorAt(HandlingLevel.DEPARTMENT, c.gridCode, c.assigneeDepartmentCode);
        c.assigneeUserId = by.userId;
        break;
      case CaseAction.SEND_BACK:
        by = demoActorAt(HandlingLevel.DEPARTMENT, c.gridCode, c.assigneeDepartmentCode);
        note = '不属于本部门职责，退回重新派单';
        this.handOver(at);
        break;
      case CaseAction.RESOLVE:
        by = demoActorAt(from.level, c.gridCode, c.assigneeDepartmentCode);
        c.resolvedAt = at;
        c.resolvedAtLevel = from.level;
        c.resolvedByUserId = by.userId;
        c.result = '已现场处置完毕，问题解决';
        note = c.result;
        break;
      case CaseAction.FEED_BACK:
        by = demoActorAt(HandlingLevel.GRID, c.gridCode, null);
        c.fedBackAt = at;
        c.feedback = '已上门向群众反馈办理结果';
        note = c.feedback;
        break;
      case CaseAction.RATE:
      case CaseAction.REOPEN:
        // §8.2: the reporting resident rates; otherwise a return visit by the village (who did not handle it): a proxy rating.
        by = c.reporterUserId ? { userId: c.reporterUserId, roles: ['resident'] } : this.returnVisitor();
        c.rating = rating ?? Rating.SATISFIED;
        c.ratedAt = at;
        c.ratingMethod = c.reporterUserId ? RatingMethod.RESIDENT : this.random() < 0.6 ? RatingMethod.PHONE : RatingMethod.VISIT;
        c.ratingByProxy = !c.reporterUserId;
        c.ratedByUserId = by.userId;
        note = `${c.rating}${c.reporterUserId ? '' : ` (return visit, ${c.ratingMethod})`}`;
        if (outcome.action === CaseAction.REOPEN) {
          c.assigneeUserId = c.resolvedByUserId;
          c.resolvedAt = null;
          c.resolvedAtLevel = null;
          c.resolvedByUserId = null;
          c.result = null;
          c.fedBackAt = null;
          c.feedback = null;
        } else {
          c.closedAt = at;
        }
        break;
      default:
        break;
    }
    this.record(outcome.action, by, at, from, note);
  }

  /** §8.2: a return visit is made by the grid leader (who handles no demo case), else the first of village, township, county staff who did not. */
  private returnVisitor(): DemoActor {
    const handlers = new Set(this.c.history.filter((entry) => HANDLED_BY.has(entry.action)).map((entry) => entry.actorUserId));
    const gridLeader = this.c.gridCode === '330402001001001' ? DEMO_USER_IDS.gridLeader : demoUuid('user', `grid-leader:${this.c.gridCode}`);
    const candidates = [
      { userId: gridLeader, roles: ['grid-leader'] },
      ...[HandlingLevel.VILLAGE, HandlingLevel.TOWNSHIP, HandlingLevel.COUNTY].map((level) => demoActorAt(level, this.c.gridCode, null)),
    ];
    return candidates.find((actor) => !handlers.has(actor.userId)) ?? candidates.at(-1)!;
  }

  private actionFor(step: Plan[number]): TransitionAction | null {
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
    const roll = this.random();
    return roll < 0.74 ? Rating.SATISFIED : roll < 0.93 ? Rating.BASICALLY_SATISFIED : Rating.UNSATISFIED;
  }

  private handOver(_at: Date): void {
    this.c.assigneeUserId = null;
  }

  private record(action: CaseAction, actor: DemoActor, at: Date, from: { status: CaseStatus; level: HandlingLevel }, note: string | null): void {
    this.c.history.push({
      action,
      actorUserId: actor.userId,
      actorRoles: actor.roles,
      at,
      fromStatus: from.status,
      toStatus: this.c.status,
      fromLevel: from.level,
      toLevel: this.c.level,
      note,
    });
    this.c.version += 1;
    this.advanceClocks(action, at);
  }
}
