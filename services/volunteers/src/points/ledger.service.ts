import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { PartyMemberType } from '../common/party-member-type.js';
import { villageOf } from '../common/access.js';
import { PointAccount } from './point-account.entity.js';
import { PointAccountKind, type PersonAccountKind, type PointSource, type PostingKind } from './points-enums.js';

export interface PostingLine {
  accountId: string;
  /** Credit positive, debit negative. */
  amount: number;
}

export interface NewPosting {
  idempotencyKey: string;
  kind: PostingKind;
  source: PointSource;
  ruleCode?: string | null;
  memo: string;
  areaCode: string;
  occurredAt: Date;
  actor: string;
  lines: PostingLine[];
}

export interface Posted {
  postingId: string;
  /** Balances after the posting, by account id. */
  balances: Map<string, number>;
}

export interface PersonAccountSpec {
  personId: string;
  kind: PersonAccountKind;
  /** Where a new account belongs; an existing account keeps its area. */
  areaCode: string;
  partyMemberType?: PartyMemberType | null;
  holderUserId?: string | null;
}

/** A Keycloak subject (the account columns here are uuids). */
const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * The double-entry core of the dual-points ledger. Every change of a balance is a posting whose
 * entries sum to zero (the database checks it at commit), written with the balances it changes in
 * the caller's transaction, under row locks taken in id order so concurrent postings never deadlock.
 */
@Injectable()
export class LedgerService {
  /**
   * The person's account of that kind, opened on first use (safe against a concurrent opening). A new
   * account's holder is the login people linked to the person (the person directory, §8.7) unless the
   * opener names one.
   */
  async personAccount(em: EntityManager, spec: PersonAccountSpec): Promise<PointAccount> {
    await em.execute(
      `insert into point_account (id, kind, person_id, area_code, party_member_type, holder_user_id, balance, created_at, updated_at, version)
       values (?, ?, ?, ?, ?, coalesce(?::uuid, (select k.user_id::uuid from known_person k where k.person_id = ? and k.user_id ~* ?)), 0, now(), now(), 1)
       on conflict do nothing`,
      [randomUUID(), spec.kind, spec.personId, spec.areaCode, spec.partyMemberType ?? null, spec.holderUserId ?? null, spec.personId, UUID_PATTERN],
      'run',
    );
    // Learn what the opener did not know (the holder's login, the member type) without overwriting it.
    if (spec.holderUserId || spec.partyMemberType) {
      await em.execute(
        `update point_account set holder_user_id = coalesce(holder_user_id, ?), party_member_type = coalesce(party_member_type, ?::party_member_type)
         where person_id = ? and kind = ? and (holder_user_id is null or party_member_type is null)`,
        [spec.holderUserId ?? null, spec.partyMemberType ?? null, spec.personId, spec.kind],
        'run',
      );
    }
    return this.findPersonAccount(em, spec.personId, spec.kind) as Promise<PointAccount>;
  }

  async findPersonAccount(em: EntityManager, personId: string, kind: PointAccountKind): Promise<PointAccount | null> {
    return em.findOne(PointAccount, { personId, kind }, { refresh: true });
  }

  /** A village's system account (AWARDS_ISSUED or REDEMPTIONS), opened on first use. */
  async systemAccount(em: EntityManager, kind: PointAccountKind.AWARDS_ISSUED | PointAccountKind.REDEMPTIONS, areaCode: string): Promise<PointAccount> {
    const village = villageOf(areaCode);
    await em.execute(
      `insert into point_account (id, kind, person_id, area_code, balance, created_at, updated_at, version)
       values (?, ?, null, ?, 0, now(), now(), 1) on conflict do nothing`,
      [randomUUID(), kind, village],
      'run',
    );
    return em.findOneOrFail(PointAccount, { kind, personId: null, areaCode: village }, { refresh: true });
  }

  /** Locks the accounts (in id order) and returns their current balances. */
  async lockAccounts(em: EntityManager, accountIds: string[]): Promise<Map<string, number>> {
    const ids = [...new Set(accountIds)].sort();
    const rows = await em.execute<Array<{ id: string; balance: number }>>(
      `select id, balance from point_account where id in (?) order by id for update`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, Number(row.balance)]));
  }

  /**
   * Writes the posting unless its idempotency key was posted before (then null: the fact was paid
   * already). Must run inside the caller's transaction.
   */
  async post(em: EntityManager, posting: NewPosting): Promise<Posted | null> {
    assertBalanced(posting.lines);
    const postingId = randomUUID();
    // Millisecond times (not now()'s microseconds), so newest-first cursors round-trip exactly.
    const recordedAt = new Date();
    const inserted = await em.execute<Array<{ id: string }>>(
      `insert into ledger_posting (id, idempotency_key, kind, source, rule_code, memo, area_code, occurred_at, recorded_at, actor)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing returning id`,
      [postingId, posting.idempotencyKey, posting.kind, posting.source, posting.ruleCode ?? null, posting.memo, posting.areaCode, posting.occurredAt, recordedAt, posting.actor],
    );
    if (inserted.length === 0) return null;
    await this.lockAccounts(
      em,
      posting.lines.map((line) => line.accountId),
    );
    for (const line of posting.lines) {
      await em.execute(
        `insert into ledger_entry (id, posting_id, account_id, amount, created_at) values (?, ?, ?, ?, ?)`,
        [randomUUID(), postingId, line.accountId, line.amount, recordedAt],
        'run',
      );
    }
    const balances = new Map<string, number>();
    for (const line of posting.lines) {
      const [row] = await em.execute<Array<{ balance: number }>>(
        `update point_account set balance = balance + ?, updated_at = now() where id = ? returning balance`,
        [line.amount, line.accountId],
      );
      balances.set(line.accountId, Number(row.balance));
    }
    return { postingId, balances };
  }
}

export function assertBalanced(lines: PostingLine[]): void {
  if (lines.length < 2) throw new Error('a posting needs at least two entries');
  if (lines.some((line) => !Number.isInteger(line.amount) || line.amount === 0)) throw new Error('entry amounts must be non-zero whole points');
  if (lines.reduce((sum, line) => sum + line.amount, 0) !== 0) throw new Error('a posting must balance: debits equal credits');
}
