import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '@lianxin/auth';
import { Volunteer } from './volunteer.entity.js';

/**
 * The caller's own Volunteer record (DOMAIN.md §8.7): the one linked to their login. Every write a
 * volunteer makes as themselves (claim, complete, sign up, declare) and Viewer.volunteer go through
 * this one function.
 */
export function ownVolunteer(em: EntityManager, user: AuthUser): Promise<Volunteer | null> {
  return em.findOne(Volunteer, { userId: user.sub });
}
