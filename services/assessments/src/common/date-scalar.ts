import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isCalendarDate } from './calendar.js';

function parseCalendarDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT', field: 'date', reason: 'must be YYYY-MM-DD' },
    });
  }
  return value;
}

/** `Date` (ARCHITECTURE.md, Scalars): a calendar date without time or zone, e.g. a birth date. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without time or zone, ISO 8601 YYYY-MM-DD. 日期（年-月-日）',
  serialize: (value) => parseCalendarDate(value instanceof Date ? value.toISOString().slice(0, 10) : value),
  parseValue: parseCalendarDate,
  parseLiteral: (ast) => parseCalendarDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
