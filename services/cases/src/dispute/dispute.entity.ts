import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';

/** Where a dispute is mediated (三调): small ones in the grid, big ones in the village, legal ones by experts. */
export enum MediationLevel {
  GRID = 'GRID',
  VILLAGE = 'VILLAGE',
  EXPERT = 'EXPERT',
}

export enum DisputeOutcome {
  PENDING = 'PENDING',
  SETTLED = 'SETTLED',
  FAILED = 'FAILED',
  REFERRED = 'REFERRED',
}

export enum SessionOutcome {
  SETTLED = 'SETTLED',
  PARTIAL = 'PARTIAL',
  ADJOURNED = 'ADJOURNED',
  FAILED = 'FAILED',
}

registerEnumType(MediationLevel, {
  name: 'MediationLevel',
  description: 'Who mediates (三调). 调解层级',
  valuesMap: {
    GRID: { description: 'Small disputes settled in the grid. 网格调解' },
    VILLAGE: { description: 'Bigger ones in the village or community. 村（社区）调解' },
    EXPERT: { description: 'Legal ones by lawyers, judges or mediation rooms. 专业调解' },
  },
});

registerEnumType(DisputeOutcome, {
  name: 'DisputeOutcome',
  description: 'Where a dispute stands. 纠纷调解结果',
  valuesMap: {
    PENDING: { description: 'Being mediated. 调解中' },
    SETTLED: { description: 'Settled by mediation. 调解成功' },
    FAILED: { description: 'Mediation failed. 调解失败' },
    REFERRED: { description: 'Referred to litigation or arbitration. 转诉讼/仲裁' },
  },
});

registerEnumType(SessionOutcome, {
  name: 'SessionOutcome',
  description: 'Result of one mediation session. 单次调解结果',
  valuesMap: {
    SETTLED: { description: 'Agreement reached. 达成协议' },
    PARTIAL: { description: 'Partly agreed. 部分达成' },
    ADJOURNED: { description: 'To be continued. 择期再调' },
    FAILED: { description: 'No agreement. 未达成' },
  },
});

@ObjectType({ description: 'A party to a dispute. 纠纷当事人' })
export class DisputeParty {
  @Field({ description: 'Name. 姓名或名称' })
  name: string;

  @Field(() => ID, { nullable: true, description: 'The person, when on the population ledger. 人员编号' })
  personId?: string | null;

  @Field(() => String, { nullable: true, description: 'Role, e.g. 申请人, 被申请人. 角色' })
  role?: string | null;
}

/** A dispute (矛盾纠纷) attached to a case, mediated in sessions. */
@Entity({ tableName: 'dispute' })
@Index({ name: 'dispute_grid_code_idx', expression: 'create index "dispute_grid_code_idx" on "dispute" ("grid_code" text_pattern_ops, "opened_at")' })
// Pending disputes, for the stage-limit warnings (warnings/warning-rules.ts).
@Index({ name: 'dispute_pending_idx', expression: 'create index "dispute_pending_idx" on "dispute" ("opened_at") where "outcome" = \'PENDING\'' })
@ObjectType({ description: 'A dispute on a case and its mediation. 矛盾纠纷' })
export class Dispute extends BaseEntity<'outcome' | 'closedAt' | 'summary'> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Property({ type: 'uuid' })
  @Unique({ name: 'dispute_case_unique' })
  @Field(() => ID, { description: 'The case. 事项' })
  caseId: string;

  @Property({ type: 'text' })
  @Field({ description: 'Grid of the case (scope). 网格代码' })
  gridCode: string;

  /** GraphQL field in DisputeResolver: handlers and auditors only (dispute.policy.ts). */
  @Property({ type: 'jsonb' })
  parties: DisputeParty[];

  @Enum({ items: () => MediationLevel, nativeEnumName: 'mediation_level' })
  @Field(() => MediationLevel, { description: 'Level mediating it now. 当前调解层级' })
  level: MediationLevel;

  @Enum({ items: () => DisputeOutcome, nativeEnumName: 'dispute_outcome' })
  @Field(() => DisputeOutcome, { description: 'Outcome. 调解结果' })
  outcome: DisputeOutcome = DisputeOutcome.PENDING;

  /** GraphQL field in DisputeResolver: handlers and auditors only (dispute.policy.ts). */
  @Property({ type: 'text', nullable: true })
  summary: string | null = null;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When mediation started. 受理时间' })
  openedAt: Date;

  @Property({ type: 'text' })
  @Field({ description: 'Who opened it. 受理人' })
  openedByUserId: string;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was settled, failed or referred. 结案时间' })
  closedAt: Date | null = null;

  @Field(() => Int, { description: 'Optimistic-lock version; pass it back as expectedVersion. 版本号' })
  declare version: number;
}

/** One mediation session of a dispute. */
@Entity({ tableName: 'mediation_session' })
@Index({ name: 'mediation_session_dispute_idx', properties: ['disputeId', 'heldAt'] })
@ObjectType({ description: 'A mediation session. 调解记录' })
export class MediationSession {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Id. 编号' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The dispute. 纠纷' })
  disputeId: string;

  @Enum({ items: () => MediationLevel, nativeEnumName: 'mediation_level' })
  @Field(() => MediationLevel, { description: 'Level of this session. 调解层级' })
  level: MediationLevel;

  @Property({ type: 'text' })
  @Field({ description: 'Mediator: a user id, or the name of an outside expert. 调解员' })
  mediator: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it was held. 调解时间' })
  heldAt: Date;

  @Enum({ items: () => SessionOutcome, nativeEnumName: 'session_outcome' })
  @Field(() => SessionOutcome, { description: 'Result. 结果' })
  outcome: SessionOutcome;

  /** Read through Dispute.sessions only: null there for anyone but the dispute's handlers and auditors. */
  @Property({ type: 'text' })
  @Field(() => String, { nullable: true, description: "What was discussed and agreed; only the dispute's handlers and auditors read it. 调解情况（仅承办人和审计可见）" })
  notes: string;

  @Property({ type: 'text' })
  @Field({ description: 'Who recorded it. 记录人' })
  recordedByUserId: string;
}
