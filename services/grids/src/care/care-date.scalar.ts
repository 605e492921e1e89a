import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parse(value: unknown): string {
  if (typeof value !== 'string' || !CALENDAR_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT', field: 'date', reason: 'must be YYYY-MM-DD' },
    });
  }
  return value;
}

/** `Date` (ARCHITECTURE.md, Scalars), as people and assessments declare it: a calendar date without time or zone. */
export const CareDate = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without time or zone, ISO 8601 YYYY-MM-DD. 日期（年-月-日）',
  serialize: (value) => parse(value instanceof Date ? value.toISOString().slice(0, 10) : value),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
