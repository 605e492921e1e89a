import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { EntityManager as PostgresEntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { ConsumerDefinition } from './consumer.js';
import type { EventEnvelope } from './envelope.js';
import type { EventSchemas } from './event-schema.js';
import { defaultEventsLogger, type Logger } from './logger.js';

/**
 * The person directory: who each login is (DOMAIN.md §8.7) and where each person lives, kept from
 * the people service's events so a service can answer "which person is this resident" and "is this
 * person inside my area" without a call to people. Ids and grid codes only; names, ID numbers and
 * phones stay in people.
 *
 * Ordering. Events may arrive twice or out of order (redelivery after a failure). Every event
 * carries the person row's version after the change, and the directory keeps two of them:
 * - `version`: the version the grid code is from. registered / moved / linked / unlinked all carry
 *   the grid code, so any of them with a higher version replaces it.
 * - `link_version`: the version the account link is from. Only linked / unlinked (and a registered
 *   that names its account) say who the account is, so only they move it, and only forward. A move
 *   with a higher version than a link does not hide that link (the two versions are independent).
 * An account is linked to one person at a time: a link takes the account from any other person,
 * unless that other link happened later (`link_changed_at`, the event's time) — a late redelivery of
 * an old link cannot steal the account back.
 *
 * people.person.moved without `version` (events written before people added it): the move is taken
 * as the newest thing known about the person's grid — it replaces the grid code and keeps the version,
 * so it wins over a registered event of that version (a person that is moved was registered first).
 * Such a move redelivered late could put back an older grid; moves with a version cannot.
 */
export const PersonDirectoryEvents = {
  PERSON_REGISTERED: 'people.person.registered',
  PERSON_MOVED: 'people.person.moved',
  ACCOUNT_LINKED: 'people.account.linked',
  ACCOUNT_UNLINKED: 'people.account.unlinked',
} as const;

/** Every people event goes to this filter; the directory applies the four above and ignores the rest. */
export const PERSON_DIRECTORY_SUBJECT = 'people.>';

export interface PersonRegisteredEvent {
  personId: string;
  gridCode: string;
  version: number;
  /** The account, when the person was registered with one (optional). */
  userId?: string | null;
}

export interface PersonMovedEvent {
  personId: string;
  toGridCode: string;
  fromGridCode?: string;
  /** The person row's version after the move; older events have none. */
  version?: number;
}

export interface AccountLinkEvent {
  userId: string;
  personId: string;
  gridCode: string;
  version: number;
}

const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a uuid');
const gridCodeSchema = z.string().regex(/^\d{15}$/, 'a 15-digit grid code');
const versionSchema = z.number().int().min(0);
const accountLink = z.object({ userId: z.string().min(1), personId: uuidSchema, gridCode: gridCodeSchema, version: versionSchema });

/**
 * The declared shape of the people events the directory reads (issue 14: anything else is dead-lettered
 * before the handler); the other people events pass through unread.
 */
export const PERSON_DIRECTORY_SCHEMAS: EventSchemas = {
  [PersonDirectoryEvents.PERSON_REGISTERED]: { versions: [1], data: z.object({ personId: uuidSchema, gridCode: gridCodeSchema, version: versionSchema, userId: z.string().min(1).nullish() }) },
  [PersonDirectoryEvents.PERSON_MOVED]: { versions: [1], data: z.object({ personId: uuidSchema, toGridCode: gridCodeSchema, version: versionSchema.optional() }) },
  [PersonDirectoryEvents.ACCOUNT_LINKED]: { versions: [1], data: accountLink },
  [PersonDirectoryEvents.ACCOUNT_UNLINKED]: { versions: [1], data: accountLink },
  '*': { versions: [1], data: z.unknown() },
};

/** One person as the directory knows it. */
@Entity({ tableName: 'known_person' })
export class KnownPerson {
  @PrimaryKey({ type: 'uuid' })
  personId: string;

  @Property({ type: 'text' })
  gridCode: string;

  /** The Keycloak subject of the account linked to the person; one person per account. */
  @Property({ type: 'text', nullable: true })
  @Unique({ name: 'known_person_user_id_unique' })
  userId: string | null = null;

  /** The person's version in people that gridCode is from. */
  @Property({ type: 'integer' })
  version: number;

  /** The person's version in people that userId is from (0: no link event seen). */
  @Property({ type: 'integer' })
  linkVersion: number = 0;

  /** When the link last changed in people (the event's time): orders links of one account across persons. */
  @Property({ type: 'timestamptz', nullable: true })
  linkChangedAt: Date | null = null;
}

/** Add to the MikroORM entities of a service that registers the directory. */
export const personDirectoryEntities = [KnownPerson];

/**
 * The table as a migration writes it (MikroORM's schema diff of KnownPerson): a service that
 * registers the directory adds a migration with these statements, so `migrate check` finds no drift.
 */
export const PERSON_DIRECTORY_MIGRATION = {
  up: [
    `create table "known_person" ("person_id" uuid not null, "grid_code" text not null, "user_id" text null, "version" int not null, "link_version" int not null default 0, "link_changed_at" timestamptz null, primary key ("person_id"));`,
    `alter table "known_person" add constraint "known_person_user_id_unique" unique ("user_id");`,
  ],
  down: [`drop table if exists "known_person" cascade;`],
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GRID_CODE = /^\d{15}$/;

/** What the directory does with one people event (pure). */
export type DirectoryChange =
  | { kind: 'grid'; personId: string; gridCode: string; version: number | null }
  | { kind: 'link'; personId: string; version: number; userId: string | null };

/** The changes an event makes, or why it cannot be applied; other people events change nothing. */
export function directoryChangesOf(envelope: Pick<EventEnvelope, 'type' | 'data'>): DirectoryChange[] | { problem: string } {
  const data = (envelope.data ?? {}) as Record<string, unknown>;
  const personId = data.personId;
  if (!Object.values(PersonDirectoryEvents).includes(envelope.type as never)) return [];
  if (typeof personId !== 'string' || !UUID.test(personId)) return { problem: 'no person id' };
  const version = data.version;
  const hasVersion = Number.isInteger(version) && (version as number) >= 0;
  switch (envelope.type) {
    case PersonDirectoryEvents.PERSON_REGISTERED: {
      if (typeof data.gridCode !== 'string' || !GRID_CODE.test(data.gridCode)) return { problem: 'no 15-digit grid code' };
      if (!hasVersion) return { problem: 'no version' };
      const changes: DirectoryChange[] = [{ kind: 'grid', personId, gridCode: data.gridCode, version: version as number }];
      if (typeof data.userId === 'string' && data.userId !== '') changes.push({ kind: 'link', personId, version: version as number, userId: data.userId });
      return changes;
    }
    case PersonDirectoryEvents.PERSON_MOVED: {
      if (typeof data.toGridCode !== 'string' || !GRID_CODE.test(data.toGridCode)) return { problem: 'no 15-digit destination grid code' };
      return [{ kind: 'grid', personId, gridCode: data.toGridCode, version: hasVersion ? (version as number) : null }];
    }
    default: {
      if (typeof data.gridCode !== 'string' || !GRID_CODE.test(data.gridCode)) return { problem: 'no 15-digit grid code' };
      if (!hasVersion) return { problem: 'no version' };
      if (typeof data.userId !== 'string' || data.userId === '') return { problem: 'no user id' };
      const linked = envelope.type === PersonDirectoryEvents.ACCOUNT_LINKED;
      return [
        { kind: 'grid', personId, gridCode: data.gridCode, version: version as number },
        { kind: 'link', personId, version: version as number, userId: linked ? data.userId : null },
      ];
    }
  }
}

/** Applies one change inside the consumer's transaction. */
async function applyChange(em: PostgresEntityManager, change: DirectoryChange, at: Date): Promise<void> {
  if (change.kind === 'grid') {
    if (change.version === null) {
      // A move without a version: newest known; a new row starts at version 1 so a late
      // registered event (version 1) does not put the old grid back.
      await em.execute(
        `insert into known_person (person_id, grid_code, version) values (?, ?, 1)
         on conflict (person_id) do update set grid_code = excluded.grid_code`,
        [change.personId, change.gridCode],
      );
      return;
    }
    await em.execute(
      `insert into known_person (person_id, grid_code, version) values (?, ?, ?)
       on conflict (person_id) do update set grid_code = excluded.grid_code, version = excluded.version
       where known_person.version < excluded.version`,
      [change.personId, change.gridCode, change.version],
    );
    return;
  }
  // A link event without a grid change still needs the row (the grid change above created it).
  const [row] = await em.execute<Array<{ link_version: number }>>('select link_version from known_person where person_id = ? for update', [change.personId]);
  if (!row || row.link_version >= change.version) return;
  if (change.userId === null) {
    await em.execute('update known_person set user_id = null, link_version = ?, link_changed_at = ? where person_id = ?', [change.version, at, change.personId]);
    return;
  }
  const [holder] = await em.execute<Array<{ person_id: string; link_changed_at: Date | null }>>(
    'select person_id, link_changed_at from known_person where user_id = ? and person_id <> ? for update',
    [change.userId, change.personId],
  );
  if (holder && holder.link_changed_at && new Date(holder.link_changed_at).getTime() > at.getTime()) {
    // The account was linked to another person later than this: this link is already over.
    await em.execute('update known_person set user_id = null, link_version = ?, link_changed_at = ? where person_id = ?', [change.version, at, change.personId]);
    return;
  }
  if (holder) await em.execute('update known_person set user_id = null where person_id = ?', [holder.person_id]);
  await em.execute('update known_person set user_id = ?, link_version = ?, link_changed_at = ? where person_id = ?', [change.userId, change.version, at, change.personId]);
}

/** Applies a people event to the directory (the consumer's handler; tests may call it in a transaction). */
export async function applyPeopleEvent(envelope: EventEnvelope, em: PostgresEntityManager, logger?: Logger): Promise<void> {
  const changes = directoryChangesOf(envelope);
  if (!Array.isArray(changes)) {
    // Retrying cannot fix a malformed event; it would only hold up the ones behind it.
    logger?.warn({ eventId: envelope.id, type: envelope.type, problem: changes.problem }, 'people event skipped by the person directory');
    return;
  }
  const at = new Date(envelope.occurredAt);
  for (const change of changes) await applyChange(em, change, at);
}

/**
 * The directory's consumer for a service, e.g. `personDirectoryConsumer('cases')` in the service's
 * EventsModule consumers. The durable name is `<service>-person-directory`: a new consumer is
 * delivered the PEOPLE stream from its beginning, so an existing installation fills the directory by itself.
 */
export function personDirectoryConsumer(service: string, logger: Logger = defaultEventsLogger()): ConsumerDefinition {
  const log = logger.child({ component: 'person-directory' });
  return {
    name: `${service}-person-directory`,
    filterSubject: PERSON_DIRECTORY_SUBJECT,
    schemas: PERSON_DIRECTORY_SCHEMAS,
    handle: (envelope, em) => applyPeopleEvent(envelope, em, log),
  };
}

export interface DirectoryEntry {
  personId: string;
  gridCode: string;
}

/** Reads the directory. Register it as a provider; pass the request's (or transaction's) entity manager. */
@Injectable()
export class PersonDirectory {
  /** The person linked to the account, or null when none is linked (or its event has not arrived yet). */
  async personOfUser(em: PostgresEntityManager, userId: string): Promise<DirectoryEntry | null> {
    const [row] = await em.execute<Array<{ person_id: string; grid_code: string }>>('select person_id, grid_code from known_person where user_id = ?', [userId]);
    return row ? { personId: row.person_id, gridCode: row.grid_code } : null;
  }

  /** The grid the person lives in, or null for a person the directory does not know. */
  async gridOfPerson(em: PostgresEntityManager, personId: string): Promise<string | null> {
    if (!UUID.test(personId)) return null;
    const [row] = await em.execute<Array<{ grid_code: string }>>('select grid_code from known_person where person_id = ?', [personId]);
    return row?.grid_code ?? null;
  }
}
