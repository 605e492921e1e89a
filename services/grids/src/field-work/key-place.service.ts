import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { assertInScope, scopeFilter, type AuthUser } from '@lianxin/auth';
import { claimIdempotencyKey } from '@lianxin/db';
import { badUserInput, notFound, occurredAtOf, paginate, type Connection, type PageArgs } from '@lianxin/graphql';
import type { Actor } from '../common/access.js';
import { Grid } from '../grid/grid.entity.js';
import { KeyPlace } from './key-place.entity.js';
import type { KeyPlaceFilter, RegisterKeyPlaceInput } from './field-work.inputs.js';

@Injectable()
export class KeyPlaceService {
  constructor(private readonly em: EntityManager) {}

  async get(user: AuthUser, id: string): Promise<KeyPlace> {
    const place = await this.em.findOne(KeyPlace, { id });
    if (!place) throw notFound('KeyPlace', id);
    assertInScope(user, place.gridCode, 'grid');
    return place;
  }

  findVisible(user: AuthUser, ids: readonly string[]): Promise<KeyPlace[]> {
    return this.em.find(KeyPlace, { $and: [{ id: { $in: [...ids] } }, scopeFilter(user, 'gridCode')] });
  }

  search(user: AuthUser, filter: KeyPlaceFilter | undefined, page: PageArgs): Promise<Connection<KeyPlace>> {
    const where = {
      $and: [scopeFilter(user, 'gridCode'), filter?.gridCode ? { gridCode: filter.gridCode } : {}, filter?.kind ? { kind: filter.kind } : {}],
    };
    return paginate(
      page,
      ({ limit, afterKey }) =>
        this.em.find(KeyPlace, afterKey ? { $and: [where, { id: { $gt: afterKey } }] } : where, { orderBy: { id: 'asc' }, limit }),
      (place) => place.id,
      () => this.em.count(KeyPlace, where),
    );
  }

  async register(actor: Actor, input: RegisterKeyPlaceInput): Promise<KeyPlace> {
    if (actor !== 'system') assertInScope(actor, input.gridCode, 'grid');
    return this.em.transactional(async (em) => {
      const claim = await claimIdempotencyKey<{ keyPlaceId: string }>(em, { caller: actor === 'system' ? 'system' : actor.sub, operation: 'registerKeyPlace', key: input.idempotencyKey, payload: input });
      if (claim.replay) return em.findOneOrFail(KeyPlace, { id: claim.replay.keyPlaceId });
      occurredAtOf(input.occurredAt);
      if (!(await em.findOne(Grid, { code: input.gridCode }))) throw badUserInput('gridCode', `grid ${input.gridCode} does not exist`);
      const place = em.create(KeyPlace, { gridCode: input.gridCode, kind: input.kind, name: input.name.trim(), address: input.address.trim() });
      claim.remember({ keyPlaceId: place.id });
      return place;
    });
  }
}
