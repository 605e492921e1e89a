import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, scopeFilter, type AuthUser } from '@lianxin/auth';
import { prefixPattern } from '@lianxin/db';
import { badUserInput, conflict, newestFirst, notFound, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import { HouseholdService } from '../household/household.service.js';
import { PersonService } from '../person/person.service.js';
import { EditConflict, EditConflictEntity, EditConflictStatus } from './edit-conflict.entity.js';
import type { EditConflictFilter, ResolveEditConflictInput } from './edit-conflict.inputs.js';

const byCreatedAt = newestFirst<EditConflict>('createdAt');

/** The update input key of each parked field. */
const PERSON_INPUT: Record<string, string> = { name: 'name', sex: 'sex', address: 'address', residenceStatus: 'residenceStatus', household: 'householdId' };
const HOUSEHOLD_INPUT: Record<string, string> = { address: 'address', head: 'headId', linkingPartyMember: 'linkingPartyMemberId' };

/** The grid leader's list of same-field edit conflicts (scoped in SQL by grid code) and their resolution. */
@Injectable()
export class EditConflictService {
  constructor(
    private readonly em: EntityManager,
    private readonly persons: PersonService,
    private readonly households: HouseholdService,
  ) {}

  list(user: AuthUser, filter: EditConflictFilter | undefined, page: PageArgs): Promise<Connection<EditConflict>> {
    const where = {
      $and: [
        scopeFilter(user, 'gridCode'),
        { status: filter?.status ?? EditConflictStatus.OPEN },
        filter?.areaCode ? { gridCode: { $like: prefixPattern(filter.areaCode) } } : {},
        filter?.entityId ? { entityId: filter.entityId } : {},
      ],
    };
    return paginate(
      page,
      ({ limit, afterKey }) => this.em.find(EditConflict, { $and: [where, byCreatedAt.after(afterKey)] }, { orderBy: byCreatedAt.orderBy, limit }),
      byCreatedAt.keyOf,
      () => this.em.count(EditConflict, where),
    );
  }

  /** Accept applies the proposed value now (as an edit of the leader's); reject keeps the current value. Either closes it. */
  async resolve(user: AuthUser, input: ResolveEditConflictInput): Promise<EditConflict> {
    const found = await this.em.fork().findOne(EditConflict, { id: input.id });
    if (!found) throw notFound('EditConflict', input.id);
    assertInScope(user, found.gridCode, 'conflict in grid');
    if (found.status !== EditConflictStatus.OPEN) throw conflict(`the conflict was already resolved (${found.status})`);
    if (input.accept) {
      if (found.entityType === EditConflictEntity.PERSON) {
        const key = PERSON_INPUT[found.field];
        if (!key) throw badUserInput('id', `field ${found.field} cannot be applied`);
        // An empty address removes it (as updatePerson takes it).
        await this.persons.update(user, { id: found.entityId, [key]: found.proposedValue ?? (key === 'address' ? '' : undefined) } as never);
      } else {
        const key = HOUSEHOLD_INPUT[found.field];
        if (!key || found.proposedValue === null) throw badUserInput('id', `field ${found.field} cannot be applied`);
        await this.households.update(user, { id: found.entityId, [key]: found.proposedValue } as never);
      }
    }
    return this.em.transactional(async (em) => {
      const row = await em.findOneOrFail(EditConflict, { id: input.id }, { lockMode: 4 /* PESSIMISTIC_WRITE */ });
      if (row.status !== EditConflictStatus.OPEN) throw conflict(`the conflict was already resolved (${row.status})`);
      Object.assign(row, {
        status: input.accept ? EditConflictStatus.ACCEPTED : EditConflictStatus.REJECTED,
        resolvedBy: user.sub,
        resolvedAt: new Date(),
        resolutionNote: input.note?.trim() || null,
      });
      return row;
    });
  }
}
