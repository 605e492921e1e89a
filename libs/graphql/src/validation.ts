import { ValidationPipe, type ValidationError } from '@nestjs/common';
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
