import { registerEnumType } from '@nestjs/graphql';

/**
 * Accounts of the dual-points ledger (双积分): a person holds CIVIC (residents) and/or PARTY (party
 * members) points; each village has system accounts that are the other side of every posting.
 */
export enum PointAccountKind {
  CIVIC = 'CIVIC',
  PARTY = 'PARTY',
  AWARDS_ISSUED = 'AWARDS_ISSUED',
  REDEMPTIONS = 'REDEMPTIONS',
}

export const PERSON_ACCOUNT_KINDS = [PointAccountKind.CIVIC, PointAccountKind.PARTY] as const;
export type PersonAccountKind = (typeof PERSON_ACCOUNT_KINDS)[number];

/** Why points moved. The first six are awards; REDEMPTION and RED_LINE_VETO take points away. */
export enum PointSource {
  ACTIVITY_ATTENDED = 'ACTIVITY_ATTENDED',
  ORDER_COMPLETED = 'ORDER_COMPLETED',
  MEDIATION_JOINED = 'MEDIATION_JOINED',
  CASE_REPORTED_CONFIRMED = 'CASE_REPORTED_CONFIRMED',
  MANUAL = 'MANUAL',
  DECLARATION = 'DECLARATION',
  REDEMPTION = 'REDEMPTION',
  RED_LINE_VETO = 'RED_LINE_VETO',
}

export enum PostingKind {
  AWARD = 'AWARD',
  VOID = 'VOID',
  REDEMPTION = 'REDEMPTION',
}

/** Manual awards and in-service declarations go through people before points move. */
export enum ApprovalStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** 党员申报 → 召集人汇总 → 社区核实. */
export enum DeclarationStatus {
  DECLARED = 'DECLARED',
  COLLECTED = 'COLLECTED',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}

export enum RedemptionItemKind {
  GOODS = 'GOODS',
  PRIORITY_SERVICE = 'PRIORITY_SERVICE',
}

registerEnumType(PointAccountKind, {
  name: 'PointAccountKind',
  description: 'Kind of points account. 积分账户类别',
  valuesMap: {
    CIVIC: { description: 'A resident\'s civic points (environment, customs, public welfare). 居民文明积分' },
    PARTY: { description: 'A party member\'s points, by member-type rules. 党员积分' },
    AWARDS_ISSUED: { description: 'System account of a village: the other side of every award. 系统账户：已发放积分' },
    REDEMPTIONS: { description: 'System account of a village: points spent on redemptions. 系统账户：已兑换积分' },
  },
});

registerEnumType(PointSource, {
  name: 'PointSource',
  description: 'Why points moved. 积分来源',
  valuesMap: {
    ACTIVITY_ATTENDED: { description: 'Attended a volunteer activity. 参加志愿活动' },
    ORDER_COMPLETED: { description: 'Completed a service order, confirmed. 完成服务单' },
    MEDIATION_JOINED: { description: 'Took part in a dispute mediation. 参与矛盾调解' },
    CASE_REPORTED_CONFIRMED: { description: 'Reported a case the grid verified. 反映问题经核实' },
    MANUAL: { description: 'Awarded by hand, approved by a second admin. 人工加分（经审核）' },
    DECLARATION: { description: 'An in-service member\'s declaration, verified by the community. 在职党员申报（经核实）' },
    REDEMPTION: { description: 'Redeemed for goods or a service. 积分兑换' },
    RED_LINE_VETO: { description: 'Red-line violation: the period\'s points are void. 一票否决' },
  },
});

registerEnumType(PostingKind, {
  name: 'PostingKind',
  description: 'Kind of ledger posting. 记账类别',
  valuesMap: {
    AWARD: { description: 'Points awarded. 积分发放' },
    VOID: { description: 'Points voided by a reversing posting. 积分作废（冲销）' },
    REDEMPTION: { description: 'Points redeemed. 积分兑换' },
  },
});

registerEnumType(ApprovalStatus, {
  name: 'ApprovalStatus',
  description: 'State of a manual award. 人工加分状态',
  valuesMap: {
    PROPOSED: { description: 'Waiting for a second admin. 待审核' },
    APPROVED: { description: 'Approved; the points were awarded. 已通过' },
    REJECTED: { description: 'Rejected. 已驳回' },
  },
});

registerEnumType(DeclarationStatus, {
  name: 'DeclarationStatus',
  description: 'State of an in-service member\'s points declaration. 申报状态',
  valuesMap: {
    DECLARED: { description: 'Declared by the member. 党员已申报' },
    COLLECTED: { description: 'Collected by the convener. 召集人已汇总' },
    VERIFIED: { description: 'Verified by the community; the points were awarded. 社区已核实' },
    REJECTED: { description: 'Rejected. 已驳回' },
  },
});

registerEnumType(RedemptionItemKind, {
  name: 'RedemptionItemKind',
  description: 'What points buy. 兑换品类别',
  valuesMap: {
    GOODS: { description: 'Goods, e.g. daily necessities. 实物' },
    PRIORITY_SERVICE: { description: 'Priority service, e.g. first in line for a clinic. 优先服务' },
  },
});
