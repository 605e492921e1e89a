import { Entity, Enum, Index, PrimaryKey, Property, Trigger, Unique } from '@mikro-orm/decorators/legacy';
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BaseEntity } from '@lianxin/db';
import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { StarScore } from '../star-rating/star-score.type.js';
import { ObjectionOutcome, PublicNoticeKind, PublicNoticeStatus } from './public-notice.enums.js';

/**
 * A result on public notice (亮分公示 / 张榜公示, DOMAIN.md §8.5): a star-rating round once the committee
 * records PUBLICLY_NOTIFIED, or a village's monthly points leaderboard. The village's residents and the
 * branch's members read it during its notice period and may object; the committee answers every
 * objection before it makes the result final.
 */
@Entity({ tableName: 'public_notice' })
@Unique({ name: 'public_notice_subject_unique', properties: ['kind', 'subjectKey'] })
@Index({ name: 'public_notice_village_idx', expression: 'create index "public_notice_village_idx" on "public_notice" ("village_code" text_pattern_ops, "closes_at")' })
@ObjectType({ description: 'A result on public notice, with its objections. 公示' })
export class PublicNotice extends BaseEntity<'status' | 'finalizedAt' | 'finalizedBy' | 'roundId' | 'stars' | 'totalScore' | 'vetoed' | 'scores' | 'month'> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Enum({ items: () => PublicNoticeKind, nativeEnumName: 'public_notice_kind' })
  @Field(() => PublicNoticeKind, { description: 'What is on notice. 公示类别' })
  kind: PublicNoticeKind;

  /** The round id, or `<village>:<YYYY-MM>` for a leaderboard: one notice per result. */
  @Property({ type: 'text' })
  subjectKey: string;

  @Property({ type: 'text' })
  @Field({ description: "The branch area (village or grid) of the result. 所属区域代码" })
  areaCode: string;

  @Property({ type: 'text' })
  @Field({ description: 'The village whose residents and members read it. 公示范围（村/社区）' })
  villageCode: string;

  @Property({ type: 'text' })
  @Field({ description: 'What the notice board says. 公示标题' })
  title: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Notice period begins. 公示开始' })
  opensAt: Date;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Notice period ends (county setting NOTICE_PERIOD). 公示截止' })
  closesAt: Date;

  @Enum({ items: () => PublicNoticeStatus, nativeEnumName: 'public_notice_status' })
  @Field(() => PublicNoticeStatus, { description: 'Status. 状态' })
  status: PublicNoticeStatus = PublicNoticeStatus.OPEN;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the result became final. 定案时间' })
  finalizedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who made it final. 定案人' })
  finalizedBy: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'Who published it. 发布人' })
  openedBy: string;

  // The proposed result as published (a star-rating round's; null for a leaderboard, read from volunteers).
  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The rating round on notice. 评定轮次' })
  roundId: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The leaderboard month (YYYY-MM). 积分榜月份' })
  month: string | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Proposed stars. 拟定星级' })
  stars: number | null = null;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Proposed total score. 拟定总分' })
  totalScore: number | null = null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'A red line vetoes the rating. 是否一票否决' })
  vetoed: boolean | null = null;

  @Property({ type: 'jsonb', nullable: true })
  @Field(() => [StarScore], { nullable: true, description: 'Proposed score of each star. 各星得分' })
  scores: StarScore[] | null = null;
}

/** An objection (异议) filed during a notice period, and the committee's answer. */
@Entity({ tableName: 'notice_objection' })
@Index({ name: 'notice_objection_notice_idx', properties: ['noticeId'] })
@ObjectType({ description: 'An objection to a result on public notice, and its answer. 异议' })
export class NoticeObjection extends BaseEntity<'answer' | 'outcome' | 'answeredBy' | 'answeredAt'> {
  @Field(() => ID, { description: 'Id. 编号' })
  declare id: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The notice. 公示' })
  noticeId: string;

  @Property({ type: 'text' })
  @Field({ description: 'Who objected (account id). 异议人' })
  filedBy: string;

  @Property({ type: 'text' })
  @Field({ description: 'As what: resident, volunteer (member), or the rated member. 异议人身份' })
  filedAs: string;

  @Property({ type: 'text' })
  @Field({ description: 'The objection. 异议内容' })
  text: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When. 提出时间' })
  filedAt: Date;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "The committee's answer. 答复" })
  answer: string | null = null;

  @Enum({ items: () => ObjectionOutcome, nullable: true, nativeEnumName: 'objection_outcome' })
  @Field(() => ObjectionOutcome, { nullable: true, description: 'Upheld or dismissed. 处理结果' })
  outcome: ObjectionOutcome | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who answered. 答复人' })
  answeredBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was answered. 答复时间' })
  answeredAt: Date | null = null;
}

/** Everything that happened to notices and objections, append-only (who, what, when). */
@Entity({ tableName: 'public_notice_log' })
@Trigger({ name: 'append_only', timing: 'before', events: ['update', 'delete'], forEach: 'row', body: "raise exception 'public_notice_log is append-only'" })
@Index({ name: 'public_notice_log_notice_idx', properties: ['noticeId'] })
export class PublicNoticeLog {
  [OptionalProps]?: 'id' | 'objectionId' | 'at';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  noticeId: string;

  @Property({ type: 'uuid', nullable: true })
  objectionId: string | null = null;

  @Property({ type: 'text' })
  action: string;

  @Property({ type: 'text' })
  actor: string;

  @Property({ type: 'text' })
  detail: string;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();
}
