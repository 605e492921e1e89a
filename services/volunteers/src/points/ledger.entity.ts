import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PointAccount } from './point-account.entity.js';
import { PointSource, PostingKind } from './points-enums.js';

/** UPDATE and DELETE are refused: a mistake is corrected by a reversing posting, never by an edit. */
function appendOnly(table: string) {
  return Trigger({
    name: `${table}_append_only`,
    timing: 'before',
    events: ['update', 'delete'],
    forEach: 'row',
    body: `raise exception '${table} is append-only' using errcode = 'restrict_violation';`,
  });
}

/**
 * At commit (deferred, so a posting is checked once all its entries are in), the posting touched by
 * the inserted row must have at least two entries summing to zero.
 */
function balanced(table: 'ledger_posting' | 'ledger_entry', postingColumn: 'id' | 'posting_id') {
  const name = `${table}_balanced`;
  const fn = `${table}_${name}_fn`;
  return Trigger({
    name,
    timing: 'after',
    events: ['insert'],
    forEach: 'row',
    expression: `create or replace function "${fn}"() returns trigger as $$
      declare total bigint; lines int;
      begin
        select coalesce(sum("amount"), 0), count(*) into total, lines from "ledger_entry" where "posting_id" = new."${postingColumn}";
        if lines < 2 or total <> 0 then
          raise exception 'ledger posting % does not balance: % entries summing to %', new."${postingColumn}", lines, total using errcode = 'check_violation';
        end if;
        return null;
      end; $$ language plpgsql;
      create constraint trigger "${name}" after insert on "${table}" deferrable initially deferred for each row execute function "${fn}"();`,
  });
}

/**
 * One business fact that moves points (an award, a void, a redemption): append-only, with a unique
 * idempotency key derived from the fact (e.g. `case-verified:<caseId>`), so it is never paid twice.
 * Database triggers refuse UPDATE and DELETE and check at commit that its entries balance.
 */
@Entity({ tableName: 'ledger_posting' })
@Index({ name: 'ledger_posting_area_code_idx', expression: 'create index "ledger_posting_area_code_idx" on "ledger_posting" ("area_code" text_pattern_ops)' })
@Index({ name: 'ledger_posting_occurred_idx', properties: ['occurredAt'] })
@ObjectType({ description: 'A ledger posting: one debit and one credit of equal points. 记账凭证' })
@(appendOnly('ledger_posting'))
@(balanced('ledger_posting', 'id'))
export class LedgerPosting {
  [OptionalProps]?: 'recordedAt' | 'ruleCode';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Posting id. 凭证ID' })
  id: string = randomUUID();

  @Property({ type: 'text', unique: true })
  @Field({ description: 'Key of the business fact; a fact is posted once. 幂等键' })
  idempotencyKey: string;

  @Enum({ items: () => PostingKind, nativeEnumName: 'posting_kind' })
  @Field(() => PostingKind, { description: 'Kind. 类别' })
  kind: PostingKind;

  @Enum({ items: () => PointSource, nativeEnumName: 'point_source' })
  @Field(() => PointSource, { description: 'Source. 来源' })
  source: PointSource;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The point rule applied, for awards. 积分规则代码' })
  ruleCode: string | null = null;

  @Property({ type: 'text' })
  @Field({ description: 'What happened. 摘要' })
  memo: string;

  @Property({ type: 'text' })
  @Field({ description: 'Area of the person account it moves. 所属区域代码' })
  areaCode: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When the fact happened; months and periods count by it. 业务发生时间' })
  occurredAt: Date;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it was written. 记账时间' })
  recordedAt: Date = new Date();

  @Property({ type: 'text' })
  @Field({ description: 'Who caused it: a user id, or system. 操作人' })
  actor: string;
}

/** One side of a posting: credit (+) or debit (−) of an account. */
@Entity({ tableName: 'ledger_entry' })
@Index({ name: 'ledger_entry_account_idx', properties: ['account', 'createdAt'] })
@Index({ name: 'ledger_entry_posting_idx', properties: ['posting'] })
@Check({ name: 'ledger_entry_amount_check', expression: '"amount" <> 0' })
@ObjectType({ description: 'A ledger entry: a credit (positive) or debit (negative) of one account. 记账分录' })
@(appendOnly('ledger_entry'))
@(balanced('ledger_entry', 'posting_id'))
export class LedgerEntry {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Entry id. 分录ID' })
  id: string = randomUUID();

  @ManyToOne(() => LedgerPosting, { mapToPk: true, fieldName: 'posting_id', deleteRule: 'no action', updateRule: 'no action' })
  @Field(() => ID, { name: 'postingId', description: 'Its posting. 凭证ID' })
  posting: string;

  @ManyToOne(() => PointAccount, { mapToPk: true, fieldName: 'account_id', deleteRule: 'no action', updateRule: 'no action' })
  @Field(() => ID, { name: 'accountId', description: 'The account. 账户ID' })
  account: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Points: positive credits the account, negative debits it. 积分（正为贷记，负为借记）' })
  amount: number;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it was written. 记账时间' })
  createdAt: Date = new Date();
}
