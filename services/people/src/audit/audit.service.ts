import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { prefixPattern } from '@lianxin/db';
import { type AuthUser } from '@lianxin/auth';
import { paginate, type Connection, type PageArgs } from '@lianxin/graphql';
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
}

@Injectable()
export class AuditService {
  constructor(private readonly em: EntityManager) {}

  /** Written and committed on its own, before the caller sees anything: a refusal that throws afterwards is still recorded. */
  async record(user: AuthUser, record: AuditRecord): Promise<void> {
    const em = this.em.fork();
    em.create(AuditLogEntry, {
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
    });
    await em.flush();
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
