import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { prefixPattern } from '@lianxin/db';
import { type AuthUser } from '@lianxin/auth';
import { forbidden, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import type { GraphQLError } from 'graphql';
import { AuditAction, PersonalDataField } from './audit-enums.js';
import { AuditLogEntry } from './audit-log.entity.js';
import type { AuditLogFilter } from './audit.inputs.js';

export interface AuditRecord {
  action: AuditAction;
  field: PersonalDataField;
  personId: string | null;
  areaCode: string;
  purpose?: string | null;
  allowed: boolean;
  refusalReason?: string | null;
  /** The filter of a list or statistic (JSON). */
  filter?: string | null;
  rowCount?: number | null;
}

/** At most `max` audit lines of `action` by one user per `windowMs` (optionally only refused ones with this reason). */
export interface RateLimit {
  action: AuditAction;
  max: number;
  windowMs: number;
  /** Count only refusals with this reason (e.g. wrong link codes); all lines of the action otherwise. */
  countOnlyRefusal?: string;
  /** What the refusal says, written to the audit line and the FORBIDDEN error. */
  refusal: string;
  field: PersonalDataField;
}

/** What rate-limited work produced: audit lines to write, and either a value or an error to throw after they are committed. */
export type LimitedOutcome<T> = { records: AuditRecord[] } & ({ value: T } | { error: GraphQLError });

@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  private entry(em: EntityManager, user: AuthUser, record: AuditRecord): AuditLogEntry {
    return em.create(AuditLogEntry, {
      actorUserId: user.sub,
      actorUsername: user.username,
      actorRoles: [...user.roles],
      action: record.action,
      field: record.field,
      personId: record.personId,
      areaCode: record.areaCode,
      purpose: record.purpose ?? null,
      allowed: record.allowed,
      refusalReason: record.refusalReason ?? null,
      filter: record.filter ?? null,
      rowCount: record.rowCount ?? null,
    }, { persist: false });
  }

  /** Written and committed on its own, before the caller sees anything: a refusal that throws afterwards is still recorded. */
  async record(user: AuthUser, record: AuditRecord): Promise<void> {
    await this.recordMany(user, [record]);
  }

  /** Several lines in one statement, committed on their own. */
  async recordMany(user: AuthUser, records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const em = this.em.fork();
    const entries = records.map((record) => this.entry(em, user, record));
    await em.insertMany(entries);
  }

  /**
   * Runs `work` under a per-user rate limit counted from the audit log itself, so it holds across
   * replicas and restarts: the user's lines of the action in the window are counted under a
   * transaction-scoped advisory lock (concurrent calls of one user queue), and the work's audit lines
   * are written in that transaction. Over the limit, one refused line is written and FORBIDDEN thrown.
   */
  async rateLimited<T>(user: AuthUser, limit: RateLimit, areaCode: string, work: () => Promise<LimitedOutcome<T>>): Promise<T> {
    const em = this.em.fork();
    const outcome = await em.transactional(async (tx): Promise<LimitedOutcome<T>> => {
      await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`audit-limit:${limit.action}:${user.sub}`]);
      const since = new Date(Date.now() - limit.windowMs);
      const onlyRefused = limit.countOnlyRefusal !== undefined ? ' and not allowed and refusal_reason = ?' : '';
      const [{ n }] = await tx.execute<Array<{ n: string }>>(
        `select count(*) as n from audit_log where actor_user_id = ? and action = ? and at >= ?${onlyRefused}`,
        [user.sub, limit.action, since, ...(limit.countOnlyRefusal !== undefined ? [limit.countOnlyRefusal] : [])],
      );
      const result: LimitedOutcome<T> =
        Number(n) >= limit.max
          ? { records: [{ action: limit.action, field: limit.field, personId: null, areaCode, allowed: false, refusalReason: limit.refusal }], error: forbidden(limit.refusal) }
          : await work();
      if (result.records.length > 0) await tx.insertMany(result.records.map((record) => this.entry(tx, user, record)));
      return result;
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }

  /** Newest first, inside the caller's area. */
  search(user: AuthUser, filter: AuditLogFilter | undefined, page: PageArgs): Promise<Connection<AuditLogEntry>> {
    const conditions: object[] = [{ areaCode: { $like: prefixPattern(user.areaCode) } }];
    if (filter?.personId) conditions.push({ personId: filter.personId });
    if (filter?.actorUserId) conditions.push({ actorUserId: filter.actorUserId });
    if (filter?.action) conditions.push({ action: filter.action });
    if (filter?.allowed !== undefined && filter.allowed !== null) conditions.push({ allowed: filter.allowed });
    if (filter?.since) conditions.push({ at: { $gte: filter.since } });
    if (filter?.before) conditions.push({ at: { $lt: filter.before } });
    const where = { $and: conditions };
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(AuditLogEntry, afterKey ? { $and: [...conditions, { seq: { $lt: afterKey } }] } : where, { orderBy: { seq: 'desc' }, limit }),
      (entry) => String(entry.seq),
      () => this.em.count(AuditLogEntry, where),
    );
  }
}
