import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { prefixPattern } from '@lianxin/db';
import { assertInScope, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { PoliceRecord } from './record.entity.js';
import type { CreatePoliceRecordInput } from './record.inputs.js';

@Injectable()
export class RecordService {
  constructor(private readonly em: EntityManager) {}

  /** Records in the user's scope, newest first by id, optionally of one grid. */
  list(user: AuthUser, page: PageArgs, gridCode?: string): Promise<Connection<PoliceRecord>> {
    const where = { $and: [{ gridCode: { $like: prefixPattern(user.areaCode) } }, ...(gridCode ? [{ gridCode }] : [])] };
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(PoliceRecord, afterKey ? { $and: [where, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (record) => record.id,
      () => this.em.count(PoliceRecord, where),
    );
  }

  findInScope(user: AuthUser, ids: readonly string[]): Promise<PoliceRecord[]> {
    return this.em.find(PoliceRecord, { id: { $in: [...ids] }, gridCode: { $like: prefixPattern(user.areaCode) } });
  }

  async create(user: AuthUser, input: CreatePoliceRecordInput): Promise<PoliceRecord> {
    assertInScope(user, input.gridCode, 'grid');
    return this.em.transactional(async (em) => {
      const record = em.create(PoliceRecord, { ...input, notes: input.notes ?? null, recordedBy: user.sub });
      recordEvent(em, { type: 'police.record.created', areaCode: input.gridCode, actor: user.sub, data: { id: record.id, gridCode: input.gridCode } });
      return record;
    });
  }
}
