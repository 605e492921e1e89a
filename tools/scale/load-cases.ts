import type { GridPlan } from './area-plan.ts';
import { CaseWalk, stateAt, takeOver, type Step, type WalkedCase } from './case-walk.ts';
import type { LoadContext } from './context.ts';
import { databaseName, runSql, textArray, type CopySink } from './copy-sink.ts';
import { RESIDENT_DEMO } from './ids.ts';
import { apportion, randomStream, WeightedTable, type Random } from './prng.ts';
import {
  CaseAction,
  CaseSource,
  CaseStatus,
  DEMO_USER_IDS,
  HandlingLevel,
  caseClassForSeverity,
  dueAfterWorkingDays,
  formatCaseNumber,
  localDay,
  localTime,
  workingDaysFor,
  type CalendarExceptions,
} from './service-code.ts';
import { gridTeam } from './staff.ts';

/**
 * cases: three years of cases for the whole county (2 million at county scale), day by day with
 * more on weekdays and a slow rise as the platform is adopted, in every state; each one walked
 * through the service's state machine (case-walk.ts) with its history, automatic supervisions for
 * missed deadlines, duplicates merged into the case they repeat, case numbers per county and day in
 * report order, and the grids service's hazard record for every case that came from a hazard.
 * The summary counters are not written here: the service's own rebuildStats recomputes them after
 * the load (seed-scale.ts), so they equal a recount by construction.
 */

const DAY_MS = 86_400_000;
const HOUR = 3_600_000;
/** Duplicates are merged into a case reported at most this many days earlier; cases stay in memory that long. */
const MERGE_WINDOW_DAYS = 7;

const SOURCES: ReadonlyArray<readonly [number, string]> = [
  [48, CaseSource.RESIDENT],
  [30, CaseSource.GRID_PATROL],
  [10, CaseSource.HOTLINE_12345],
  [6, CaseSource.DEPARTMENT],
  [6, CaseSource.HAZARD_EVENT],
];
const CLASSES: ReadonlyArray<readonly [number, string]> = [
  [35, 'SIMPLE'],
  [35, 'ORDINARY'],
  [16, 'MAJOR'],
  [10, 'DIFFICULT'],
  [4, 'CROSS_REGION'],
];
const CATEGORIES: ReadonlyArray<readonly [number, string]> = [
  [14, 'DISPUTE'],
  [13, 'SAFETY_HAZARD'],
  [16, 'ENVIRONMENT'],
  [18, 'LIVELIHOOD_SERVICE'],
  [10, 'POLICY_QUESTION'],
  [15, 'INFRASTRUCTURE'],
  [8, 'PUBLIC_SECURITY'],
  [6, 'OTHER'],
];
const KIND_BY_CATEGORY: Record<string, string> = { SAFETY_HAZARD: 'PREVENTION', PUBLIC_SECURITY: 'PREVENTION', POLICY_QUESTION: 'REMINDER' };
const TITLES: Record<string, string[]> = {
  DISPUTE: ['邻里噪音纠纷', '楼上漏水引发矛盾', '停车位占用纠纷', '宅基地边界争议', '物业费纠纷', '装修扰民纠纷'],
  SAFETY_HAZARD: ['电动自行车楼道充电', '消防通道被占用', '燃气管道老化', '河堤渗漏', '违规搭建彩钢棚', '楼道堆放杂物'],
  ENVIRONMENT: ['垃圾清运不及时', '河道漂浮物', '油烟扰民', '绿化带杂草丛生', '建筑垃圾乱堆', '污水外溢'],
  LIVELIHOOD_SERVICE: ['独居老人助餐需求', '低保申请咨询代办', '残疾人辅具申领', '医保异地备案代办', '困难家庭临时救助', '高龄津贴申领'],
  POLICY_QUESTION: ['养老保险政策咨询', '新生儿落户政策', '老旧小区加装电梯政策', '惠民补贴申领条件', '入学积分政策', '居住证办理咨询'],
  INFRASTRUCTURE: ['路灯不亮', '道路坑洼', '窨井盖破损', '小区门禁损坏', '雨水管堵塞', '自来水水压不足'],
  PUBLIC_SECURITY: ['可疑人员出没', '夜间聚众喧哗', '电信诈骗风险提醒', '盗窃电瓶车', '出租屋人员登记', '商铺违规经营'],
  OTHER: ['流浪猫狗扰民', '快递柜设置建议', '公交站台建议', '社区活动室开放时间', '其他诉求'],
};
const HAZARDS: ReadonlyArray<readonly [string, string]> = [
  ['ELECTRIC_BIKE_CHARGING', '楼道内电动车飞线充电'],
  ['FIRE', '灭火器过期，安全通道堆放杂物'],
  ['FIRE', '消防栓无水，消防设施损坏'],
  ['GAS', '餐饮店燃气软管老化'],
  ['FLOOD', '圩堤出现渗漏，需加固'],
  ['STRUCTURAL', '老旧房屋外墙空鼓脱落'],
  ['PUBLIC_ORDER', '废弃厂房夜间有人聚集'],
  ['OTHER', '广告牌松动存在坠落风险'],
];
const SEVERITIES: ReadonlyArray<readonly [number, string]> = [
  [40, 'LOW'],
  [40, 'MEDIUM'],
  [20, 'HIGH'],
];
/** Report hours: mornings and early afternoons are busiest. */
const HOURS = new WeightedTable([1, 4, 7, 8, 7, 4, 5, 7, 7, 6, 4, 3, 2, 2, 1], [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);

/** How cases travel (四办 and 六单联办), with weights; `stuck` plans leave a case where it is, only for recent cases. */
const PLANS: ReadonlyArray<readonly [number, { steps: Step[]; stuck?: boolean; merge?: boolean }]> = [
  [40, { steps: ['VERIFY', 'RESOLVE', 'FEED_BACK', 'RATE'] }],
  [14, { steps: ['VERIFY', 'SCHEDULE', 'RESOLVE', 'FEED_BACK', 'RATE'] }],
  [13, { steps: ['VERIFY', 'UP', 'RESOLVE', 'FEED_BACK', 'RATE'] }],
  [6, { steps: ['VERIFY', 'UP', 'UP', 'RESOLVE', 'FEED_BACK', 'RATE'] }],
  [11, { steps: ['VERIFY', 'UP', 'UP', 'DISPATCH', 'ACCEPT', 'RESOLVE', 'FEED_BACK', 'RATE'] }],
  [2, { steps: ['VERIFY', 'UP', 'UP', 'DISPATCH', 'SEND_BACK', 'DISPATCH', 'ACCEPT', 'RESOLVE', 'FEED_BACK', 'RATE'] }],
  [5, { steps: ['RETURN'] }],
  [2, { steps: ['VERIFY', 'UP', 'RETURN'] }],
  [4, { steps: ['VERIFY', 'RESOLVE', 'FEED_BACK', 'RATE_REOPEN', 'RESOLVE', 'FEED_BACK', 'RATE'] }],
  [1.5, { steps: ['VERIFY', 'UP', 'UP', 'UP', 'RESOLVE', 'FEED_BACK', 'RATE'] }],
  [0.5, { steps: ['VERIFY', 'UP', 'UP', 'UP', 'DISPATCH', 'ACCEPT', 'RESOLVE', 'FEED_BACK', 'RATE'] }],
  [1, { steps: ['VERIFY', 'UP', 'UP', 'DISPATCH', 'SEND_BACK'], stuck: true }],
  [1, { steps: [], merge: true }],
];
const COMPLETE_DISPATCH = PLANS[4][1];
const STUCK_ONLY_WITHIN_DAYS = 60;

const CASE_COLUMNS = [
  'id', 'created_at', 'updated_at', 'version', 'number', 'title', 'description', 'category_code', 'service_kind', 'case_class', 'source',
  'reported_by_user_id', 'reporter_person_id', 'reporter_user_id', 'co_reporter_user_ids', 'co_reporter_person_ids', 'anonymous', 'grid_code',
  'location_longitude', 'location_latitude', 'location_address', 'attachments', 'level', 'status', 'assignee_user_id', 'assignee_department_code',
  'dispatched_from_level', 'reported_at', 'due_at', 'deadline_warned_for', 'overdue_marked_for', 'overdue', 'resolved_at', 'resolved_at_level',
  'resolved_by_user_id', 'result', 'fed_back_at', 'feedback', 'rating', 'rating_comment', 'rated_at', 'closed_at', 'reopen_count', 'return_reason',
  'hotline_order_number', 'hazard_id', 'key_place_id', 'merged_into_id', 'assignee_department_id',
];
const HISTORY_COLUMNS = ['id', 'case_id', 'action', 'actor_user_id', 'actor_roles', 'at', 'from_status', 'to_status', 'from_level', 'to_level', 'note'];
const SUPERVISION_COLUMNS = ['id', 'created_at', 'updated_at', 'version', 'case_id', 'grid_code', 'supervisor_user_id', 'automatic', 'instruction', 'reply', 'replied_by_user_id', 'replied_at'];
const HAZARD_COLUMNS = ['id', 'created_at', 'updated_at', 'version', 'grid_code', 'key_place_id', 'patrol_id', 'description', 'severity', 'category', 'reported_by', 'reported_by_name', 'reported_at'];

interface CaseFrame {
  rulesFor: (caseClass: string, categoryCode: string) => number;
  calendar: CalendarExceptions;
  departmentsByCategory: Map<string, string[]>;
}

/** The deadline rules, holidays and category → departments map as stored in the scale cases database. */
async function readFrame(context: LoadContext): Promise<CaseFrame> {
  const database = databaseName('cases');
  const [rules, days, categories] = await Promise.all([
    runSql(context.connection, database, `select area_code, coalesce(category_code, ''), case_class, working_days from deadline_rule`),
    runSql(context.connection, database, `select day::text, kind from holiday`),
    runSql(context.connection, database, `select code, array_to_string(department_codes, ',') from case_category where active`),
  ]);
  const deadlineRules = rules.map(([areaCode, categoryCode, caseClass, workingDays]) => ({ areaCode, categoryCode: categoryCode || null, caseClass, workingDays: Number(workingDays) }));
  return {
    rulesFor: (caseClass, categoryCode) => workingDaysFor(deadlineRules as never, '330402', categoryCode, caseClass as never),
    calendar: {
      holidays: new Set(days.filter(([, kind]) => kind === 'HOLIDAY').map(([day]) => day)),
      makeUpWorkdays: new Set(days.filter(([, kind]) => kind === 'MAKE_UP_WORKDAY').map(([day]) => day)),
    },
    departmentsByCategory: new Map(categories.map(([code, departments]) => [code, departments ? departments.split(',') : []])),
  };
}

/**
 * The service's dueAfterWorkingDays depends only on the local day the clock starts and the number
 * of working days, so it is computed once per (day, days) and the local day once per quarter hour.
 */
function deadlineMemo(frame: CaseFrame, timeZone: string) {
  const dayOfQuarterHour = new Map<number, string>();
  const dueOf = new Map<string, Date>();
  const dayOf = (instant: Date) => {
    const bucket = Math.floor(instant.getTime() / 900_000);
    let day = dayOfQuarterHour.get(bucket);
    if (day === undefined) {
      day = localDay(instant, timeZone);
      dayOfQuarterHour.set(bucket, day);
    }
    return day;
  };
  return {
    dayOf,
    due(start: Date, caseClass: string, categoryCode: string): Date {
      const workingDays = frame.rulesFor(caseClass, categoryCode);
      const key = `${dayOf(start)}|${workingDays}`;
      let due = dueOf.get(key);
      if (!due) {
        due = dueAfterWorkingDays(start, workingDays, frame.calendar, timeZone);
        dueOf.set(key, due);
      }
      return due;
    },
  };
}

/** Cases per day: fewer at weekends, a little more in summer, rising from 75 % to 125 % over the period. */
function casesPerDay(context: LoadContext, days: string[], weekdays: number[]): number[] {
  const weights = days.map((day, d) => {
    const growth = 0.75 + (0.5 * d) / Math.max(1, days.length - 1);
    const weekend = weekdays[d] === 0 || weekdays[d] === 6 ? 0.55 : 1;
    const dayOfYear = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${day.slice(0, 4)}-01-01T00:00:00Z`)) / DAY_MS;
    const season = 1 + 0.1 * Math.sin((2 * Math.PI * (dayOfYear - 100)) / 365);
    return growth * weekend * season;
  });
  return apportion(context.plan.size.cases, weights);
}

export async function loadCases(context: LoadContext): Promise<void> {
  const { plan, ids, timeZone } = context;
  const random = randomStream(context.seed, 'cases');
  const frame = await readFrame(context);
  const deadlines = deadlineMemo(frame, timeZone);
  const gridTable = new WeightedTable(plan.grids.map((grid) => grid.persons), plan.grids);
  const villageNames = new Map(plan.villages.map((village) => [village.code, village.name]));
  const workerNames = new Map<string, string>();
  const workerNameOf = (grid: GridPlan) => {
    let name = workerNames.get(grid.code);
    if (name === undefined) {
      name = gridTeam(context.seed, ids, grid).staff.find((member) => member.role === 'FULL_TIME')!.name;
      workerNames.set(grid.code, name);
    }
    return name;
  };

  const cases = context.sink('cases', 'case', CASE_COLUMNS, plan.size.cases);
  const history = context.sink('cases', 'case_history', HISTORY_COLUMNS, Math.round(plan.size.cases * 5.3));
  const supervisions = context.sink('cases', 'supervision', SUPERVISION_COLUMNS, Math.round(plan.size.cases * 0.1));
  const hazards = context.sink('grids', 'hazard', HAZARD_COLUMNS, Math.round(plan.size.cases * 0.06));
  const counters = context.sink('cases', 'case_number_counter', ['county_code', 'day', 'last_value'], plan.size.caseDays);
  // What the cases-grid-names consumer would have kept from each grid's grids.grid.created (load-grids.ts: version 1).
  const gridNames = context.sink('cases', 'grid_name', ['code', 'name', 'version', 'updated_at'], plan.grids.length);
  for (const grid of plan.grids) gridNames.add([grid.code, grid.name, 1, context.since]);
  const writer = new CaseWriter(cases, history, supervisions, ids);

  // The local days of the period and how many cases each gets.
  const days: string[] = [];
  const dayStarts: Date[] = [];
  const weekdays: number[] = [];
  for (let d = 0; d < plan.size.caseDays; d += 1) {
    const day = localDay(new Date(context.since.getTime() + d * DAY_MS + 12 * HOUR), timeZone);
    days.push(day);
    dayStarts.push(localTime(day, 0, 0, 0, timeZone));
    weekdays.push(new Date(`${day}T00:00:00Z`).getUTCDay());
  }
  const perDay = casesPerDay(context, days, weekdays);

  /** Recent cases per grid, for duplicates to be merged into; and all cases not yet written. */
  const recentByGrid = new Map<string, WalkedCase[]>();
  const unwritten: WalkedCase[] = [];
  let caseIndex = 0;
  const now = context.asOf;
  const walkRules = { now, ids, random, due: deadlines.due, departmentsByCategory: frame.departmentsByCategory };

  for (let d = 0; d < days.length; d += 1) {
    const day = days[d];
    const dayStart = dayStarts[d].getTime();
    const dayLength = (d + 1 < days.length ? dayStarts[d + 1].getTime() : now.getTime()) - dayStart;
    const drafts: WalkedCase[] = [];
    for (let n = 0; n < perDay[d]; n += 1) {
      const grid = gridTable.draw(random);
      const hour = HOURS.draw(random);
      // Wall-clock hours as an offset from local midnight (exact on days without a daylight-saving change).
      const offset = Math.min(((hour * 60 + random.int(0, 59)) * 60 + random.int(0, 59)) * 1000, dayLength - 1000);
      drafts.push(draftCase(context, random, grid, villageNames.get(grid.villageCode)!, new Date(dayStart + offset), day, caseIndex++, workerNameOf, hazards));
    }
    // Numbers follow report order within the county and day, as nextCaseNumber hands them out.
    drafts.sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime() || a.index - b.index);
    drafts.forEach((c, i) => (c.number = formatCaseNumber(c.gridCode.slice(0, 6), day, i + 1)));
    if (drafts.length > 0) counters.add([plan.grids[0].code.slice(0, 6), day, drafts.length]);

    for (const c of drafts) {
      c.dueAt = deadlines.due(c.reportedAt, c.caseClass, c.categoryCode);
      const walk = new CaseWalk(c, walkRules);
      let chosen = random.weighted(PLANS);
      if (chosen.stuck && now.getTime() - c.reportedAt.getTime() > STUCK_ONLY_WITHIN_DAYS * DAY_MS) chosen = COMPLETE_DISPATCH;
      if (chosen.merge) {
        const at = new Date(c.reportedAt.getTime() + (0.3 + random.next() * 4) * HOUR);
        const survivor = findSurvivor(recentByGrid.get(c.gridCode) ?? [], c, at);
        if (survivor && at.getTime() < now.getTime()) {
          walk.mergeInto(survivor, at);
          takeOver(survivor, c, at, ids.actorAt(HandlingLevel.GRID, c.gridCode, null));
        } else {
          walk.run(PLANS[0][1].steps);
        }
      } else {
        walk.run(chosen.steps);
      }
      unwritten.push(c);
      const recent = recentByGrid.get(c.gridCode);
      if (recent) recent.push(c);
      else recentByGrid.set(c.gridCode, [c]);
    }

    // Cases older than the merge window can no longer change: write them.
    const horizon = dayStart - MERGE_WINDOW_DAYS * DAY_MS;
    let written = 0;
    while (written < unwritten.length && unwritten[written].reportedAt.getTime() < horizon) writer.write(unwritten[written++]);
    if (written > 0) {
      unwritten.splice(0, written);
      for (const [gridCode, recent] of recentByGrid) {
        const keep = recent.filter((c) => c.reportedAt.getTime() >= horizon);
        if (keep.length === 0) recentByGrid.delete(gridCode);
        else recentByGrid.set(gridCode, keep);
      }
    }
    await Promise.all([cases.ready(), history.ready(), supervisions.ready(), hazards.ready()]);
  }
  for (const c of unwritten) writer.write(c);
  for (const sink of [history, supervisions, hazards, counters, gridNames]) context.reporter.expect(sink, sink.rows);
  await Promise.all([cases.end(), history.end(), supervisions.end(), hazards.end(), counters.end(), gridNames.end()]);
}

/** The latest earlier case of the grid and category, reported within the window, that can still take another case. */
function findSurvivor(recent: readonly WalkedCase[], duplicate: WalkedCase, at: Date): WalkedCase | null {
  for (let i = recent.length - 1; i >= 0; i -= 1) {
    const candidate = recent[i];
    if (candidate.categoryCode !== duplicate.categoryCode || candidate.reportedAt.getTime() >= duplicate.reportedAt.getTime()) continue;
    const { status } = stateAt(candidate, at);
    if (status !== CaseStatus.RETURNED && status !== CaseStatus.MERGED) return candidate;
  }
  return null;
}

function draftCase(
  context: LoadContext,
  random: Random,
  grid: GridPlan,
  villageName: string,
  reportedAt: Date,
  day: string,
  index: number,
  workerNameOf: (grid: GridPlan) => string,
  hazards: CopySink,
): WalkedCase {
  const { ids } = context;
  const source = random.weighted(SOURCES);
  const gridWorker = ids.actorAt(HandlingLevel.GRID, grid.code, null);
  const categoryCode = source === CaseSource.HAZARD_EVENT ? 'SAFETY_HAZARD' : random.weighted(CATEGORIES);
  let caseClass = random.weighted(CLASSES);
  let title = random.pick(TITLES[categoryCode]);
  const building = random.int(1, 40);
  let description = `${villageName}${building}幢附近：${title}，请尽快处理。`;
  let hazardId: string | null = null;
  let reporter: { personId: string | null; userId: string | null; enteredBy: string; enteredByRoles: string[]; anonymous: boolean };
  // A head of household of the grid (an adult) reports for residents, the hotline and departments.
  const resident = () => ids.person(grid.personBase + random.int(0, grid.households - 1));
  switch (source) {
    case CaseSource.RESIDENT:
      if (grid.code === RESIDENT_DEMO.gridCode && random.chance(0.1)) {
        reporter = { personId: ids.person(RESIDENT_DEMO.personIndex), userId: RESIDENT_DEMO.userId, enteredBy: RESIDENT_DEMO.userId, enteredByRoles: ['resident'], anonymous: false };
      } else {
        const anonymous = random.chance(0.04);
        reporter = { personId: anonymous ? null : resident(), userId: null, enteredBy: gridWorker.userId, enteredByRoles: gridWorker.roles, anonymous };
      }
      break;
    case CaseSource.HOTLINE_12345:
      reporter = { personId: resident(), userId: null, enteredBy: DEMO_USER_IDS.civilStaff, enteredByRoles: ['department-staff'], anonymous: false };
      break;
    case CaseSource.DEPARTMENT:
      reporter = { personId: resident(), userId: null, enteredBy: DEMO_USER_IDS.policeStaff, enteredByRoles: ['department-staff'], anonymous: false };
      break;
    case CaseSource.HAZARD_EVENT: {
      // The grid worker reported a hazard in the grids service; its event became this case.
      const [category, what] = random.pick(HAZARDS);
      const severity = random.weighted(SEVERITIES);
      hazardId = ids.hazard(index);
      caseClass = caseClassForSeverity(severity);
      title = `安全隐患：${category}`;
      description = `${villageName}${building}幢：${what}`;
      hazards.add([hazardId, reportedAt, reportedAt, 1, grid.code, null, null, description, severity, category, gridWorker.userId, workerNameOf(grid), reportedAt]);
      reporter = { personId: null, userId: null, enteredBy: gridWorker.userId, enteredByRoles: ['system'], anonymous: false };
      break;
    }
    default:
      reporter = { personId: null, userId: null, enteredBy: gridWorker.userId, enteredByRoles: gridWorker.roles, anonymous: false };
  }
  const [[west, south], [east], [, north]] = [grid.boundary.coordinates[0][0], grid.boundary.coordinates[0][1], grid.boundary.coordinates[0][2]];
  const c: WalkedCase = {
    index,
    id: ids.case(index),
    number: '',
    day,
    title,
    description,
    categoryCode,
    serviceKind: KIND_BY_CATEGORY[categoryCode] ?? 'HELP',
    caseClass,
    source,
    reportedByUserId: reporter.enteredBy,
    reporterPersonId: reporter.anonymous ? null : reporter.personId,
    reporterUserId: reporter.userId,
    coReporterUserIds: [],
    coReporterPersonIds: [],
    anonymous: reporter.anonymous,
    gridCode: grid.code,
    longitude: Math.round((west + random.next() * (east - west)) * 1e6) / 1e6,
    latitude: Math.round((south + random.next() * (north - south)) * 1e6) / 1e6,
    address: `${villageName}${building}幢`,
    level: HandlingLevel.GRID,
    status: CaseStatus.REPORTED,
    assigneeUserId: null,
    assigneeDepartmentCode: null,
    assigneeDepartmentId: null,
    dispatchedFromLevel: null,
    reportedAt,
    dueAt: reportedAt,
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
    closedAt: null,
    reopenCount: 0,
    returnReason: null,
    hotlineOrderNumber: source === CaseSource.HOTLINE_12345 ? `12345-${day.replaceAll('-', '')}-${String(index).padStart(7, '0')}` : null,
    hazardId,
    mergedIntoId: null,
    history: [
      {
        action: CaseAction.REPORT,
        actorUserId: reporter.enteredBy,
        actorRoles: reporter.enteredByRoles,
        at: reportedAt,
        fromStatus: null,
        toStatus: CaseStatus.REPORTED,
        fromLevel: null,
        toLevel: HandlingLevel.GRID,
        note: null,
      },
    ],
    supervisions: [],
  };
  return c;
}

/** Rows of a finished case: the case, its history in order, its supervisions. */
class CaseWriter {
  private readonly cases: CopySink;
  private readonly history: CopySink;
  private readonly supervisions: CopySink;
  private readonly ids: LoadContext['ids'];
  private readonly rolesText = new Map<string, string>();
  private historyCount = 0;
  private supervisionCount = 0;

  constructor(cases: CopySink, history: CopySink, supervisions: CopySink, ids: LoadContext['ids']) {
    this.cases = cases;
    this.history = history;
    this.supervisions = supervisions;
    this.ids = ids;
  }

  write(c: WalkedCase): void {
    const last = c.history[c.history.length - 1].at;
    this.cases.add([
      c.id, c.reportedAt, last, c.history.length, c.number, c.title, c.description, c.categoryCode, c.serviceKind, c.caseClass, c.source,
      c.reportedByUserId, c.reporterPersonId, c.reporterUserId, textArray(c.coReporterUserIds), textArray(c.coReporterPersonIds), c.anonymous, c.gridCode,
      c.longitude, c.latitude, c.address, '[]', c.level, c.status, c.assigneeUserId, c.assigneeDepartmentCode,
      c.dispatchedFromLevel, c.reportedAt, c.dueAt, null, c.overdueMarkedFor, c.overdue, c.resolvedAt, c.resolvedAtLevel,
      c.resolvedByUserId, c.result, c.fedBackAt, c.feedback, c.rating, c.ratingComment, c.ratedAt, c.closedAt, c.reopenCount, c.returnReason,
      c.hotlineOrderNumber, c.hazardId, null, c.mergedIntoId, c.assigneeDepartmentId,
    ]);
    for (const entry of c.history) {
      this.history.add([
        this.ids.history(this.historyCount++), c.id, entry.action, entry.actorUserId, this.roles(entry.actorRoles), entry.at,
        entry.fromStatus, entry.toStatus, entry.fromLevel, entry.toLevel, entry.note,
      ]);
    }
    for (const s of c.supervisions) {
      this.supervisions.add([
        this.ids.supervision(this.supervisionCount++), s.createdAt, s.repliedAt ?? s.createdAt, s.reply ? 2 : 1, c.id, c.gridCode,
        s.supervisorUserId, s.automatic, s.instruction, s.reply, s.repliedByUserId, s.repliedAt,
      ]);
    }
  }

  /** There are only a handful of role sets: each array literal is built once. */
  private roles(roles: string[]): string {
    const key = roles.join(',');
    let text = this.rolesText.get(key);
    if (text === undefined) {
      text = textArray(roles);
      this.rolesText.set(key, text);
    }
    return text;
  }
}
