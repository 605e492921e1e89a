import type { EntityManager } from '@mikro-orm/postgresql';
import { personDirectoryConsumer, PersonDirectoryEvents, type ConsumerDefinition, type EventEnvelope } from '@lianxin/events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The person directory's consumer for this service, and one step more (DOMAIN.md §8.7): a volunteer
 * record, a person's points accounts and the service orders made for them belong to the login people
 * linked to that person. After an event that says who a person's account is (people.account.linked /
 * unlinked, or a registration that names one), Volunteer.userId, PointAccount.holderUserId and
 * ServiceOrder.requesterUserId of that person follow the directory's link, and the account leaves any
 * other person's records. Every write that a volunteer or resident makes "as themselves" finds their
 * record by that account.
 */
export function volunteersPersonDirectoryConsumer(): ConsumerDefinition {
  const directory = personDirectoryConsumer('volunteers');
  return {
    ...directory,
    async handle(envelope: EventEnvelope, em: EntityManager): Promise<void> {
      await directory.handle(envelope, em);
      await followLink(envelope, em);
    },
  };
}

/** Makes the person's volunteer record and points accounts carry the account the directory now links to them. */
export async function followLink(envelope: Pick<EventEnvelope, 'type' | 'data'>, em: EntityManager): Promise<void> {
  const data = (envelope.data ?? {}) as { personId?: unknown; userId?: unknown };
  const namesAccount =
    envelope.type === PersonDirectoryEvents.ACCOUNT_LINKED ||
    envelope.type === PersonDirectoryEvents.ACCOUNT_UNLINKED ||
    (envelope.type === PersonDirectoryEvents.PERSON_REGISTERED && typeof data.userId === 'string' && data.userId !== '');
  if (!namesAccount || typeof data.personId !== 'string' || !UUID.test(data.personId)) return;
  const [row] = await em.execute<Array<{ user_id: string | null }>>('select user_id from known_person where person_id = ?', [data.personId]);
  if (!row) return;
  // Our account columns are uuids (Keycloak subjects); anything else cannot be a login of this realm.
  const userId = row.user_id && UUID.test(row.user_id) ? row.user_id : null;
  if (userId) {
    await em.execute(
      'update volunteer set user_id = null, version = version + 1, updated_at = now() where user_id = ? and person_id <> ?',
      [userId, data.personId],
      'run',
    );
    await em.execute(
      'update point_account set holder_user_id = null, version = version + 1, updated_at = now() where holder_user_id = ? and person_id <> ?',
      [userId, data.personId],
      'run',
    );
    await em.execute(
      'update service_order set requester_user_id = null, version = version + 1, updated_at = now() where requester_user_id = ? and requester_person_id <> ?',
      [userId, data.personId],
      'run',
    );
  }
  const orders = `update service_order set requester_user_id = ?, version = version + 1, updated_at = now()
    where requester_person_id = ? and requester_user_id is distinct from ?::uuid`;
  await em.execute(orders, [userId, data.personId, userId], 'run');
  await em.execute(
    'update volunteer set user_id = ?, version = version + 1, updated_at = now() where person_id = ? and user_id is distinct from ?::uuid',
    [userId, data.personId, userId],
    'run',
  );
  await em.execute(
    'update point_account set holder_user_id = ?, version = version + 1, updated_at = now() where person_id = ? and holder_user_id is distinct from ?::uuid',
    [userId, data.personId, userId],
    'run',
  );
}
