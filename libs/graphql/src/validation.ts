import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { badUserInput } from './errors.js';

function firstFailure(errors: ValidationError[], parent = ''): { field: string; reason: string } | undefined {
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    if (error.constraints) return { field, reason: Object.values(error.constraints).join('; ') };
    const nested = firstFailure(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/** class-validator on every input; the first failing field becomes BAD_USER_INPUT with field and reason. */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => {
      const failure = firstFailure(errors) ?? { field: 'input', reason: 'invalid' };
      return badUserInput(failure.field, failure.reason);
    },
  });
}

/**
 * Validates one part of an input by hand (e.g. one item of a batch whose items must not sink each other):
 * class-transformer + class-validator as the pipe does, the first failure as BAD_USER_INPUT with the field
 * prefixed (`items.3.visit.findings`). Returns the typed, whitelisted instance.
 */
export async function validateInputPart<T extends object>(type: new () => T, value: unknown, prefix: string): Promise<T> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badUserInput(prefix, 'must be an object');
  const instance = plainToInstance(type, value);
  const errors = await validate(instance, { whitelist: true, forbidUnknownValues: false });
  const failure = firstFailure(errors);
  if (failure) throw badUserInput(`${prefix}.${failure.field}`, failure.reason);
  return instance;
}
