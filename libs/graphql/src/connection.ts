import { Type } from '@nestjs/common';
import { ArgsType, Directive, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { badUserInput } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Where a page of a list stands. 分页信息' })
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'More items follow this page. 是否有下一页' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page. 本页最后一项的游标' })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, at most ${MAX_PAGE_SIZE}. 每页条数` })
  @IsOptional()
  @IsInt()
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return items after this cursor. 从该游标之后开始' })
  @IsOptional()
  @IsString()
  after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: Promise<number> | number;
}

/** A Relay connection type for `node` named `<Name>Connection`, with `<Name>Edge`. */
export function ConnectionType<T>(node: Type<T>, name: string, description: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `${description} (edge). 列表项` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this item. 游标' })
    cursor: string;

    @Field(() => node, { description: 'The item. 数据项' })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `${description} 列表` })
  class ConnectionClass {
    @Field(() => [EdgeType], { description: 'The items of this page. 本页数据' })
    edges: Edge<T>[];

    @Field(() => PageInfo, { description: 'Paging state. 分页信息' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds. 总数' })
    totalCount: Promise<number> | number;
  }
  return ConnectionClass;
}

export function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify([key]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && typeof decoded[0] === 'string') return decoded[0];
  } catch {
    // fall through to the error below
  }
  throw badUserInput('after', 'not a cursor returned by this list');
}

/** PostgreSQL's invalid_text_representation, invalid_datetime_format, datetime_field_overflow, numeric_value_out_of_range. */
const MALFORMED_VALUE_STATES = new Set(['22P02', '22007', '22008', '22003']);

function isMalformedValue(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as Error & { code?: unknown; sqlState?: unknown }).sqlState ?? (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && MALFORMED_VALUE_STATES.has(code)) return true;
  }
  return false;
}

/**
 * A cursor decodes to any string: one this list never returned (not a UUID, a date …) fails in the
 * database. That is the client's bad input on `after`, not a server error; anything else is rethrown.
 */
export function rethrowMalformedCursor(afterKey: string | undefined): (error: unknown) => never {
  return (error: unknown) => {
    if (afterKey !== undefined && isMalformedValue(error)) throw badUserInput('after', 'not a cursor returned by this list');
    throw error;
  };
}

export interface PageRequest {
  limit: number;
  afterKey?: string;
}

export function pageRequest(args: PageArgs): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return { limit: first, afterKey: args.after ? decodeCursor(args.after) : undefined };
}

/**
 * Keyset pagination: `fetch` returns up to limit + 1 rows ordered by `keyOf` after `afterKey`;
 * the extra row tells whether another page follows. totalCount runs only when a client asks for it, and not
 * at all when the first page holds the whole list (no `after`, no extra row): then it is the rows' number.
 * The grid dashboard's open cases are such a list in 99 % of the county-scale grids (issue 20).
 */
export async function paginate<T>(
  args: PageArgs,
  fetch: (page: { limit: number; afterKey?: string }) => Promise<T[]>,
  keyOf: (item: T) => string,
  count: () => Promise<number>,
): Promise<Connection<T>> {
  const page = pageRequest(args);
  const rows = await fetch({ limit: page.limit + 1, afterKey: page.afterKey }).catch(rethrowMalformedCursor(page.afterKey));
  if (page.afterKey === undefined && rows.length <= page.limit) return connectionOf(rows, page.limit, keyOf, () => rows.length);
  let total: Promise<number> | undefined;
  return connectionOf(rows, page.limit, keyOf, () => (total ??= count()));
}

/** A connection from up to `pageSize` + 1 rows (the extra one says another page follows). */
export function connectionOf<T>(rows: T[], pageSize: number, keyOf: (item: T) => string, totalCount: () => Promise<number> | number): Connection<T> {
  const edges = rows.slice(0, pageSize).map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > pageSize, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      return totalCount();
    },
  };
}
