import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, scopeFilter, type AuthUser } from '@lianxin/auth';
import { recordEvent } from '@lianxin/events';
import { claimIdempotencyKey } from '@lianxin/db';
import { badUserInput, occurredAtOf, type Connection, newestFirst, type PageArgs, paginate } from '@lianxin/graphql';
import { whenDone } from '../common/time.js';
import { GridEvents, type PatrolRecordedData } from '../events/grid-events.js';
import { StaffService } from '../staff/staff.service.js';
import type { RecordPatrolInput } from './field-work.inputs.js';
import { Hazard } from './hazard.entity.js';
import { HazardService } from './hazard.service.js';
import { KeyPlace } from './key-place.entity.js';
import { Patrol } from './patrol.entity.js';

const byPatrolledAt = newestFirst<Patrol>('patrolledAt');

@Injectable()
export class PatrolService {
  constructor(
    private readonly em: EntityManager,
    private readonly staff: StaffService,
    private readonly hazards: HazardService,
  ) {}

  ofKeyPlace(user: AuthUser, keyPlaceId: string, page: PageArgs): Promise<Connection<Patrol>> {
    const where = { $and: [{ keyPlaceId }, scopeFilter(user, 'gridCode')] };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(Patrol, { $and: [where, byPatrolledAt.after(afterKey)] }, { orderBy: byPatrolledAt.orderBy, limit }),
      byPatrolledAt.keyOf,
      () => this.em.count(Patrol, where),
    );
  }

  /** Records the patrol and reports each hazard found, all in one transaction. */
  async record(user: AuthUser, input: RecordPatrolInput): Promise<{ patrol: Patrol; hazards: Hazard[] }> {
    const { patrol, hazards } = await this.recordOnce(user, input);
    return { patrol, hazards };
  }

  /** Once per idempotency key: a replay returns the first patrol and its hazards (`replayed`) and writes nothing. */
  async recordOnce(user: AuthUser, input: RecordPatrolInput): Promise<{ patrol: Patrol; hazards: Hazard[]; replayed: boolean }> {
    return this.em.transactional(async (em) => {
      const claim = await claimIdempotencyKey<{ patrolId: string }>(em, { caller: user.sub, operation: 'recordPatrol', key: input.idempotencyKey, payload: input });
      if (claim.replay) {
        const patrol = await em.findOneOrFail(Patrol, { id: claim.replay.patrolId });
        return { patrol, hazards: await em.find(Hazard, { patrolId: patrol.id }, { orderBy: { reportedAt: 'asc', id: 'asc' } }), replayed: true };
      }
      const patrolledAt = input.patrolledAt ? whenDone(input.patrolledAt, 'patrolledAt') : occurredAtOf(input.occurredAt);
      const place = await em.findOne(KeyPlace, { id: input.keyPlaceId });
      if (!place) throw badUserInput('keyPlaceId', 'no key place has this id');
      assertInScope(user, place.gridCode, 'grid');
      const staff = await this.staff.recorder(em, user, place.gridCode, input.staffId);
      const patrol = em.create(Patrol, {
        gridCode: place.gridCode,
        keyPlaceId: place.id,
        staffId: staff.id,
        patrolledAt,
        notes: input.notes?.trim() ?? null,
        recordedBy: user.sub,
      });
      const hazards = input.hazards.map((hazard) =>
        this.hazards.create(em, {
          gridCode: place.gridCode,
          keyPlaceId: place.id,
          patrolId: patrol.id,
          description: hazard.description.trim(),
          severity: hazard.severity,
          category: hazard.category,
          reportedBy: user.sub,
          reportedByName: staff.name,
          reportedAt: patrolledAt,
        }),
      );
      recordEvent<PatrolRecordedData>(em, {
        type: GridEvents.PATROL_RECORDED,
        areaCode: place.gridCode,
        actor: user.sub,
        data: {
          patrolId: patrol.id,
          gridCode: place.gridCode,
          keyPlaceId: place.id,
          staffId: staff.id,
          staffUserId: staff.userId,
          hazardCount: hazards.length,
          patrolledAt: patrolledAt.toISOString(),
        },
      });
      claim.remember({ patrolId: patrol.id });
      return { patrol, hazards, replayed: false };
    });
  }
}
