import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { IsDate, IsOptional, Matches } from 'class-validator';
import { badUserInput } from './errors.js';

/**
 * Offline-safe writes (ARCHITECTURE.md "the field edge"): every create input may carry a client-generated
 * `idempotencyKey` and the device time `occurredAt`. Both are optional for old clients; when present they
 * are honoured. The key store itself is @lianxin/db's `claimIdempotencyKey`.
 */

/** 8–128 characters of letters, digits and `._:-` (a UUID fits). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

export interface OccurredAtLimits {
  /** How far a device clock may run ahead of the server (default 5 minutes, OCCURRED_AT_MAX_FUTURE_MS). */
  maxFutureMs: number;
  /** How old work may be when it finally reaches the server (default 30 days, OCCURRED_AT_MAX_AGE_DAYS). */
  maxAgeMs: number;
}

export function occurredAtLimits(env: NodeJS.ProcessEnv = process.env): OccurredAtLimits {
  const future = Number(env.OCCURRED_AT_MAX_FUTURE_MS ?? 5 * 60_000);
  const days = Number(env.OCCURRED_AT_MAX_AGE_DAYS ?? 30);
  return {
    maxFutureMs: Number.isFinite(future) && future >= 0 ? future : 5 * 60_000,
    maxAgeMs: (Number.isFinite(days) && days > 0 ? days : 30) * 86_400_000,
  };
}

let limits: OccurredAtLimits | undefined;

/**
 * When the work happened: the device's `occurredAt` if given (checked against the limits), else `now`.
 * More than `maxFutureMs` ahead of the server, or older than `maxAgeMs`, is BAD_USER_INPUT on `field`.
 */
export function occurredAtOf(value: Date | null | undefined, field = 'occurredAt', now = new Date(), bounds: OccurredAtLimits = (limits ??= occurredAtLimits())): Date {
  if (value === undefined || value === null) return now;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badUserInput(field, 'must be a date-time');
  if (value.getTime() > now.getTime() + bounds.maxFutureMs) {
    throw badUserInput(field, `must not be more than ${Math.round(bounds.maxFutureMs / 60_000)} minutes in the future (device clock ahead?)`);
  }
  if (value.getTime() < now.getTime() - bounds.maxAgeMs) {
    throw badUserInput(field, `must not be more than ${Math.round(bounds.maxAgeMs / 86_400_000)} days in the past`);
  }
  return value;
}

/** Checks a key that did not come through the validation pipe (e.g. an item of syncFieldWork). */
export function assertIdempotencyKey(value: unknown, field = 'idempotencyKey'): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw badUserInput(field, 'must be 8–128 characters of letters, digits and ._:- (e.g. a UUID)');
  }
  return value;
}

/** The `idempotencyKey` field of a create input: `@IdempotencyKeyField() idempotencyKey?: string;` */
export function IdempotencyKeyField(): PropertyDecorator {
  return applyDecorators(
    Field(() => String, {
      nullable: true,
      description:
        'Client-generated key of this write (e.g. a UUID, 8–128 of A–Z a–z 0–9 . _ : -). Sending the same key again returns the first result and writes nothing; the same key with other values is CONFLICT. 客户端生成的幂等键：重发返回首次结果，不重复写入',
    }),
    IsOptional(),
    Matches(IDEMPOTENCY_KEY_PATTERN, { message: 'must be 8–128 characters of letters, digits and ._:- (e.g. a UUID)' }),
  );
}

/** The `occurredAt` field of a create input: `@OccurredAtField() occurredAt?: Date;` */
export function OccurredAtField(what = 'the work happened'): PropertyDecorator {
  return applyDecorators(
    Field(() => Date, {
      nullable: true,
      description: `When ${what}, by the device's clock (work recorded offline is sent later); defaults to now; at most 5 minutes ahead of the server and not older than the configured maximum age. 设备上的发生时间`,
    }),
    IsOptional(),
    IsDate(),
  );
}

/** What every create input may carry. */
export interface OfflineWrite {
  idempotencyKey?: string | null;
  occurredAt?: Date | null;
}

/** The `deviceId` of an edit: which phone or browser made it (shown with edit conflicts). */
export function DeviceIdField(): PropertyDecorator {
  return applyDecorators(
    Field(() => String, { nullable: true, description: 'Which device made the edit (the app\'s install id, 1–64 of A–Z a–z 0–9 . _ : -); shown in edit conflicts. 设备标识' }),
    IsOptional(),
    Matches(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'must be 1–64 characters of letters, digits and ._:-' }),
  );
}

/** The input without its `idempotencyKey`, for spreading into a row (`em.create(Thing, { ...withoutIdempotencyKey(input) })`). */
export function withoutIdempotencyKey<T extends { idempotencyKey?: unknown }>(input: T): Omit<T, 'idempotencyKey'> {
  const rest: Partial<T> = { ...input };
  delete rest.idempotencyKey;
  return rest as Omit<T, 'idempotencyKey'>;
}
