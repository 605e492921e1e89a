import { registerEnumType } from '@nestjs/graphql';

/** The three kinds of service (三件事, DOMAIN.md §2). */
export enum ServiceKind {
  REMINDER = 'REMINDER',
  HELP = 'HELP',
  PREVENTION = 'PREVENTION',
}

/** The five classes, each with a default deadline in working days (DOMAIN.md §4). */
export enum CaseClass {
  SIMPLE = 'SIMPLE',
  ORDINARY = 'ORDINARY',
  MAJOR = 'MAJOR',
  DIFFICULT = 'DIFFICULT',
  CROSS_REGION = 'CROSS_REGION',
}

export enum CaseSource {
  RESIDENT = 'RESIDENT',
  GRID_PATROL = 'GRID_PATROL',
  HOTLINE_12345 = 'HOTLINE_12345',
  DEPARTMENT = 'DEPARTMENT',
  HAZARD_EVENT = 'HAZARD_EVENT',
}

/** Where a case is handled now. DEPARTMENT hangs off the level that dispatched it. */
export enum HandlingLevel {
  GRID = 'GRID',
  VILLAGE = 'VILLAGE',
  TOWNSHIP = 'TOWNSHIP',
  DEPARTMENT = 'DEPARTMENT',
  COUNTY = 'COUNTY',
}

export enum CaseStatus {
  REPORTED = 'REPORTED',
  VERIFIED = 'VERIFIED',
  RETURNED = 'RETURNED',
  ESCALATED = 'ESCALATED',
  DISPATCHED = 'DISPATCHED',
  SENT_BACK = 'SENT_BACK',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  FED_BACK = 'FED_BACK',
  CLOSED = 'CLOSED',
  MERGED = 'MERGED',
}

export enum Rating {
  SATISFIED = 'SATISFIED',
  BASICALLY_SATISFIED = 'BASICALLY_SATISFIED',
  UNSATISFIED = 'UNSATISFIED',
}

/** How a rating was collected (DOMAIN.md §8.2): by the reporting resident, or at a return visit (回访) by phone or in person. */
export enum RatingMethod {
  RESIDENT = 'RESIDENT',
  PHONE = 'PHONE',
  VISIT = 'VISIT',
}

/** What happened to a case; every history entry names one. */
export enum CaseAction {
  REPORT = 'REPORT',
  VERIFY = 'VERIFY',
  RETURN = 'RETURN',
  SCHEDULE = 'SCHEDULE',
  ESCALATE = 'ESCALATE',
  PLACE_ORDER = 'PLACE_ORDER',
  DISPATCH = 'DISPATCH',
  ACCEPT = 'ACCEPT',
  SEND_BACK = 'SEND_BACK',
  RESOLVE = 'RESOLVE',
  FEED_BACK = 'FEED_BACK',
  RATE = 'RATE',
  REOPEN = 'REOPEN',
  MERGE = 'MERGE',
  MARK_OVERDUE = 'MARK_OVERDUE',
  OVERDUE_ESCALATE = 'OVERDUE_ESCALATE',
  CLOSE_UNSATISFIED = 'CLOSE_UNSATISFIED',
}

/** The order of a case list. */
export enum CaseOrder {
  NEWEST_FIRST = 'NEWEST_FIRST',
  DUE_SOONEST = 'DUE_SOONEST',
}

registerEnumType(CaseOrder, {
  name: 'CaseOrder',
  description: 'Order of a case list. 排序',
  valuesMap: {
    NEWEST_FIRST: { description: 'Newest report first. 最新反映在前' },
    DUE_SOONEST: { description: 'Earliest deadline first (most overdue first); cases without a deadline last. 期限最早在前' },
  },
});

registerEnumType(ServiceKind, {
  name: 'ServiceKind',
  description: 'Kind of service a case asks for. 服务类型（三件事）',
  valuesMap: {
    REMINDER: { description: 'Reminder: tell people about policies and deadlines ("alarm clock"). 提醒类' },
    HELP: { description: 'Help: solve a daily problem ("good neighbour"). 帮助类' },
    PREVENTION: { description: 'Prevention: hazards and safety ("mine sweeper"). 防范类' },
  },
});

registerEnumType(CaseClass, {
  name: 'CaseClass',
  description: 'Class of a case; it sets the deadline. 事项分类',
  valuesMap: {
    SIMPLE: { description: 'Simple, default 1 working day. 简单事项' },
    ORDINARY: { description: 'Ordinary, default 3 working days. 一般事项' },
    MAJOR: { description: 'Major, default 7 working days. 较大事项' },
    DIFFICULT: { description: 'Difficult, default 15 working days. 疑难事项' },
    CROSS_REGION: { description: 'Across counties or cities, default 30 working days. 跨县市事项' },
  },
});

registerEnumType(CaseSource, {
  name: 'CaseSource',
  description: 'Where a case came from. 事项来源',
  valuesMap: {
    RESIDENT: { description: 'A resident (QR code, WeChat group, visit). 群众反映' },
    GRID_PATROL: { description: "Found on a grid worker's patrol. 网格巡查" },
    HOTLINE_12345: { description: 'The 12345 government hotline. 12345热线' },
    DEPARTMENT: { description: 'Handed over by a department. 部门移交' },
    HAZARD_EVENT: { description: 'A hazard reported in the grids service. 隐患上报' },
  },
});

registerEnumType(HandlingLevel, {
  name: 'HandlingLevel',
  description: 'Level that handles a case. 办理层级',
  valuesMap: {
    GRID: { description: 'The grid. 网格' },
    VILLAGE: { description: 'The village or community. 村（社区）' },
    TOWNSHIP: { description: 'The township or subdistrict. 乡镇（街道）' },
    DEPARTMENT: { description: 'A county department. 职能部门' },
    COUNTY: { description: 'The county. 县（区）' },
  },
});

registerEnumType(CaseStatus, {
  name: 'CaseStatus',
  description: 'Where a case stands in the loop. 事项状态',
  valuesMap: {
    REPORTED: { description: 'Reported, waiting for the grid to verify it. 群众点单（待核单）' },
    VERIFIED: { description: 'Verified by the grid. 网格已核单' },
    RETURNED: { description: 'Explained and returned with a reason; final. 解释退回' },
    ESCALATED: { description: 'Handed up a level, waiting for that level. 已提级上报' },
    DISPATCHED: { description: 'Dispatched to a department, waiting for it to accept. 已派单' },
    SENT_BACK: { description: 'Sent back by the department to the level that dispatched it. 部门退回' },
    IN_PROGRESS: { description: 'Being handled by a deadline. 办理中' },
    RESOLVED: { description: 'Resolved with a result. 已办结' },
    FED_BACK: { description: 'Result fed back to the resident, waiting for a rating. 已反馈' },
    CLOSED: { description: 'Rated and closed; final. 已评价关闭' },
    MERGED: { description: 'Merged into another case; final. 已合并' },
  },
});

registerEnumType(Rating, {
  name: 'Rating',
  description: "The resident's rating of the result. 群众评价",
  valuesMap: {
    SATISFIED: { description: 'Satisfied. 满意' },
    BASICALLY_SATISFIED: { description: 'Basically satisfied. 基本满意' },
    UNSATISFIED: { description: 'Unsatisfied; reopens the case unless a reviewer closes it with a reason. 不满意' },
  },
});

registerEnumType(RatingMethod, {
  name: 'RatingMethod',
  description: 'How a rating was collected. 评价方式',
  valuesMap: {
    RESIDENT: { description: 'By the resident who reported the case, with their own account. 群众本人评价' },
    PHONE: { description: 'At a return visit by phone (proxy rating). 电话回访（代评）' },
    VISIT: { description: 'At a return visit in person (proxy rating). 上门回访（代评）' },
  },
});

registerEnumType(CaseAction, {
  name: 'CaseAction',
  description: 'What happened to a case in a history entry. 操作',
  valuesMap: {
    REPORT: { description: 'Reported. 点单' },
    VERIFY: { description: 'Verified by the grid. 核单' },
    RETURN: { description: 'Explained and returned. 解释退回' },
    SCHEDULE: { description: 'Listed with a deadline. 清单限时办' },
    ESCALATE: { description: 'Escalated a level. 提级上报' },
    PLACE_ORDER: { description: 'Order placed by the village with the township. 村（社区）下单' },
    DISPATCH: { description: 'Dispatched to a department. 派单' },
    ACCEPT: { description: 'Accepted by the department. 接单' },
    SEND_BACK: { description: 'Sent back by the department. 部门退回' },
    RESOLVE: { description: 'Resolved with a result. 办结' },
    FEED_BACK: { description: 'Result fed back to the resident. 反馈' },
    RATE: { description: 'Rated by the resident. 评单' },
    REOPEN: { description: 'Reopened after an unsatisfied rating. 重办' },
    MERGE: { description: 'Merged into another case. 合并' },
    MARK_OVERDUE: { description: 'Marked overdue by the system. 超期' },
    OVERDUE_ESCALATE: { description: 'Escalated by the system because it was overdue. 超期自动提级' },
    CLOSE_UNSATISFIED: { description: 'Closed by a reviewer despite an unsatisfied rating, with a written reason. 不满意审核关闭' },
  },
});

/** Statuses that run against a deadline; the scheduler watches these. */
export const HANDLING_STATUSES: readonly CaseStatus[] = [
  CaseStatus.REPORTED,
  CaseStatus.VERIFIED,
  CaseStatus.ESCALATED,
  CaseStatus.DISPATCHED,
  CaseStatus.SENT_BACK,
  CaseStatus.IN_PROGRESS,
];

/** Statuses a case never leaves. */
export const FINAL_STATUSES: readonly CaseStatus[] = [CaseStatus.RETURNED, CaseStatus.CLOSED, CaseStatus.MERGED];

/** Not final yet: still work for someone (handling, feeding back or waiting for the rating). */
export const OPEN_STATUSES: readonly CaseStatus[] = Object.values(CaseStatus).filter((status) => !FINAL_STATUSES.includes(status));

/** A result exists (and counts in the statistics as resolved). */
export const RESOLVED_STATUSES: readonly CaseStatus[] = [CaseStatus.RESOLVED, CaseStatus.FED_BACK, CaseStatus.CLOSED];
