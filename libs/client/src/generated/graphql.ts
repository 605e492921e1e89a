/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The department accepts a dispatched case (部门接单). 接单 */
export type AcceptCaseInput = {
  /** The case. 事项 */
  caseId: string;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** Note. 说明 */
  note?: string | null | undefined;
};

/** Filter for areas in your scope. 区划筛选 */
export type AreaFilter = {
  /** Only this level. 层级 */
  level?: AreaLevel | null | undefined;
  /** Name contains this text. 名称包含 */
  nameContains?: string | null | undefined;
};

/** Administrative level, with the code length. 行政层级 */
export type AreaLevel =
  /** City or prefecture, 4 digits. 市/州 */
  | 'CITY'
  /** County or district, 6 digits. 县/区 */
  | 'COUNTY'
  /** Province, 2 digits. 省 */
  | 'PROVINCE'
  /** Township or subdistrict, 9 digits. 乡镇/街道 */
  | 'TOWNSHIP'
  /** Village or community, 12 digits. 村/社区 */
  | 'VILLAGE';

/** Files (finished uploads of yours) to attach to an owner. 关联附件 */
export type AttachMediaInput = {
  /** Its id (a check-in: "<activityId>:<volunteerId>"). 所属对象编号 */
  ownerId: string | number;
  /** What to attach to. 所属对象类型 */
  ownerType: MediaOwnerType;
  /** Why (default REPORT). 用途 */
  purpose?: AttachmentPurpose | null | undefined;
  /** Upload ids (1–20), your own finished uploads. 上传编号 */
  uploadIds: Array<string | number>;
};

/** Why a file is attached. 附件用途 */
export type AttachmentPurpose =
  /** Anything else. 其他 */
  | 'OTHER'
  /** Taken when reporting or recording. 上报/记录时的照片 */
  | 'REPORT'
  /** Shows the result. 办结/完成照片 */
  | 'RESOLUTION';

/** Whether an attachment is visible to its owner's readers. 附件状态 */
export type AttachmentState =
  /** Attached. 已关联 */
  | 'ATTACHED'
  /** Waiting until media hears of the owner (offline report); only the attacher sees it. 等待关联对象 */
  | 'PENDING_OWNER'
  /** The attacher turned out not to be allowed to attach to the owner. 已拒绝 */
  | 'REFUSED';

/** What was done with protected personal data. 操作类型 */
export type AuditAction =
  /** Linked a login to a person after checking the ID number. 关联账号 */
  | 'ACCOUNT_LINK'
  /** Removed the link between a login and a person. 解除账号关联 */
  | 'ACCOUNT_UNLINK'
  /** Exported a ledger with the exporter's masking (filter and row count kept). 导出台账（脱敏，记录筛选条件和行数） */
  | 'EXPORT'
  /** A registration or import named an ID number already registered. 登记/导入的身份证号已存在 */
  | 'ID_NUMBER_MATCH'
  /** Re-sealed ID and phone numbers with the current personal-data key, or checked which are not yet (rotate-data-key; counts in filter). 个人信息密钥轮换（重新加密身份证号和手机号，或检查尚未轮换的记录；计数见筛选条件） */
  | 'KEY_ROTATION'
  /** Issued a one-time link code for a person. 发放关联码 */
  | 'LINK_CODE_ISSUE'
  /** Redeemed (or tried) a one-time link code. 使用关联码 */
  | 'LINK_CODE_REDEEM'
  /** Looked a person up by ID number (with the purpose, if given). 按身份证号查询 */
  | 'LOOKUP_BY_ID_NUMBER'
  /** Asked for the clear value. 查看明文 */
  | 'REVEAL'
  /** Listed persons filtered by a sensitive tag (filter and row count kept). 按敏感标签筛选人员 */
  | 'SENSITIVE_TAG_LIST'
  /** Read population counts grouped by sensitive tags. 按敏感标签统计人口 */
  | 'SENSITIVE_TAG_STATISTICS';

/** The four kinds of care (四个一). 关爱类型 */
export type CareKind =
  /** A birthday visit (yearly). 每年一次生日探望 */
  | 'BIRTHDAY'
  /** Housework done for the household (monthly). 每月一次家务 */
  | 'HOUSEWORK'
  /** One problem solved (quarterly). 每季度解决一个问题 */
  | 'PROBLEM_SOLVED'
  /** A home visit (weekly by default). 每周一次走访 */
  | 'VISIT';

/** What happened to a case in a history entry. 操作 */
export type CaseAction =
  /** Accepted by the department. 接单 */
  | 'ACCEPT'
  /** Closed by a reviewer despite an unsatisfied rating, with a written reason. 不满意审核关闭 */
  | 'CLOSE_UNSATISFIED'
  /** Dispatched to a department. 派单 */
  | 'DISPATCH'
  /** Escalated a level. 提级上报 */
  | 'ESCALATE'
  /** Result fed back to the resident. 反馈 */
  | 'FEED_BACK'
  /** Marked overdue by the system. 超期 */
  | 'MARK_OVERDUE'
  /** Merged into another case. 合并 */
  | 'MERGE'
  /** Escalated by the system because it was overdue. 超期自动提级 */
  | 'OVERDUE_ESCALATE'
  /** Order placed by the village with the township. 村（社区）下单 */
  | 'PLACE_ORDER'
  /** Rated by the resident. 评单 */
  | 'RATE'
  /** Reopened after an unsatisfied rating. 重办 */
  | 'REOPEN'
  /** Reported. 点单 */
  | 'REPORT'
  /** Resolved with a result. 办结 */
  | 'RESOLVE'
  /** Explained and returned. 解释退回 */
  | 'RETURN'
  /** Listed with a deadline. 清单限时办 */
  | 'SCHEDULE'
  /** Sent back by the department. 部门退回 */
  | 'SEND_BACK'
  /** Verified by the grid. 核单 */
  | 'VERIFY';

/** A file already uploaded to object storage. 附件 */
export type CaseAttachmentInput = {
  /** MIME type, e.g. image/jpeg. 文件类型 */
  mimeType: string;
  /** File name. 文件名 */
  name: string;
  /** Size in bytes (at most 100 MB). 大小（字节） */
  size: number;
  /** http(s) address of the file. 地址 */
  url: string;
};

/** Class of a case; it sets the deadline. 事项分类 */
export type CaseClass =
  /** Across counties or cities, default 30 working days. 跨县市事项 */
  | 'CROSS_REGION'
  /** Difficult, default 15 working days. 疑难事项 */
  | 'DIFFICULT'
  /** Major, default 7 working days. 较大事项 */
  | 'MAJOR'
  /** Ordinary, default 3 working days. 一般事项 */
  | 'ORDINARY'
  /** Simple, default 1 working day. 简单事项 */
  | 'SIMPLE';

/** Filter for cases you may see. 事项筛选 */
export type CaseFilter = {
  /** Only under this area code (narrows your own scope). 区域代码前缀 */
  areaCode?: string | null | undefined;
  /** Only this class. 分类 */
  caseClass?: CaseClass | null | undefined;
  /** Only this category. 类别 */
  categoryCode?: string | null | undefined;
  /** Only cases handled at this level. 办理层级 */
  level?: HandlingLevel | null | undefined;
  /** Only cases that missed a deadline. 仅超期 */
  overdue?: boolean | null | undefined;
  /** Only this source. 来源 */
  source?: CaseSource | null | undefined;
  /** Only these statuses. 状态 */
  statuses?: Array<CaseStatus> | null | undefined;
};

/** Where a case is. 事项位置 */
export type CaseLocationInput = {
  /** Address. 地址 */
  address?: string | null | undefined;
  /** Latitude (WGS 84), with longitude. 纬度 */
  latitude?: number | null | undefined;
  /** Longitude (WGS 84), with latitude. 经度 */
  longitude?: number | null | undefined;
};

/** Where a case came from. 事项来源 */
export type CaseSource =
  /** Handed over by a department. 部门移交 */
  | 'DEPARTMENT'
  /** Found on a grid worker's patrol. 网格巡查 */
  | 'GRID_PATROL'
  /** A hazard reported in the grids service. 隐患上报 */
  | 'HAZARD_EVENT'
  /** The 12345 government hotline. 12345热线 */
  | 'HOTLINE_12345'
  /** A resident (QR code, WeChat group, visit). 群众反映 */
  | 'RESIDENT';

/** Days of report, both included, in the local time zone. 统计期间（按反映日期） */
export type CaseStatsPeriod = {
  /** First day (YYYY-MM-DD). 起始日期 */
  from: string;
  /** Last day (YYYY-MM-DD). 截止日期 */
  to: string;
};

/** Where a case stands in the loop. 事项状态 */
export type CaseStatus =
  /** Rated and closed; final. 已评价关闭 */
  | 'CLOSED'
  /** Dispatched to a department, waiting for it to accept. 已派单 */
  | 'DISPATCHED'
  /** Handed up a level, waiting for that level. 已提级上报 */
  | 'ESCALATED'
  /** Result fed back to the resident, waiting for a rating. 已反馈 */
  | 'FED_BACK'
  /** Being handled by a deadline. 办理中 */
  | 'IN_PROGRESS'
  /** Merged into another case; final. 已合并 */
  | 'MERGED'
  /** Reported, waiting for the grid to verify it. 群众点单（待核单） */
  | 'REPORTED'
  /** Resolved with a result. 已办结 */
  | 'RESOLVED'
  /** Explained and returned with a reason; final. 解释退回 */
  | 'RETURNED'
  /** Sent back by the department to the level that dispatched it. 部门退回 */
  | 'SENT_BACK'
  /** Verified by the grid. 网格已核单 */
  | 'VERIFIED';

/** Take an open order of your village (党员接单). 接单 */
export type ClaimOrderInput = {
  /** Order id. 服务单ID */
  orderId: string | number;
};

/** Close a case reopened by an unsatisfied rating without reworking it, with a written reason (village level or higher, not a handler). 不满意审核关闭 */
export type CloseUnsatisfiedCaseInput = {
  /** The case. 事项 */
  caseId: string;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** The written reason; kept on the case and in its history. 理由 */
  reason: string;
};

/** Dispatch a case to a department (乡镇(街道)派单). 派单 */
export type DispatchCaseInput = {
  /** The case. 事项 */
  caseId: string;
  /** Department code, e.g. CIVIL_AFFAIRS. 部门代码 */
  departmentCode: string;
  /** Id of the same department in the organizations subgraph, to link Case.department. 部门编号 */
  departmentId?: string | null | undefined;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** Note for the department. 说明 */
  note?: string | null | undefined;
  /** Needed when the department does not take the case's category. 越类派单理由 */
  overrideReason?: string | null | undefined;
};

/** Escalate a case one level (提级上报办). 提级上报 */
export type EscalateCaseInput = {
  /** The case. 事项 */
  caseId: string;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** Why it needs the level above. 上报理由 */
  reason: string;
};

/** Feed the result back to the resident. 反馈 */
export type FeedBackCaseInput = {
  /** The case. 事项 */
  caseId: string;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** What the resident was told. 反馈说明 */
  feedback: string;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
};

/** Role of a person on a grid team ("1+1+3+N"). 网格力量角色 */
export type GridStaffRole =
  /** Data clerk. 数据员 */
  | 'DATA_CLERK'
  /** Full-time grid worker. 专职网格员 */
  | 'FULL_TIME'
  /** Grid leader, usually a village committee member. 网格长 */
  | 'LEADER'
  /** Liaison of a micro-grid. 微网格联络员 */
  | 'LIAISON'
  /** Part-time grid worker, e.g. a party member or delivery rider. 兼职网格员 */
  | 'PART_TIME'
  /** Helper or volunteer (the "N"). 网格志愿者 */
  | 'VOLUNTEER';

/** Level that handles a case. 办理层级 */
export type HandlingLevel =
  /** The county. 县（区） */
  | 'COUNTY'
  /** A county department. 职能部门 */
  | 'DEPARTMENT'
  /** The grid. 网格 */
  | 'GRID'
  /** The township or subdistrict. 乡镇（街道） */
  | 'TOWNSHIP'
  /** The village or community. 村（社区） */
  | 'VILLAGE';

/** Kind of safety hazard. 隐患类别 */
export type HazardCategory =
  /** Electric bikes charged indoors or on stairs. 电动自行车违规充电 */
  | 'ELECTRIC_BIKE_CHARGING'
  /** Fire risk, e.g. blocked exits, missing extinguishers. 消防隐患 */
  | 'FIRE'
  /** Flood risk, e.g. a leaking flood bank. 防汛隐患 */
  | 'FLOOD'
  /** Gas leaks or unsafe gas use. 燃气隐患 */
  | 'GAS'
  /** Other. 其他 */
  | 'OTHER'
  /** Public order and security. 治安隐患 */
  | 'PUBLIC_ORDER'
  /** Unsafe buildings or structures. 房屋结构隐患 */
  | 'STRUCTURAL';

/** How serious a hazard is. 隐患等级 */
export type HazardSeverity =
  /** High: act now. 重大 */
  | 'HIGH'
  /** Low. 一般 */
  | 'LOW'
  /** Medium. 较大 */
  | 'MEDIUM';

/** Issue a one-time link code for a person who links their own login. 发放关联码 */
export type IssueLinkCodeInput = {
  /** Person id, in your area. 人员ID */
  personId: string | number;
};

/** Kind of key place patrolled by grid staff. 重点场所类型 */
export type KeyPlaceKind =
  /** Entertainment venue. 娱乐场所 */
  | 'ENTERTAINMENT'
  /** Factory or workshop. 厂房/作坊 */
  | 'FACTORY'
  /** Market. 市场 */
  | 'MARKET'
  /** Old residential compound. 老旧小区 */
  | 'OLD_COMPOUND'
  /** Other. 其他 */
  | 'OTHER'
  /** Rental housing. 出租屋 */
  | 'RENTAL_HOUSING'
  /** School or kindergarten. 学校/幼儿园 */
  | 'SCHOOL';

/** Link a login to a person after checking their ID card: type the number from the card. 关联账号（须核对身份证） */
export type LinkAccountInput = {
  /** The login: its Keycloak user id (subject). 账号（Keycloak 用户ID） */
  accountId: string | number;
  /** ID number typed from the ID card shown; must be the person's. 身份证号（按证件录入，须与人员一致） */
  idNumber: string;
  /** Person id, in your area. 人员ID */
  personId: string | number;
};

/** Find one person by full ID number, with the purpose kept in the audit log. 按身份证号查找人员 */
export type LookUpPersonInput = {
  /** Resident ID number (18 characters). 身份证号 */
  idNumber: string;
  /** Why you need this person, e.g. the case or check (4–200 characters); kept in the audit log. 查找用途（4–200字，记入审计） */
  purpose: string;
};

/** Where an uploaded file stands. 文件状态 */
export type MediaFileStatus =
  /** Deleted by retention; the record stays. 已按保存期限删除 */
  | 'DELETED'
  /** Checked and stored. 可用 */
  | 'READY'
  /** Its content was refused (see rejectReason). 已拒收 */
  | 'REJECTED'
  /** Bytes still arriving. 上传中 */
  | 'UPLOADING';

/** What an attachment belongs to. 附件所属对象类型 */
export type MediaOwnerType =
  /** A check-in at an activity: "<activityId>:<volunteerId>". 活动签到 */
  | 'ACTIVITY_CHECK_IN'
  /** Care given to a household (CareRecord.id): photos as proof of the visit. 关爱记录 */
  | 'CARE_RECORD'
  /** A case (Case.id). 事项 */
  | 'CASE'
  /** A hazard report (Hazard.id). 隐患 */
  | 'HAZARD'
  /** A key-place patrol (Patrol.id). 巡查 */
  | 'PATROL'
  /** A volunteer service order (ServiceOrder.id). 服务工单 */
  | 'SERVICE_ORDER'
  /** A household visit (Visit.id). 走访 */
  | 'VISIT';

/** A hazard found on a patrol. 巡查发现的隐患 */
export type PatrolHazardInput = {
  /** Category. 隐患类别 */
  category: HazardCategory;
  /** What is wrong and where. 隐患描述 */
  description: string;
  /** Severity. 隐患等级 */
  severity: HazardSeverity;
};

/** A protected personal-data field. 受保护的个人信息字段 */
export type PersonalDataField =
  /** The link between a login and a person (audit log only; not revealable). 账号与人员关联（仅用于审计） */
  | 'ACCOUNT'
  /** Resident ID number. 身份证号 */
  | 'ID_NUMBER'
  /** A ledger as the exporter reads it, numbers masked (audit log only). 台账（脱敏，仅用于审计） */
  | 'LEDGER'
  /** Phone number. 手机号 */
  | 'PHONE'
  /** Special-population tags (audit log only; not revealable). 敏感人群标签（仅用于审计） */
  | 'SENSITIVE_TAGS';

/** The village places the order with the township (村(社区)下单). 下单 */
export type PlaceOrderInput = {
  /** The case. 事项 */
  caseId: string;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** Note for the township. 说明 */
  note?: string | null | undefined;
};

/** Kind of points account. 积分账户类别 */
export type PointAccountKind =
  /** System account of a village: the other side of every award. 系统账户：已发放积分 */
  | 'AWARDS_ISSUED'
  /** A resident's civic points (environment, customs, public welfare). 居民文明积分 */
  | 'CIVIC'
  /** A party member's points, by member-type rules. 党员积分 */
  | 'PARTY'
  /** System account of a village: points spent on redemptions. 系统账户：已兑换积分 */
  | 'REDEMPTIONS';

/** The resident rates the result (群众评单). 评单 */
export type RateCaseInput = {
  /** The case. 事项 */
  caseId: string;
  /** Comment. 评价意见 */
  comment?: string | null | undefined;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** Rating. 评价 */
  rating: Rating;
  /** Must stay true: an UNSATISFIED rating reopens the case; a reviewer closes it instead with closeUnsatisfiedCase (DOMAIN.md §8.2). 不满意时重办 */
  reopen?: boolean;
};

/** The resident's rating of the result. 群众评价 */
export type Rating =
  /** Basically satisfied. 基本满意 */
  | 'BASICALLY_SATISFIED'
  /** Satisfied. 满意 */
  | 'SATISFIED'
  /** Unsatisfied; reopens the case unless a reviewer closes it with a reason. 不满意 */
  | 'UNSATISFIED';

/** How a rating was collected. 评价方式 */
export type RatingMethod =
  /** At a return visit by phone (proxy rating). 电话回访（代评） */
  | 'PHONE'
  /** By the resident who reported the case, with their own account. 群众本人评价 */
  | 'RESIDENT'
  /** At a return visit in person (proxy rating). 上门回访（代评） */
  | 'VISIT';

/** A patrol of a key place, with the hazards found. 记录重点场所巡查 */
export type RecordPatrolInput = {
  /** Hazards found; each is reported. 发现的隐患 */
  hazards?: Array<PatrolHazardInput>;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** The key place. 重点场所 ID */
  keyPlaceId: string | number;
  /** Notes. 巡查记录 */
  notes?: string | null | undefined;
  /** When the patrol was recorded on the device (used as patrolledAt when that is not given), by the device's clock (work recorded offline is sent later); defaults to now; at most 5 minutes ahead of the server and not older than the configured maximum age. 设备上的发生时间 */
  occurredAt?: string | null | undefined;
  /** When it took place; defaults to now, never in the future. 巡查时间 */
  patrolledAt?: string | null | undefined;
  /** Whose work it is; defaults to your own current assignment in the grid. 记录人任职记录 ID（默认本人） */
  staffId?: string | number | null | undefined;
};

/** A return visit (回访) records the rating for a resident who cannot rate themself: a proxy rating. 回访代评 */
export type RecordReturnVisitInput = {
  /** The case. 事项 */
  caseId: string;
  /** What the resident said. 评价意见 */
  comment?: string | null | undefined;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** How it was collected: PHONE or VISIT. 回访方式 */
  method: RatingMethod;
  /** The rating the resident gave at the visit. 评价 */
  rating: Rating;
};

/** A door-to-door visit to record. 记录入户走访 */
export type RecordVisitInput = {
  /** Public-opinion diary. 民情日记 */
  diary?: string | null | undefined;
  /** What the worker found. 走访情况 */
  findings: string;
  /** The household visited (people subgraph). 走访户 ID */
  householdId: string | number;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** When the visit was recorded on the device (used as visitedAt when that is not given), by the device's clock (work recorded offline is sent later); defaults to now; at most 5 minutes ahead of the server and not older than the configured maximum age. 设备上的发生时间 */
  occurredAt?: string | null | undefined;
  /** Whose work it is; defaults to your own current assignment in the grid. 记录人任职记录 ID（默认本人） */
  staffId?: string | number | null | undefined;
  /** When it took place; defaults to now, never in the future. 走访时间 */
  visitedAt?: string | null | undefined;
};

/** Link your own login to your person with the code your grid worker gave you. 使用关联码关联本人账号 */
export type RedeemLinkCodeInput = {
  /** The code, e.g. ABCDE-FGHJK (case, spaces and dashes do not matter). 关联码 */
  code: string;
};

/** Report a case (群众点单 or found on patrol). 反映事项 */
export type ReportCaseInput = {
  /** Hide who reported it. 匿名 */
  anonymous?: boolean;
  /** Attachments (at most 20). 附件 */
  attachments?: Array<CaseAttachmentInput>;
  /** Class; the grid may correct it when verifying. 事项分类 */
  caseClass?: CaseClass;
  /** Category code from the catalogue. 类别代码 */
  categoryCode: string;
  /** Description. 描述 */
  description: string;
  /** Grid of the case (15 digits). 网格代码 */
  gridCode: string;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** Location. 位置 */
  location?: CaseLocationInput | null | undefined;
  /** When the case was reported on the device (the case's reportedAt; receivedAt keeps the server time), by the device's clock (work recorded offline is sent later); defaults to now; at most 5 minutes ahead of the server and not older than the configured maximum age. 设备上的发生时间 */
  occurredAt?: string | null | undefined;
  /** The person reporting (people service). 反映人 */
  reporterPersonId?: string | null | undefined;
  /** Kind of service. 服务类型 */
  serviceKind?: ServiceKind;
  /** Source; defaults from your role (resident → RESIDENT, grid staff → GRID_PATROL, department → DEPARTMENT). 来源 */
  source?: CaseSource | null | undefined;
  /** Title. 标题 */
  title: string;
};

/** A hazard to report in a grid. 上报安全隐患 */
export type ReportHazardInput = {
  /** Category. 隐患类别 */
  category: HazardCategory;
  /** What is wrong and where. 隐患描述 */
  description: string;
  /** Code of the grid. 网格代码 */
  gridCode: string;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** The key place, if the hazard is in one of the grid's key places. 重点场所 ID */
  keyPlaceId?: string | number | null | undefined;
  /** When the hazard was found (the report time; the server keeps its receive time too), by the device's clock (work recorded offline is sent later); defaults to now; at most 5 minutes ahead of the server and not older than the configured maximum age. 设备上的发生时间 */
  occurredAt?: string | null | undefined;
  /** Severity. 隐患等级 */
  severity: HazardSeverity;
  /** Who found it, if not you: a current staff assignment in the grid. 发现人任职记录 ID */
  staffId?: string | number | null | undefined;
};

/** Resolve a case with a result. 办结 */
export type ResolveCaseInput = {
  /** The case. 事项 */
  caseId: string;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** What was done. 办理结果 */
  result: string;
};

/** Explain and return a case (解释退回办). 解释退回 */
export type ReturnCaseInput = {
  /** The case. 事项 */
  caseId: string;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** Why it cannot or should not be done; shown to the resident. 退回理由 */
  reason: string;
};

/** List a case with a deadline (清单限时办). 清单限时办 */
export type ScheduleCaseInput = {
  /** Who handles it; defaults to you. 承办人 */
  assigneeUserId?: string | null | undefined;
  /** The case. 事项 */
  caseId: string;
  /** The holder's own earlier deadline for this stage; it never moves the case clock and never extends the stage limit. 本环节承诺时限 */
  dueAt?: string | null | undefined;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** Note. 说明 */
  note?: string | null | undefined;
};

/** The department sends a dispatched case back. 部门退回 */
export type SendBackCaseInput = {
  /** The case. 事项 */
  caseId: string;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** Why the department does not take it. 退回理由 */
  reason: string;
};

/** Kind of service a case asks for. 服务类型（三件事） */
export type ServiceKind =
  /** Help: solve a daily problem ("good neighbour"). 帮助类 */
  | 'HELP'
  /** Prevention: hazards and safety ("mine sweeper"). 防范类 */
  | 'PREVENTION'
  /** Reminder: tell people about policies and deadlines ("alarm clock"). 提醒类 */
  | 'REMINDER';

/** Which service orders to list. 服务单筛选 */
export type ServiceOrderFilter = {
  /** Only this area and below (inside what you may see). 区域代码 */
  areaCode?: string | null | undefined;
  /** Only orders you (as a volunteer) hold now. 只看我接的单 */
  claimedByMe?: boolean | null | undefined;
  /** Only this kind. 类别 */
  kind?: ServiceOrderKind | null | undefined;
  /** Only this status. 状态 */
  status?: ServiceOrderStatus | null | undefined;
};

/** Kind of service order. 服务单类别 */
export type ServiceOrderKind =
  /** A micro-wish published for members to claim. 微心愿 */
  | 'MICRO_WISH'
  /** A resident's need ordered from the community (群众点单). 群众需求 */
  | 'NEED';

/** Where a service order stands. 服务单状态 */
export type ServiceOrderStatus =
  /** Taken by one volunteer (党员接单). 已接单 */
  | 'CLAIMED'
  /** Done by the claimant, waiting for confirmation. 已完成待确认 */
  | 'COMPLETED'
  /** Confirmed by the community or the resident. 已确认 */
  | 'CONFIRMED'
  /** Deadline passed before completion; back in the community's pool. 已过期 */
  | 'EXPIRED'
  /** Published, waiting for a volunteer (社区派单). 待接单 */
  | 'OPEN'
  /** Ordered by a resident, waiting for the community's review (群众点单). 待审核 */
  | 'PROPOSED'
  /** Declined by the community, with a reason. 未通过 */
  | 'REJECTED';

/** Supervise a case (督办). 督办 */
export type SuperviseCaseInput = {
  /** The case. 事项 */
  caseId: string;
  /** Instruction to the handler. 督办意见 */
  instruction: string;
};

/** Remove the link between a person and their login. 解除账号关联 */
export type UnlinkAccountInput = {
  /** Person id, in your area. 人员ID */
  personId: string | number;
  /** Why (4–200 characters), kept in the audit log. 原因（4–200字，记入审计） */
  reason: string;
};

/** Rename an area. 修改行政区划 */
export type UpdateAreaInput = {
  /** Division code of the area. 区划代码 */
  code: string;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** New name. 新名称 */
  name: string;
};

/** Accept a reported case at the grid (网格核单), optionally correcting its classification. 核单 */
export type VerifyCaseInput = {
  /** Corrected class; the deadline follows it. 修正分类 */
  caseClass?: CaseClass | null | undefined;
  /** The case. 事项 */
  caseId: string;
  /** Corrected category. 修正类别 */
  categoryCode?: string | null | undefined;
  /** The version you read; a stale version gives CONFLICT. 读取时的版本号 */
  expectedVersion?: number | null | undefined;
  /** Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入 */
  idempotencyKey?: string | null | undefined;
  /** Note. 说明 */
  note?: string | null | undefined;
  /** Corrected kind of service. 修正服务类型 */
  serviceKind?: ServiceKind | null | undefined;
};

/** The level a warning is addressed to. 预警对象层级 */
export type WarningLevel =
  /** The county. 县（区） */
  | 'COUNTY'
  /** The grid (its grid leader). 网格 */
  | 'GRID'
  /** The township or subdistrict. 乡镇（街道） */
  | 'TOWNSHIP'
  /** The village or community. 村（社区） */
  | 'VILLAGE';

/** Why a warning was raised (§8.4). 预警规则 */
export type WarningRule =
  /** Care (四个一) left undone past its day. 关爱事项逾期 */
  | 'CARE_OVERDUE'
  /** A category rising in an area against its own recent baseline. 某类事项较近期基线明显上升 */
  | 'CATEGORY_RISING'
  /** A dispute past its mediation stage limit. 矛盾纠纷超出调解时限 */
  | 'DISPUTE_STAGE_OVERRUN'
  /** Several cases overdue under one holder. 同一承办方多件超期 */
  | 'OVERDUE_CLUSTER'
  /** Repeated cases from one reporter or address. 同一户/同一地址重复反映 */
  | 'REPEATED_CASES';

/** Where a warning stands. 预警状态 */
export type WarningStatus =
  /** Acknowledged, being dealt with. 已签收 */
  | 'ACKNOWLEDGED'
  /** Closed with a note. 已办结 */
  | 'CLOSED'
  /** Raised, not yet acknowledged. 待签收 */
  | 'OPEN';

export type AreaTreeQueryVariables = Exact<{
  code: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AreaTreeQuery = { area: { code: string, name: string, level: AreaLevel, ancestors: Array<{ code: string, name: string }>, children: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { code: string, name: string, level: AreaLevel } }> } } };

export type SearchAreasQueryVariables = Exact<{
  filter?: AreaFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchAreasQuery = { areas: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { code: string, name: string, level: AreaLevel, parentCode: string | null } }> } };

export type RenameAreaMutationVariables = Exact<{
  input: UpdateAreaInput;
}>;


export type RenameAreaMutation = { updateArea: { area: { code: string, name: string, version: number } } };

export type CaseClockQueryVariables = Exact<{
  id: string | number;
}>;


export type CaseClockQuery = { case: { id: string, number: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, dueAt: string | null, stageDueAt: string | null, overdue: boolean, stageOverruns: number, reopenCount: number, rating: Rating | null, ratingMethod: RatingMethod | null, ratingByProxy: boolean, unsatisfiedCloseReason: string | null, version: number } };

export type RecordReturnVisitMutationVariables = Exact<{
  input: RecordReturnVisitInput;
}>;


export type RecordReturnVisitMutation = { recordReturnVisit: { case: { id: string, status: CaseStatus, rating: Rating | null, ratingMethod: RatingMethod | null, ratingByProxy: boolean, reopenCount: number, version: number } } };

export type CloseUnsatisfiedCaseMutationVariables = Exact<{
  input: CloseUnsatisfiedCaseInput;
}>;


export type CloseUnsatisfiedCaseMutation = { closeUnsatisfiedCase: { case: { id: string, status: CaseStatus, rating: Rating | null, unsatisfiedCloseReason: string | null, reopenCount: number, version: number } } };

export type AreaRatingsAndStagesQueryVariables = Exact<{
  code: string;
  period: CaseStatsPeriod;
}>;


export type AreaRatingsAndStagesQuery = { area: { code: string, caseStats: { reported: number, resolvedOnTime: number, overdue: number, stageOverruns: number, reopenedResolvedOnTime: number, satisfactionRate: number | null, proxySatisfactionRate: number | null, ratings: { satisfied: number, basicallySatisfied: number, unsatisfied: number }, proxyRatings: { satisfied: number, basicallySatisfied: number, unsatisfied: number } } } };

export type ConsoleCaseRowFragment = { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> };

export type ConsoleMediaThumbFragment = { id: string, fileName: string, purpose: AttachmentPurpose, state: AttachmentState, status: MediaFileStatus, mimeType: string | null, thumbnail: { url: string } | null, download: { url: string } | null };

export type ConsoleViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleViewerQuery = { viewer: { id: string, username: string, roles: Array<string>, areaCode: string, departmentCode: string | null, area: { code: string, name: string, level: AreaLevel } | null, person: { id: string, name: string, gridCode: string } | null, gridsIServe: Array<{ code: string, name: string }>, volunteer: { id: string, serviceHours: number } | null } };

export type ConsoleMyGridQueryVariables = Exact<{
  code: string;
}>;


export type ConsoleMyGridQuery = { grid: { code: string, name: string, householdCount: number | null, households: { totalCount: number, edges: Array<{ node: { id: string, number: string | null, address: string, head: { name: string } | null } }> } | null, keyPlaces: { totalCount: number, edges: Array<{ node: { id: string, name: string, kind: KeyPlaceKind, address: string } }> } }, persons: { edges: Array<{ node: { id: string, name: string, birthYear: number | null, tags: Array<{ code: string, nameZh: string, nameEn: string }> | null } }> } };

export type ConsoleDueTodayQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type ConsoleDueTodayQuery = { viewer: { id: string, awaitingMyAction: { totalCount: number, edges: Array<{ node: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } }> } }, overdue: { totalCount: number, edges: Array<{ node: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } }> } };

export type ConsoleCasesQueryVariables = Exact<{
  filter?: CaseFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCasesQuery = { cases: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } }> } };

export type ConsoleMyCasesQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type ConsoleMyCasesQuery = { viewer: { id: string, myCases: { totalCount: number, edges: Array<{ node: { rating: Rating | null, result: string | null, feedback: string | null, id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } }> } } };

export type ConsoleCaseQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleCaseQuery = { case: { description: string, result: string | null, feedback: string | null, returnReason: string | null, rating: Rating | null, ratingComment: string | null, id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction>, mediaAttachments: Array<{ id: string, fileName: string, purpose: AttachmentPurpose, state: AttachmentState, status: MediaFileStatus, mimeType: string | null, thumbnail: { url: string } | null, download: { url: string } | null }> | null, history: Array<{ id: string, action: CaseAction, at: string, toStatus: CaseStatus, toLevel: HandlingLevel, note: string | null }> } };

export type ConsoleDepartmentQueueQueryVariables = Exact<{
  departmentCode: string;
  first?: number | null | undefined;
}>;


export type ConsoleDepartmentQueueQuery = { departmentQueue: { totalCount: number, edges: Array<{ node: { description: string, id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } }> } };

export type ConsoleDepartmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleDepartmentsQuery = { departments: { edges: Array<{ node: { id: string, code: string, name: string } }> } };

export type ConsoleCaseCategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCaseCategoriesQuery = { caseCategories: Array<{ code: string, nameZh: string, nameEn: string }> };

export type ConsoleGridMapQueryVariables = Exact<{
  areaCode: string;
}>;


export type ConsoleGridMapQuery = { area: { code: string, name: string, grids: { edges: Array<{ node: { code: string, name: string, boundary: unknown, openCases: { totalCount: number } } }> } }, cases: { edges: Array<{ node: { id: string, gridCode: string } }> } };

export type ConsoleStatisticsQueryVariables = Exact<{
  areaCode: string;
  period: CaseStatsPeriod;
}>;


export type ConsoleStatisticsQuery = { area: { code: string, name: string, caseStats: { reported: number, resolved: number, resolvedOnTime: number, overdue: number, onTimeRate: number | null, satisfactionRate: number | null, reopenRate: number | null, resolutionLevels: { grid: number, village: number, township: number, above: number, withinVillageShare: number | null }, ratings: { satisfied: number, basicallySatisfied: number, unsatisfied: number }, byStatus: Array<{ status: CaseStatus, count: number }> }, children: { edges: Array<{ node: { code: string, name: string, caseStats: { reported: number, resolved: number, onTimeRate: number | null, satisfactionRate: number | null } } }> } } };

export type ConsoleAuditLogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleAuditLogQuery = { auditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, at: string, action: AuditAction, field: PersonalDataField, actorUsername: string, allowed: boolean, purpose: string | null, refusalReason: string | null, areaCode: string } }> } };

export type ConsoleServiceOrdersQueryVariables = Exact<{
  filter?: ServiceOrderFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type ConsoleServiceOrdersQuery = { serviceOrders: { totalCount: number, edges: Array<{ node: { id: string, title: string, description: string | null, kind: ServiceOrderKind, status: ServiceOrderStatus, deadline: string, claimantVolunteerId: string | null, version: number } }> } };

export type ConsolePointsQueryVariables = Exact<{
  villageCode: string;
  month: string;
}>;


export type ConsolePointsQuery = { myPointAccounts: Array<{ id: string, kind: PointAccountKind, balance: number }>, leaderboard: { month: string, entries: Array<{ rank: number, points: number, balance: number, person: { name: string } }> } };

export type ConsoleVisitsQueryVariables = Exact<{
  householdId?: string | number | null | undefined;
}>;


export type ConsoleVisitsQuery = { visits: { totalCount: number, edges: Array<{ node: { id: string, findings: string, visitedAt: string, household: { id: string } } }> } };

export type ConsoleReportCaseMutationVariables = Exact<{
  input: ReportCaseInput;
}>;


export type ConsoleReportCaseMutation = { reportCase: { case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } } };

export type ConsoleVerifyCaseMutationVariables = Exact<{
  input: VerifyCaseInput;
}>;


export type ConsoleVerifyCaseMutation = { verifyCase: { case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } } };

export type ConsoleReturnCaseMutationVariables = Exact<{
  input: ReturnCaseInput;
}>;


export type ConsoleReturnCaseMutation = { returnCase: { case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } } };

export type ConsoleScheduleCaseMutationVariables = Exact<{
  input: ScheduleCaseInput;
}>;


export type ConsoleScheduleCaseMutation = { scheduleCase: { case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } } };

export type ConsoleEscalateCaseMutationVariables = Exact<{
  input: EscalateCaseInput;
}>;


export type ConsoleEscalateCaseMutation = { escalateCase: { case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } } };

export type ConsolePlaceOrderMutationVariables = Exact<{
  input: PlaceOrderInput;
}>;


export type ConsolePlaceOrderMutation = { placeOrder: { case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } } };

export type ConsoleDispatchCaseMutationVariables = Exact<{
  input: DispatchCaseInput;
}>;


export type ConsoleDispatchCaseMutation = { dispatchCase: { case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } } };

export type ConsoleAcceptCaseMutationVariables = Exact<{
  input: AcceptCaseInput;
}>;


export type ConsoleAcceptCaseMutation = { acceptCase: { case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } } };

export type ConsoleSendBackCaseMutationVariables = Exact<{
  input: SendBackCaseInput;
}>;


export type ConsoleSendBackCaseMutation = { sendBackCase: { case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } } };

export type ConsoleResolveCaseMutationVariables = Exact<{
  input: ResolveCaseInput;
}>;


export type ConsoleResolveCaseMutation = { resolveCase: { case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } } };

export type ConsoleFeedBackCaseMutationVariables = Exact<{
  input: FeedBackCaseInput;
}>;


export type ConsoleFeedBackCaseMutation = { feedBackCase: { case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } } };

export type ConsoleRateCaseMutationVariables = Exact<{
  input: RateCaseInput;
}>;


export type ConsoleRateCaseMutation = { rateCase: { case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, source: CaseSource, overdue: boolean, dueAt: string | null, reportedAt: string, version: number, gridCode: string, assigneeDepartmentCode: string | null, availableActions: Array<CaseAction> } } };

export type ConsoleSuperviseCaseMutationVariables = Exact<{
  input: SuperviseCaseInput;
}>;


export type ConsoleSuperviseCaseMutation = { superviseCase: { supervision: { id: string } } };

export type ConsoleRecordVisitMutationVariables = Exact<{
  input: RecordVisitInput;
}>;


export type ConsoleRecordVisitMutation = { recordVisit: { visit: { id: string, visitedAt: string } } };

export type ConsoleRecordPatrolMutationVariables = Exact<{
  input: RecordPatrolInput;
}>;


export type ConsoleRecordPatrolMutation = { recordPatrol: { patrol: { id: string } } };

export type ConsoleReportHazardMutationVariables = Exact<{
  input: ReportHazardInput;
}>;


export type ConsoleReportHazardMutation = { reportHazard: { hazard: { id: string } } };

export type ConsoleClaimOrderMutationVariables = Exact<{
  input: ClaimOrderInput;
}>;


export type ConsoleClaimOrderMutation = { claimOrder: { order: { id: string, status: ServiceOrderStatus, version: number } } };

export type ConsoleCareDueQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCareDueQuery = { careDue: { asOf: string, overdue: Array<{ id: string, kind: CareKind, dueDate: string, person: { name: string } | null, household: { address: string } }>, today: Array<{ id: string, kind: CareKind, dueDate: string, person: { name: string } | null, household: { address: string } }> } };

export type ConsoleAttachMediaMutationVariables = Exact<{
  input: AttachMediaInput;
}>;


export type ConsoleAttachMediaMutation = { attachMedia: { attachments: Array<{ id: string, state: AttachmentState }> } };

export type ConsoleGridHazardsQueryVariables = Exact<{
  areaCode: string;
  first?: number | null | undefined;
}>;


export type ConsoleGridHazardsQuery = { hazards: { totalCount: number, edges: Array<{ node: { id: string, category: HazardCategory, severity: HazardSeverity, description: string, reportedAt: string, reportedByName: string, mediaAttachments: Array<{ id: string, fileName: string, purpose: AttachmentPurpose, state: AttachmentState, status: MediaFileStatus, mimeType: string | null, thumbnail: { url: string } | null, download: { url: string } | null }> | null } }> } };

export type LiveCaseFieldsFragment = { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, gridCode: string, dueAt: string | null, overdue: boolean, reportedAt: string, version: number, grid: { code: string, name: string } };

export type CaseBoardSubscriptionVariables = Exact<{
  areaCode?: string | null | undefined;
  statuses?: Array<CaseStatus> | CaseStatus | null | undefined;
  after?: string | null | undefined;
}>;


export type CaseBoardSubscription = { caseBoard: { cursor: string, event: string, occurredAt: string, case: { id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, gridCode: string, dueAt: string | null, overdue: boolean, reportedAt: string, version: number, reporter: { name: string } | null, grid: { code: string, name: string, staff: Array<{ name: string, role: GridStaffRole }> } } } };

export type CasesAwaitingMyActionSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type CasesAwaitingMyActionSubscription = { casesAwaitingMyAction: { cursor: string, event: string, occurredAt: string, awaitingMe: boolean | null, case: { availableActions: Array<CaseAction>, id: string, number: string, title: string, status: CaseStatus, level: HandlingLevel, caseClass: CaseClass, categoryCode: string, gridCode: string, dueAt: string | null, overdue: boolean, reportedAt: string, version: number, grid: { code: string, name: string } } } };

export type MyCaseProgressSubscriptionVariables = Exact<{
  caseId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyCaseProgressSubscription = { myCaseProgress: { cursor: string, event: string, occurredAt: string, case: { id: string, number: string, title: string, status: CaseStatus, dueAt: string | null, resolvedAt: string | null, result: string | null, feedback: string | null, availableActions: Array<CaseAction> } } };

export type ServiceOrdersInMyVillageSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ServiceOrdersInMyVillageSubscription = { serviceOrdersInMyVillage: { cursor: string, event: string, occurredAt: string, order: { id: string, title: string, kind: ServiceOrderKind, status: ServiceOrderStatus, areaCode: string, deadline: string, publishedAt: string, claimantVolunteerId: string | null, version: number } } };

export type WarningsInMyAreaSubscriptionVariables = Exact<{
  level?: WarningLevel | null | undefined;
  after?: string | null | undefined;
}>;


export type WarningsInMyAreaSubscription = { warningsInMyArea: { cursor: string, event: string, occurredAt: string, warning: { id: string, rule: WarningRule, level: WarningLevel, areaCode: string, summary: string, count: number, status: WarningStatus, raisedAt: string, version: number } } };

export type ViewerPersonQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerPersonQuery = { viewer: { id: string, username: string, roles: Array<string>, areaCode: string, departmentCode: string | null, area: { code: string } | null, person: { id: string, name: string, gridCode: string, birthDate: string | null, idNumber: string | null, phone: string | null } | null } };

export type LookUpPersonMutationVariables = Exact<{
  input: LookUpPersonInput;
}>;


export type LookUpPersonMutation = { lookUpPerson: { person: { id: string, name: string, gridCode: string, birthDate: string | null, birthYear: number | null, idNumber: string | null } | null } };

export type LinkAccountMutationVariables = Exact<{
  input: LinkAccountInput;
}>;


export type LinkAccountMutation = { linkAccount: { person: { id: string, version: number } } };

export type IssueLinkCodeMutationVariables = Exact<{
  input: IssueLinkCodeInput;
}>;


export type IssueLinkCodeMutation = { issueLinkCode: { code: string, expiresAt: string, person: { id: string, name: string } } };

export type RedeemLinkCodeMutationVariables = Exact<{
  input: RedeemLinkCodeInput;
}>;


export type RedeemLinkCodeMutation = { redeemLinkCode: { person: { id: string, name: string } } };

export type UnlinkAccountMutationVariables = Exact<{
  input: UnlinkAccountInput;
}>;


export type UnlinkAccountMutation = { unlinkAccount: { person: { id: string, version: number } } };

export const ConsoleCaseRowFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleCaseRowFragment, unknown>;
export const ConsoleMediaThumbFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleMediaThumb"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MediaAttachment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnail"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"download"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]} as unknown as DocumentNode<ConsoleMediaThumbFragment, unknown>;
export const LiveCaseFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LiveCaseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"grid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<LiveCaseFieldsFragment, unknown>;
export const AreaTreeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AreaTree"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"area"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"ancestors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"children"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AreaTreeQuery, AreaTreeQueryVariables>;
export const SearchAreasDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchAreas"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AreaFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"areas"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"parentCode"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchAreasQuery, SearchAreasQueryVariables>;
export const RenameAreaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenameArea"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateAreaInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateArea"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"area"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<RenameAreaMutation, RenameAreaMutationVariables>;
export const CaseClockDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CaseClock"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"stageDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"stageOverruns"}},{"kind":"Field","name":{"kind":"Name","value":"reopenCount"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"ratingMethod"}},{"kind":"Field","name":{"kind":"Name","value":"ratingByProxy"}},{"kind":"Field","name":{"kind":"Name","value":"unsatisfiedCloseReason"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<CaseClockQuery, CaseClockQueryVariables>;
export const RecordReturnVisitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordReturnVisit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordReturnVisitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordReturnVisit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"ratingMethod"}},{"kind":"Field","name":{"kind":"Name","value":"ratingByProxy"}},{"kind":"Field","name":{"kind":"Name","value":"reopenCount"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<RecordReturnVisitMutation, RecordReturnVisitMutationVariables>;
export const CloseUnsatisfiedCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CloseUnsatisfiedCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CloseUnsatisfiedCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"closeUnsatisfiedCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"unsatisfiedCloseReason"}},{"kind":"Field","name":{"kind":"Name","value":"reopenCount"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<CloseUnsatisfiedCaseMutation, CloseUnsatisfiedCaseMutationVariables>;
export const AreaRatingsAndStagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AreaRatingsAndStages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseStatsPeriod"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"area"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"caseStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reported"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedOnTime"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"stageOverruns"}},{"kind":"Field","name":{"kind":"Name","value":"reopenedResolvedOnTime"}},{"kind":"Field","name":{"kind":"Name","value":"satisfactionRate"}},{"kind":"Field","name":{"kind":"Name","value":"ratings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"satisfied"}},{"kind":"Field","name":{"kind":"Name","value":"basicallySatisfied"}},{"kind":"Field","name":{"kind":"Name","value":"unsatisfied"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proxySatisfactionRate"}},{"kind":"Field","name":{"kind":"Name","value":"proxyRatings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"satisfied"}},{"kind":"Field","name":{"kind":"Name","value":"basicallySatisfied"}},{"kind":"Field","name":{"kind":"Name","value":"unsatisfied"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AreaRatingsAndStagesQuery, AreaRatingsAndStagesQueryVariables>;
export const ConsoleViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"areaCode"}},{"kind":"Field","name":{"kind":"Name","value":"departmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"area"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"level"}}]}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gridsIServe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"volunteer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"serviceHours"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleViewerQuery, ConsoleViewerQueryVariables>;
export const ConsoleMyGridDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleMyGrid"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grid"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"householdCount"}},{"kind":"Field","name":{"kind":"Name","value":"households"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"head"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"keyPlaces"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"address"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"persons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"areaCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"birthYear"}},{"kind":"Field","name":{"kind":"Name","value":"tags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleMyGridQuery, ConsoleMyGridQueryVariables>;
export const ConsoleDueTodayDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleDueToday"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"awaitingMyAction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}}]}},{"kind":"Field","alias":{"kind":"Name","value":"overdue"},"name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"overdue"},"value":{"kind":"BooleanValue","value":true}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"EnumValue","value":"NEWEST_FIRST"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleDueTodayQuery, ConsoleDueTodayQueryVariables>;
export const ConsoleCasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleCasesQuery, ConsoleCasesQueryVariables>;
export const ConsoleMyCasesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleMyCases"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"myCases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"feedback"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleMyCasesQuery, ConsoleMyCasesQueryVariables>;
export const ConsoleCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"feedback"}},{"kind":"Field","name":{"kind":"Name","value":"returnReason"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"ratingComment"}},{"kind":"Field","name":{"kind":"Name","value":"mediaAttachments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleMediaThumb"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toLevel"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleMediaThumb"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MediaAttachment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnail"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"download"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]} as unknown as DocumentNode<ConsoleCaseQuery, ConsoleCaseQueryVariables>;
export const ConsoleDepartmentQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleDepartmentQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"departmentCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"departmentQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"departmentCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"departmentCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleDepartmentQueueQuery, ConsoleDepartmentQueueQueryVariables>;
export const ConsoleDepartmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleDepartments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"departments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleDepartmentsQuery, ConsoleDepartmentsQueryVariables>;
export const ConsoleCaseCategoriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCaseCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"nameZh"}},{"kind":"Field","name":{"kind":"Name","value":"nameEn"}}]}}]}}]} as unknown as DocumentNode<ConsoleCaseCategoriesQuery, ConsoleCaseCategoriesQueryVariables>;
export const ConsoleGridMapDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleGridMap"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"areaCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"area"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"areaCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"grids"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"boundary"}},{"kind":"Field","name":{"kind":"Name","value":"openCases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"areaCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"areaCode"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"overdue"},"value":{"kind":"BooleanValue","value":true}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleGridMapQuery, ConsoleGridMapQueryVariables>;
export const ConsoleStatisticsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleStatistics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"areaCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseStatsPeriod"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"area"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"areaCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"caseStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reported"}},{"kind":"Field","name":{"kind":"Name","value":"resolved"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedOnTime"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"onTimeRate"}},{"kind":"Field","name":{"kind":"Name","value":"satisfactionRate"}},{"kind":"Field","name":{"kind":"Name","value":"reopenRate"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionLevels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grid"}},{"kind":"Field","name":{"kind":"Name","value":"village"}},{"kind":"Field","name":{"kind":"Name","value":"township"}},{"kind":"Field","name":{"kind":"Name","value":"above"}},{"kind":"Field","name":{"kind":"Name","value":"withinVillageShare"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ratings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"satisfied"}},{"kind":"Field","name":{"kind":"Name","value":"basicallySatisfied"}},{"kind":"Field","name":{"kind":"Name","value":"unsatisfied"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"children"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"caseStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reported"}},{"kind":"Field","name":{"kind":"Name","value":"resolved"}},{"kind":"Field","name":{"kind":"Name","value":"onTimeRate"}},{"kind":"Field","name":{"kind":"Name","value":"satisfactionRate"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleStatisticsQuery, ConsoleStatisticsQueryVariables>;
export const ConsoleAuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleAuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"actorUsername"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"refusalReason"}},{"kind":"Field","name":{"kind":"Name","value":"areaCode"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleAuditLogQuery, ConsoleAuditLogQueryVariables>;
export const ConsoleServiceOrdersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleServiceOrders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceOrderFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceOrders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"claimantVolunteerId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleServiceOrdersQuery, ConsoleServiceOrdersQueryVariables>;
export const ConsolePointsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsolePoints"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"villageCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"month"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myPointAccounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"leaderboard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"villageCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"villageCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"month"},"value":{"kind":"Variable","name":{"kind":"Name","value":"month"}}},{"kind":"Argument","name":{"kind":"Name","value":"top"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"points"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsolePointsQuery, ConsolePointsQueryVariables>;
export const ConsoleVisitsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleVisits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"householdId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"householdId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"householdId"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"findings"}},{"kind":"Field","name":{"kind":"Name","value":"visitedAt"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleVisitsQuery, ConsoleVisitsQueryVariables>;
export const ConsoleReportCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleReportCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReportCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleReportCaseMutation, ConsoleReportCaseMutationVariables>;
export const ConsoleVerifyCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleVerifyCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VerifyCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleVerifyCaseMutation, ConsoleVerifyCaseMutationVariables>;
export const ConsoleReturnCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleReturnCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReturnCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"returnCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleReturnCaseMutation, ConsoleReturnCaseMutationVariables>;
export const ConsoleScheduleCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleScheduleCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduleCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleScheduleCaseMutation, ConsoleScheduleCaseMutationVariables>;
export const ConsoleEscalateCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleEscalateCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EscalateCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"escalateCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleEscalateCaseMutation, ConsoleEscalateCaseMutationVariables>;
export const ConsolePlaceOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsolePlaceOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlaceOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placeOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsolePlaceOrderMutation, ConsolePlaceOrderMutationVariables>;
export const ConsoleDispatchCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleDispatchCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DispatchCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dispatchCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleDispatchCaseMutation, ConsoleDispatchCaseMutationVariables>;
export const ConsoleAcceptCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleAcceptCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AcceptCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleAcceptCaseMutation, ConsoleAcceptCaseMutationVariables>;
export const ConsoleSendBackCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSendBackCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendBackCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendBackCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleSendBackCaseMutation, ConsoleSendBackCaseMutationVariables>;
export const ConsoleResolveCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleResolveCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResolveCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleResolveCaseMutation, ConsoleResolveCaseMutationVariables>;
export const ConsoleFeedBackCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleFeedBackCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FeedBackCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feedBackCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleFeedBackCaseMutation, ConsoleFeedBackCaseMutationVariables>;
export const ConsoleRateCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRateCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RateCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rateCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleCaseRow"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleCaseRow"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeDepartmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]} as unknown as DocumentNode<ConsoleRateCaseMutation, ConsoleRateCaseMutationVariables>;
export const ConsoleSuperviseCaseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleSuperviseCase"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SuperviseCaseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"superviseCase"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supervision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleSuperviseCaseMutation, ConsoleSuperviseCaseMutationVariables>;
export const ConsoleRecordVisitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRecordVisit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordVisitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordVisit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"visitedAt"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleRecordVisitMutation, ConsoleRecordVisitMutationVariables>;
export const ConsoleRecordPatrolDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRecordPatrol"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordPatrolInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordPatrol"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patrol"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleRecordPatrolMutation, ConsoleRecordPatrolMutationVariables>;
export const ConsoleReportHazardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleReportHazard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReportHazardInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportHazard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hazard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleReportHazardMutation, ConsoleReportHazardMutationVariables>;
export const ConsoleClaimOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleClaimOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ClaimOrderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claimOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleClaimOrderMutation, ConsoleClaimOrderMutationVariables>;
export const ConsoleCareDueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCareDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careDue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"today"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"dueDate"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCareDueQuery, ConsoleCareDueQueryVariables>;
export const ConsoleAttachMediaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleAttachMedia"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AttachMediaInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attachMedia"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attachments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleAttachMediaMutation, ConsoleAttachMediaMutationVariables>;
export const ConsoleGridHazardsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleGridHazards"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"areaCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hazards"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"areaCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"areaCode"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reportedByName"}},{"kind":"Field","name":{"kind":"Name","value":"mediaAttachments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleMediaThumb"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleMediaThumb"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MediaAttachment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"fileName"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mimeType"}},{"kind":"Field","name":{"kind":"Name","value":"thumbnail"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"download"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]} as unknown as DocumentNode<ConsoleGridHazardsQuery, ConsoleGridHazardsQueryVariables>;
export const CaseBoardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CaseBoard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"areaCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"statuses"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseStatus"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseBoard"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"areaCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"areaCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"statuses"},"value":{"kind":"Variable","name":{"kind":"Name","value":"statuses"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"event"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LiveCaseFields"}},{"kind":"Field","name":{"kind":"Name","value":"reporter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"grid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"staff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LiveCaseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"grid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CaseBoardSubscription, CaseBoardSubscriptionVariables>;
export const CasesAwaitingMyActionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CasesAwaitingMyAction"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"casesAwaitingMyAction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"event"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"awaitingMe"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"LiveCaseFields"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"LiveCaseFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Case"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"caseClass"}},{"kind":"Field","name":{"kind":"Name","value":"categoryCode"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"grid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CasesAwaitingMyActionSubscription, CasesAwaitingMyActionSubscriptionVariables>;
export const MyCaseProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MyCaseProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myCaseProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"caseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"caseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"event"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"result"}},{"kind":"Field","name":{"kind":"Name","value":"feedback"}},{"kind":"Field","name":{"kind":"Name","value":"availableActions"}}]}}]}}]}}]} as unknown as DocumentNode<MyCaseProgressSubscription, MyCaseProgressSubscriptionVariables>;
export const ServiceOrdersInMyVillageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ServiceOrdersInMyVillage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceOrdersInMyVillage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"event"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"order"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"areaCode"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"claimantVolunteerId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<ServiceOrdersInMyVillageSubscription, ServiceOrdersInMyVillageSubscriptionVariables>;
export const WarningsInMyAreaDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WarningsInMyArea"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"level"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WarningLevel"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"warningsInMyArea"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"level"},"value":{"kind":"Variable","name":{"kind":"Name","value":"level"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"event"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"warning"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rule"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"areaCode"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"raisedAt"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<WarningsInMyAreaSubscription, WarningsInMyAreaSubscriptionVariables>;
export const ViewerPersonDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ViewerPerson"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"areaCode"}},{"kind":"Field","name":{"kind":"Name","value":"departmentCode"}},{"kind":"Field","name":{"kind":"Name","value":"area"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"idNumber"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerPersonQuery, ViewerPersonQueryVariables>;
export const LookUpPersonDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LookUpPerson"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LookUpPersonInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lookUpPerson"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gridCode"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"birthYear"}},{"kind":"Field","name":{"kind":"Name","value":"idNumber"}}]}}]}}]}}]} as unknown as DocumentNode<LookUpPersonMutation, LookUpPersonMutationVariables>;
export const LinkAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LinkAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LinkAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<LinkAccountMutation, LinkAccountMutationVariables>;
export const IssueLinkCodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueLinkCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IssueLinkCodeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueLinkCode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<IssueLinkCodeMutation, IssueLinkCodeMutationVariables>;
export const RedeemLinkCodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RedeemLinkCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RedeemLinkCodeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redeemLinkCode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<RedeemLinkCodeMutation, RedeemLinkCodeMutationVariables>;
export const UnlinkAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnlinkAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UnlinkAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlinkAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<UnlinkAccountMutation, UnlinkAccountMutationVariables>;