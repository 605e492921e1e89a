import { createHash, randomBytes } from 'node:crypto';
import { type EntityManager, OptionalProps } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@lianxin/graphql';

/**
 * The first result of a write sent with a client-generated key, per caller and operation. The row is
 * written in the same transaction as the write (and its outbox event), so a replay — after a restart,
 * through another gateway replica or subgraph instance — finds it and writes nothing.
 */
export const IDEMPOTENCY_KEY_CREATED_AT_INDEX = 'idempotency_key_created_at_index';

@Entity({ tableName: 'idempotency_key' })
export class IdempotencyKey {
  [OptionalProps]?: 'createdAt';

  /** Who sent it (the token's subject). */
  @PrimaryKey({ type: 'text' })
  caller!: string;

  /** The mutation (or sync item kind) the key was used for. */
  @PrimaryKey({ type: 'text' })
  operation!: string;

  @PrimaryKey({ type: 'text' })
  clientKey!: string;

  /** sha256 of salt + canonical request (without the key itself). */
  @Property({ type: 'text' })
  requestHash!: string;

  /** Per top-level input field, a short salted hash: says which fields a conflicting retry changed, stores no values. */
  @Property({ type: 'jsonb' })
  fieldHashes!: Record<string, string>;

  @Property({ type: 'text' })
  salt!: string;

  /** What the first request answered (ids), for the caller to load and return again. */
  @Property({ type: 'jsonb' })
  result!: Record<string, unknown>;

  /** When the key was first used (server time); the purge drops keys past the retention (idempotencyKeyRetention). */
  @Property({ type: 'timestamptz' })
  @Index({ name: IDEMPOTENCY_KEY_CREATED_AT_INDEX })
  createdAt: Date = new Date();
}

export interface IdempotencyRequest {
  /** The caller's subject (token `sub`). */
  caller: string;
  /** The operation, e.g. 'recordVisit'. */
  operation: string;
  /** The client's key; without one the write simply happens (old clients). */
  key: string | null | undefined;
  /** The request's values; `idempotencyKey` itself is ignored. */
  payload: object;
}

export interface IdempotencyClaim<R extends Record<string, unknown>> {
  /** The first request's stored result when this is a replay; undefined for a first request (or no key). */
  readonly replay: R | undefined;
  /** Stores the result with the write (flushed by the caller's transaction). Call once, for a first request. */
  remember(result: R): void;
}

/** JSON with sorted keys, dates as ISO strings, undefined dropped: equal requests give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}

function normalize(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

function digest(salt: string, text: string): string {
  return createHash('sha256').update(salt).update('\u0000').update(text).digest('hex');
}

export interface RequestFingerprint {
  requestHash: string;
  fieldHashes: Record<string, string>;
}

/** The hashes kept for a request (without `idempotencyKey`). */
export function fingerprint(payload: object, salt: string): RequestFingerprint {
  const rest: Record<string, unknown> = { ...(payload as Record<string, unknown>) };
  delete rest.idempotencyKey;
  const fieldHashes: Record<string, string> = {};
  for (const [field, value] of Object.entries(rest)) {
    if (value === undefined || value === null) continue;
    fieldHashes[field] = digest(salt, `${field}=${canonicalJson(value)}`).slice(0, 12);
  }
  return { requestHash: digest(salt, canonicalJson(rest)), fieldHashes };
}

/** Top-level fields whose values differ between the stored fingerprint and this request (sorted). */
export function differingFields(stored: Record<string, string>, now: Record<string, string>): string[] {
  const fields = new Set([...Object.keys(stored), ...Object.keys(now)]);
  return [...fields].filter((field) => stored[field] !== now[field]).sort();
}

/** CONFLICT: the key was used before with other values; names the fields that differ. */
export function idempotencyConflict(operation: string, fields: string[]): GraphQLError {
  const which = fields.length ? `: ${fields.join(', ')} differ` : '';
  const reason = `idempotencyKey was already used for a different ${operation} request${which}; use a new key for a new write`;
  return new GraphQLError(`Conflict: ${reason}`, {
    extensions: { code: ErrorCode.CONFLICT, reason, field: 'idempotencyKey', differingFields: fields },
  });
}

/**
 * Claims `key` for (caller, operation) inside the caller's transaction. A transaction-scoped advisory lock
 * on the key serialises concurrent identical requests (across processes and replicas: the lock is in
 * PostgreSQL), and the primary key (caller, operation, client_key) is the backstop: two writes of one key can
 * never both commit. When the key was used before: the same values → `replay` holds the first result;
 * other values → CONFLICT naming the fields that differ.
 */
export async function claimIdempotencyKey<R extends Record<string, unknown>>(em: EntityManager, request: IdempotencyRequest): Promise<IdempotencyClaim<R>> {
  if (!request.key) return { replay: undefined, remember: () => undefined };
  if (!em.isInTransaction()) throw new Error('claimIdempotencyKey must run inside the write\'s transaction');
  const { caller, operation, key } = request;
  const sql = em as EntityManager & { execute(query: string, params?: unknown[]): Promise<Array<Record<string, unknown>>> };
  await sql.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [JSON.stringify(['idempotency', caller, operation, key])]);
  const [stored] = await sql.execute('select request_hash, field_hashes, salt, result from idempotency_key where caller = ? and operation = ? and client_key = ?', [caller, operation, key]);
  if (stored) {
    const salt = String(stored.salt);
    const now = fingerprint(request.payload, salt);
    if (now.requestHash !== stored.request_hash) {
      throw idempotencyConflict(operation, differingFields(stored.field_hashes as Record<string, string>, now.fieldHashes));
    }
    return { replay: stored.result as R, remember: () => undefined };
  }
  const salt = randomBytes(16).toString('hex');
  const print = fingerprint(request.payload, salt);
  let remembered = false;
  return {
    replay: undefined,
    remember: (result: R) => {
      if (remembered) return;
      remembered = true;
      em.persist(em.create(IdempotencyKey, { caller, operation, clientKey: key, salt, requestHash: print.requestHash, fieldHashes: print.fieldHashes, result }));
    },
  };
}

export interface IdempotencyKeyRetention {
  /** How long a key is kept after its first use (IDEMPOTENCY_KEY_RETENTION_DAYS, default 45). */
  days: number;
  /** How often the purge runs (IDEMPOTENCY_KEY_PURGE_INTERVAL_MS, default 6 hours; 0 = never). */
  intervalMs: number;
}

/**
 * How long keys are kept. A device may send work up to OCCURRED_AT_MAX_AGE_DAYS (30) after it happened and
 * keeps retrying an unanswered item meanwhile, so a key first used on day 0 can be replayed up to that many
 * days later: the retention is never shorter than that maximum age plus one day (a shorter setting is
 * raised to it, and `clamped` says so). Default 45 days: the 30-day window plus two weeks of slack for a
 * phone that was switched off, at about 300 bytes per key.
 */
export function idempotencyKeyRetention(env: NodeJS.ProcessEnv = process.env): IdempotencyKeyRetention & { clamped: boolean } {
  const maxAgeDays = Number(env.OCCURRED_AT_MAX_AGE_DAYS ?? 30);
  const floor = (Number.isFinite(maxAgeDays) && maxAgeDays > 0 ? maxAgeDays : 30) + 1;
  const configured = Number(env.IDEMPOTENCY_KEY_RETENTION_DAYS ?? 45);
  const days = Number.isFinite(configured) && configured > 0 ? configured : 45;
  const interval = Number(env.IDEMPOTENCY_KEY_PURGE_INTERVAL_MS ?? 6 * 3_600_000);
  return { days: Math.max(days, floor), clamped: days < floor, intervalMs: Number.isFinite(interval) && interval >= 0 ? interval : 6 * 3_600_000 };
}

/**
 * Drops keys first used before `before`, `batch` rows per statement (each its own short transaction, on the
 * created_at index), so a large backlog never holds long locks. Returns how many were dropped.
 */
export async function purgeIdempotencyKeys(em: EntityManager, before: Date, batch = 5_000): Promise<number> {
  const sql = em.fork() as EntityManager & { execute(query: string, params?: unknown[], method?: 'all' | 'get' | 'run'): Promise<{ affectedRows?: number }> };
  let total = 0;
  for (;;) {
    const result = await sql.execute(
      'delete from idempotency_key where ctid in (select ctid from idempotency_key where created_at < ? limit ?)',
      [before, batch],
      'run',
    );
    const count = Number(result.affectedRows ?? 0);
    total += count;
    if (count < batch) return total;
  }
}

/**
 * The SQL of the `idempotency_key` table, one place for every service's migration (a migration keeps
 * producing what it produced: the table's statement is the one the first migrations of cases, grids,
 * police and volunteers ran; the created_at index came later, for the purge).
 */
export const idempotencyKeySql = {
  createTable:
    'create table "idempotency_key" ("caller" text not null, "operation" text not null, "client_key" text not null, "request_hash" text not null, "field_hashes" jsonb not null, "salt" text not null, "result" jsonb not null, "created_at" timestamptz not null, primary key ("caller", "operation", "client_key"));',
  dropTable: 'drop table if exists "idempotency_key" cascade;',
  createIndex: `create index "${IDEMPOTENCY_KEY_CREATED_AT_INDEX}" on "idempotency_key" ("created_at");`,
  dropIndex: `drop index if exists "${IDEMPOTENCY_KEY_CREATED_AT_INDEX}";`,
} as const;

/** In a migration's `up()`: `createIdempotencyKeyTable(this)` (table and index) for a service that has none yet. */
export function createIdempotencyKeyTable(migration: { addSql(sql: string): unknown }, withIndex = true): void {
  migration.addSql(idempotencyKeySql.createTable);
  if (withIndex) migration.addSql(idempotencyKeySql.createIndex);
}

/** In the matching `down()`. */
export function dropIdempotencyKeyTable(migration: { addSql(sql: string): unknown }): void {
  migration.addSql(idempotencyKeySql.dropTable);
}

/** Add to the service's MikroORM entities; its migration creates `idempotency_key`. */
export const idempotencyEntities = [IdempotencyKey];


/** Namespace of ids derived from idempotency keys (a random UUID, fixed forever). */
export const IDEMPOTENT_ID_NAMESPACE = '6f1c2f0e-55b1-4d5e-9b1a-0d7f3c9e2a41';

/**
 * A UUIDv5 (RFC 9562, SHA-1 name-based) from the caller, operation and key: two services (or a sync
 * batch and a direct mutation) given the same key arrive at the same row id, so the primary key itself
 * refuses a second row.
 */
export function idFromIdempotencyKey(caller: string, operation: string, key: string, namespace = IDEMPOTENT_ID_NAMESPACE): string {
  return uuidV5(namespace, `${caller}\u0000${operation}\u0000${key}`);
}

/** RFC 9562 UUID version 5 (SHA-1 of namespace + name). */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = Buffer.from(createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
