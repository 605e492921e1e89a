import { EntityManager, Utils, wrap } from '@mikro-orm/core';
import { applyDecorators, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthUser } from '@lianxin/auth';
import { claimIdempotencyKey } from '@lianxin/db';
import { assertIdempotencyKey, notFound } from '@lianxin/graphql';

/**
 * Offline-safe creates without writing the claim into every service (issue 17): `@Idempotent()` on a
 * mutation whose `input` has `idempotencyKey` (`@IdempotencyKeyField()`). With a key, the whole resolver
 * runs in one transaction that first claims (caller, operation, key) with @lianxin/db's
 * `claimIdempotencyKey` (advisory lock, key row committed with the write and its outbox event); the
 * service's own `em.transactional` becomes a savepoint inside it. A replay with the same values answers
 * the first result again — the entities it named are loaded again by primary key — and runs nothing; the
 * same key with other values is CONFLICT naming the fields. Without a key the mutation runs as before.
 *
 * Services that need the key inside their own rules (ids derived from the key, a replay that must skip
 * work before the claim) call `claimIdempotencyKey` themselves instead, as reportCase and recordVisit do.
 */
export const IDEMPOTENT_OPERATION = 'lianxin:idempotent-operation';

/** `@Idempotent()` (the operation is the mutation's name) or `@Idempotent('name')` to share a key space. */
export function Idempotent(operation?: string): MethodDecorator {
  return applyDecorators(SetMetadata(IDEMPOTENT_OPERATION, operation ?? true), UseInterceptors(IdempotencyInterceptor));
}

/** How a result is kept: entities by class and primary key, dates as ISO text, the rest as JSON. */
const ENTITY = '$entity';
const DATE = '$date';

type Stored = null | boolean | number | string | Stored[] | { [key: string]: Stored };

/** The first result in a form the key row can hold (no values of entities, only what finds them again). */
export function storeResult(value: unknown): Stored {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return { [DATE]: value.toISOString() };
  if (Array.isArray(value)) return value.map(storeResult);
  if (typeof value === 'object') {
    if (Utils.isEntity(value)) {
      const meta = wrap(value, true).__meta;
      const pk: Record<string, Stored> = {};
      for (const name of meta.primaryKeys) {
        const part = (value as Record<string, unknown>)[name];
        pk[name] = (Utils.isEntity(part) ? wrap(part, true).getPrimaryKey() : part) as Stored;
      }
      return { [ENTITY]: meta.className, pk };
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new Error(`@Idempotent cannot keep a ${proto?.constructor?.name ?? 'class'} instance in a result; return entities or plain objects`);
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, storeResult(inner)]));
  }
  if (typeof value === 'bigint') return value.toString();
  return value as Stored;
}

/** The stored result with its entities loaded again (a row deleted since is NOT_FOUND). */
export async function loadResult(em: EntityManager, stored: unknown): Promise<unknown> {
  if (stored === null || typeof stored !== 'object') return stored;
  if (Array.isArray(stored)) return Promise.all(stored.map((inner) => loadResult(em, inner)));
  const record = stored as Record<string, unknown>;
  if (typeof record[DATE] === 'string') return new Date(record[DATE]);
  if (typeof record[ENTITY] === 'string') {
    const pk = record.pk as Record<string, unknown>;
    const meta = [...em.getMetadata().getAll().values()].find((candidate) => candidate.className === record[ENTITY]);
    if (!meta) throw new Error(`@Idempotent: the stored result names ${String(record[ENTITY])}, which this service does not know`);
    const found = await em.findOne(meta.class, pk as never);
    if (!found) throw notFound(`what this idempotencyKey created (${record[ENTITY]})`, Object.values(pk).join('/'));
    return found;
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) out[key] = await loadResult(em, inner);
  return out;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly em: EntityManager,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const input = (gql.getArgs() as { input?: Record<string, unknown> }).input;
    const key = input?.idempotencyKey;
    const user = (gql.getContext() as { req?: { user?: AuthUser } }).req?.user;
    if (key === undefined || key === null || !user) return next.handle();
    assertIdempotencyKey(key);
    const named = this.reflector.get<string | true | undefined>(IDEMPOTENT_OPERATION, context.getHandler());
    const operation = typeof named === 'string' ? named : gql.getInfo<{ fieldName: string }>().fieldName;
    return from(
      this.em.transactional(async (em) => {
        const claim = await claimIdempotencyKey<{ result: Stored }>(em, { caller: user.sub, operation, key: key as string, payload: input! });
        if (claim.replay) return loadResult(em, claim.replay.result);
        // Called here, so the handler (pipes, resolver, service) runs inside this transaction's context.
        const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
        claim.remember({ result: storeResult(result) });
        return result;
      }),
    );
  }
}
