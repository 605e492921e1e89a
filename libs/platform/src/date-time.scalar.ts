import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { ValueNode } from 'graphql';

/**
 * `Date` fields as ISO 8601 date-times with an offset (graphql-scalars' rules), described for
 * frontend teams in both languages; replaces Nest's built-in DateTime in every subgraph.
 */
@Scalar('DateTime', () => Date)
export class DateTimeScalar implements CustomScalar<string, Date> {
  description = 'Date and time in ISO 8601 with a UTC offset, e.g. 2026-11-23T09:30:00+08:00. 日期时间（ISO 8601，含时区）';

  parseValue(value: unknown): Date {
    return GraphQLDateTime.parseValue(value) as Date;
  }

  serialize(value: unknown): string {
    const serialized: unknown = GraphQLDateTime.serialize(value);
    return serialized instanceof Date ? serialized.toISOString() : String(serialized);
  }

  parseLiteral(ast: ValueNode): Date {
    return GraphQLDateTime.parseLiteral(ast, {}) as Date;
  }
}
