import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, scopeFilter, type AuthUser } from '@lianxin/auth';
import { claimIdempotencyKey } from '@lianxin/db';
import { recordEvent } from '@lianxin/events';
import { badUserInput, type Connection, newestFirst, notFound, occurredAtOf, type PageArgs, paginate } from '@lianxin/graphql';
import { assertMay, mayReadPatrols, mayRecordPatrols } from '../common/police-access.js';
import { assertNotInFuture } from '../common/time.js';
import { PoliceEvents, type PatrolRecordedData } from '../events/police-events.js';
import { CommunityOfficer } from '../officer/officer.entity.js';
import { PolicePatrol } from './patrol.entity.js';
import type { PolicePatrolFilter, RecordPolicePatrolInput } from './patrol.inputs.js';

const newest = newestFirst<PolicePatrol>('patrolledAt');

@Injectable()
export class PatrolService {
  constructor(private readonly em: EntityManager) {}

  /** Patrols in the user's area, newest first (keyset on patrolledAt, id), optionally of one grid. */
  list(user: AuthUser, page: PageArgs, filter: PolicePatrolFilter = {}): Promise<Connection<PolicePatrol>> {
    assertMay(mayReadPatrols(user), 'read police patrols');
    const where = { $and: [scopeFilter(user, 'gridCode'), filter.gridCode ? { gridCode: filter.gridCode } : {}] };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(PolicePatrol, { $and: [where, newest.after(afterKey)] }, { orderBy: newest.orderBy, limit }),
      newest.keyOf,
      () => this.em.count(PolicePatrol, where),
    );
  }

  async get(user: AuthUser, id: string): Promise<PolicePatrol> {
    // The role first, as for the list: a role that may not read patrols gets FORBIDDEN, whether or not the id exists.
    assertMay(mayReadPatrols(user), 'read police patrols');
    const [patrol] = await this.findInScope(user, [id]);
    if (!patrol) throw notFound('PolicePatrol', id);
    return patrol;
  }

  /** For references: patrols outside the area, or for a role that may not read them, resolve to null. */
  async findInScope(user: AuthUser, ids: readonly string[]): Promise<PolicePatrol[]> {
    if (!mayReadPatrols(user)) return [];
    return this.em.find(PolicePatrol, { $and: [{ id: { $in: [...ids] } }, scopeFilter(user, 'gridCode')] });
  }

  async record(user: AuthUser | 'system', input: RecordPolicePatrolInput): Promise<PolicePatrol> {
    if (user !== 'system') {
      assertMay(mayRecordPatrols(user), 'record police patrols');
      assertInScope(user, input.gridCode, 'grid');
    }
    assertNotInFuture('patrolledAt', input.patrolledAt);
    const actor = user === 'system' ? 'system' : user.sub;
    return this.em.transactional(async (em) => {
      // Once per idempotency key (issue 17): a replay returns the first patrol and writes nothing.
      const claim = await claimIdempotencyKey<{ patrolId: string }>(em, { caller: actor, operation: 'recordPolicePatrol', key: input.idempotencyKey, payload: input });
      if (claim.replay) return em.findOneOrFail(PolicePatrol, { id: claim.replay.patrolId });
      occurredAtOf(input.occurredAt);
      if (input.officerId && !(await em.findOne(CommunityOfficer, { id: input.officerId, gridCode: input.gridCode }))) {
        throw badUserInput('officerId', `is not a community officer posted to grid ${input.gridCode}`);
      }
      const patrol = em.create(PolicePatrol, {
        gridCode: input.gridCode,
        route: input.route.trim(),
        findings: input.findings?.trim() || null,
        patrolledAt: input.patrolledAt,
        officerId: input.officerId ?? null,
        recordedBy: actor,
      });
      recordEvent<PatrolRecordedData>(em, {
        type: PoliceEvents.PATROL_RECORDED,
        areaCode: patrol.gridCode,
        actor,
        data: { patrolId: patrol.id, gridCode: patrol.gridCode, officerId: patrol.officerId, patrolledAt: patrol.patrolledAt.toISOString(), recordedBy: actor },
      });
      claim.remember({ patrolId: patrol.id });
      return patrol;
    });
  }
}
