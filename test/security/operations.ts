import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** Builds one minimal, valid operation per root field from the public schema, and reads the answer. */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function publicSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(root, 'gateway', 'api-schema.graphql'), 'utf8'));
}

export type OperationKind = 'Query' | 'Mutation';

export function rootFields(schema: GraphQLSchema, kind: OperationKind): Array<GraphQLField<unknown, unknown>> {
  const type = kind === 'Query' ? schema.getQueryType() : schema.getMutationType();
  return Object.values(type?.getFields() ?? {}).sort((a, b) => a.name.localeCompare(b.name));
}

/** An id that is well formed (UUID v4) and belongs to no record. */
export const MISSING_ID = '5ec0de00-0000-4000-8000-00000000dead';
export const OTHER_MISSING_ID = '5ec0de00-0000-4000-8000-00000000beef';

/** Placeholder values for required arguments the fixture leaves open, by name and type. */
function placeholder(name: string, type: GraphQLInputType): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [];
  if (isEnumType(nullable)) return nullable.getValues()[0].value;
  if (isInputObjectType(nullable)) return requiredFields(nullable.getFields());
  if (!isScalarType(nullable)) return null;
  switch (nullable.name) {
    case 'ID':
      return MISSING_ID;
    case 'Int':
      if (/year/i.test(name)) return 2026;
      if (/quarter/i.test(name)) return 1;
      if (/version/i.test(name)) return 999999;
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'Date':
      return '2026-01-05';
    case 'DateTime':
      return '2026-01-05T02:00:00.000Z';
    case 'JSON':
      return {};
    default:
      if (/Id$/.test(name) || name === 'id') return MISSING_ID;
      if (/^(month)$/.test(name)) return '2026-01';
      if (/^(period)$/.test(name)) return '2026-01';
      if (/^(day|from|to)$/.test(name)) return '2026-01-05';
      if (/code$/i.test(name)) return 'NO_SUCH_CODE';
      return 'security matrix 安全矩阵';
  }
}

function requiredFields(fields: Record<string, { name: string; type: GraphQLInputType; defaultValue?: unknown }>): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const field of Object.values(fields)) {
    if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = placeholder(field.name, field.type);
  }
  return value;
}

/** Required arguments of a field, filled with placeholders. */
export function requiredArguments(field: GraphQLField<unknown, unknown>): Record<string, unknown> {
  return requiredFields(Object.fromEntries(field.args.map((arg) => [arg.name, arg])));
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/** Deep merge of plain objects (arrays and scalars replace). */
export function merge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current)) {
      merge(current as Record<string, unknown>, value as Record<string, unknown>);
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
  return target;
}

/** Does the argument path (e.g. `filter.areaCode`) exist on the field? */
export function hasArgumentPath(field: GraphQLField<unknown, unknown>, path: string): boolean {
  const [first, ...rest] = path.split('.');
  const arg = field.args.find((candidate) => candidate.name === first);
  if (!arg) return false;
  let type: GraphQLInputType = arg.type;
  for (const part of rest) {
    const named = getNamedType(type);
    if (!isInputObjectType(named)) return false;
    const next = named.getFields()[part];
    if (!next) return false;
    type = next.type;
  }
  return true;
}

/** As little as can be selected: __typename, and a connection's totalCount and edge cursors. */
export function minimalSelection(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (isScalarType(named) || isEnumType(named)) return '';
  if (isUnionType(named) || isInterfaceType(named)) return '{ __typename }';
  if (!isObjectType(named)) return '';
  const fields = named.getFields();
  const parts = ['__typename'];
  if (fields.totalCount) parts.push('totalCount');
  if (fields.edges) parts.push('edges { cursor }');
  return `{ ${parts.join(' ')} }`;
}

export const ALIAS = 'probe';

/** The operation text with one variable per argument given. */
export function operationText(kind: OperationKind, field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): string {
  const args = field.args.filter((arg: GraphQLArgument) => variables[arg.name] !== undefined);
  const definitions = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const call = args.length ? `(${args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
  const keyword = kind === 'Query' ? 'query' : 'mutation';
  return `${keyword} SecurityMatrix${definitions ? `(${definitions})` : ''} { ${ALIAS}: ${field.name}${call} ${minimalSelection(field.type)} }`;
}

export interface GraphQLAnswer {
  status?: number;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; [key: string]: unknown } }>;
}

/** What one call came to, in the words of the policy. */
export type Outcome = 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT' | 'ERROR' | 'EMPTY' | 'DATA';

export interface Classified {
  outcome: Outcome;
  detail: string;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    const record = value as { totalCount?: number; edges?: unknown[] };
    if (record.totalCount !== undefined) return record.totalCount === 0;
    if (record.edges !== undefined) return record.edges.length === 0;
  }
  return false;
}

export function classify(answer: GraphQLAnswer): Classified {
  const errors = answer.errors ?? [];
  const codes = errors.map((error) => error.extensions?.code ?? 'NO_CODE');
  const detail = errors.map((error) => `${error.extensions?.code ?? 'NO_CODE'}: ${error.message}`).join(' | ');
  // An error outside the field (no path) other than a missing token means the operation itself was invalid.
  const requestLevel = errors.filter((error) => !error.path?.length && error.extensions?.code !== 'UNAUTHENTICATED');
  if (requestLevel.length > 0) return { outcome: 'ERROR', detail: `invalid operation: ${detail}` };
  for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT'] as const) {
    if (codes.includes(code)) return { outcome: code, detail };
  }
  if (errors.length > 0) return { outcome: 'ERROR', detail };
  const value = answer.data?.[ALIAS];
  return isEmpty(value) ? { outcome: 'EMPTY', detail: JSON.stringify(value) } : { outcome: 'DATA', detail: JSON.stringify(value).slice(0, 120) };
}
