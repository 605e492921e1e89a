import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { AuthUser } from '@lianxin/auth';

/**
 * WHAT the gateway's entity cache may keep (issue 20): one reviewed table, written by hand like the
 * security policy. Everything not listed here is always fetched.
 *
 * For each subgraph:
 *   entities   entity types whose `_entities` answers may be kept, per representation, with the selection they
 *              may have (a fetch that selects anything else of the type is not cached at all). `perUser`:
 *              the owning subgraph's answer for this type depends on WHO asks, not only on their visibility
 *              class, so the entry is keyed by the caller's subject too.
 *   roots      root Query fields whose whole fetch may be kept, with the selection allowed below them.
 *   streams    the JetStream streams whose events invalidate this subgraph's entries: its own domain AND
 *              every stream it consumes (a subgraph's answers can depend on the copies it keeps from others'
 *              events). cache-policy.spec.ts checks this against tools/nats/nats-users.json.
 *
 * Left out on purpose (do not add without reading why):
 *   - PopulationStats.byTag (people): reading counts grouped by special-population tags is AUDITED (§8.8,
 *     population.resolver.ts); a cached answer would be a read without its audit line.
 *   - Person beyond `id name`: every other field has per-role masks and the SELF row; `name` is kept per user
 *     (perUser) because the SELF row and department staff's look-ups (30 days) differ per account within one
 *     class, which the gateway cannot see.
 *   - Anything of cases, volunteers, assessments, media, police: changes often, or per user (own cases,
 *     handlers, anonymous reporters).
 *   - Residents (visibilityClass null): what they see is decided by their linked person, not their token.
 */
export interface SubgraphCachePolicy {
  entities: Record<string, { shape: string; perUser?: boolean }>;
  roots: Record<string, { shape: string }>;
  streams: Array<{ stream: string; filterSubject: string }>;
}

const AREA_FIELDS = 'code name level parentCode version';
const AREA_SHAPE = `${AREA_FIELDS} parent { ${AREA_FIELDS} } ancestors { ${AREA_FIELDS} }`;
const GRID_SHAPE = `code name kind boundary householdCount version village { code }
  staff { id gridCode microGridCode role userId name startedAt endedAt endReason version active householdLoad loadStatus person { id } }`;
const POPULATION_SHAPE = 'code population { total registered floating away }';

export const CACHE_POLICY: Readonly<Record<string, SubgraphCachePolicy>> = {
  organizations: {
    entities: { Area: { shape: AREA_SHAPE } },
    roots: { area: { shape: AREA_SHAPE } },
    streams: [{ stream: 'ORGANIZATIONS', filterSubject: 'organizations.>' }],
  },
  grids: {
    entities: { Grid: { shape: GRID_SHAPE } },
    roots: { grid: { shape: GRID_SHAPE } },
    streams: [
      { stream: 'GRIDS', filterSubject: 'grids.>' },
      { stream: 'PEOPLE', filterSubject: 'people.person.care_tags' },
      { stream: 'ORGANIZATIONS', filterSubject: 'organizations.>' },
    ],
  },
  people: {
    entities: {
      Person: { shape: 'id name', perUser: true },
      Grid: { shape: POPULATION_SHAPE },
      Area: { shape: POPULATION_SHAPE },
    },
    roots: {},
    streams: [
      { stream: 'PEOPLE', filterSubject: 'people.>' },
      { stream: 'CASES', filterSubject: 'cases.case.*' },
    ],
  },
};

/**
 * The caller's visibility class: two callers of one class get the same answer from the subgraphs for every
 * type the table keeps (scope in SQL by area code, field policy by role, department by department code).
 * null: never cached for this caller.
 */
export function visibilityClass(user: Pick<AuthUser, 'roles' | 'areaCode' | 'departmentCode'> | undefined): string | null {
  if (!user || !user.areaCode) return null;
  if (user.roles.includes('resident' as AuthUser['roles'][number])) return null;
  return `${[...user.roles].sort().join(',')}|${user.areaCode}|${user.departmentCode ?? ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// Shapes: a selection allowed below a type, checked by field name (aliases and arguments do not matter:
// the whole query text and its variables are part of every key).

export interface Shape {
  fields: Map<string, Shape | true>;
}

export function parseShape(text: string): Shape {
  const document = parse(`{ ${text} }`);
  const definition = document.definitions[0];
  if (definition.kind !== Kind.OPERATION_DEFINITION) throw new Error('a shape is a selection');
  return toShape(definition.selectionSet);
}

function toShape(selectionSet: SelectionSetNode): Shape {
  const fields = new Map<string, Shape | true>();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) throw new Error('a shape lists fields only');
    fields.set(selection.name.value, selection.selectionSet ? toShape(selection.selectionSet) : true);
  }
  return { fields };
}

const ALLOWED_DIRECTIVES = new Set(['include', 'skip']);

/** Whether every field the selection asks for is in the shape (inline fragments and named fragments followed). */
export function withinShape(selectionSet: SelectionSetNode, shape: Shape, fragments: Map<string, FragmentDefinitionNode>, depth = 0): boolean {
  if (depth > 20) return false;
  for (const selection of selectionSet.selections) {
    if (selection.directives?.some((directive) => !ALLOWED_DIRECTIVES.has(directive.name.value))) return false;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name === '__typename') continue;
      const allowed = shape.fields.get(name);
      if (!allowed) return false;
      if (selection.selectionSet) {
        if (allowed === true || !withinShape(selection.selectionSet, allowed, fragments, depth + 1)) return false;
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (!withinShape(selection.selectionSet, shape, fragments, depth + 1)) return false;
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || !withinShape(fragment.selectionSet, shape, fragments, depth + 1)) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Fetches: what a subgraph fetch of a query plan is, for the cache.

export type FetchPlan =
  /** `_entities` with only listed types and shapes: kept per representation. */
  | { kind: 'entities'; query: string; perUser: ReadonlySet<string>; types: ReadonlySet<string> }
  /** Root fields that are all listed: the whole answer is kept. */
  | { kind: 'root'; query: string; label: string };

interface CompiledPolicy {
  entities: Map<string, { shape: Shape; perUser: boolean }>;
  roots: Map<string, Shape>;
}

const compiled = new Map<string, CompiledPolicy>();

function compiledPolicy(subgraph: string, policies: Readonly<Record<string, SubgraphCachePolicy>>): CompiledPolicy | undefined {
  if (policies !== CACHE_POLICY) return compile(policies[subgraph]);
  let policy = compiled.get(subgraph);
  if (!policy && CACHE_POLICY[subgraph]) compiled.set(subgraph, (policy = compile(CACHE_POLICY[subgraph])!));
  return policy;
}

function compile(policy: SubgraphCachePolicy | undefined): CompiledPolicy | undefined {
  if (!policy) return undefined;
  return {
    entities: new Map(Object.entries(policy.entities).map(([type, entry]) => [type, { shape: parseShape(entry.shape), perUser: entry.perUser === true }])),
    roots: new Map(Object.entries(policy.roots).map(([field, entry]) => [field, parseShape(entry.shape)])),
  };
}

const OPERATION_NAME = /^\s*query\s+[_A-Za-z][_0-9A-Za-z]*/;

/** The query text without the planner's operation name (Op__grids__0 and Op__grids__3 select the same). */
export function normalizedQuery(query: string): string {
  return query.replace(OPERATION_NAME, 'query');
}

/**
 * What the cache may do with a fetch to `subgraph` (null: nothing). Pure; the caller memoizes by query text.
 */
export function classifyFetch(subgraph: string, query: string, policies: Readonly<Record<string, SubgraphCachePolicy>> = CACHE_POLICY): FetchPlan | null {
  const policy = compiledPolicy(subgraph, policies);
  if (!policy) return null;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return null;
  }
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0].operation !== 'query') return null;
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const root = operations[0].selectionSet.selections;
  const normalized = normalizedQuery(query);
  const first = root[0];
  if (root.length === 1 && first.kind === Kind.FIELD && first.name.value === '_entities') {
    const field = first;
    if (field.alias || !field.selectionSet || field.directives?.length) return null;
    const types = new Set<string>();
    const perUser = new Set<string>();
    for (const selection of field.selectionSet.selections) {
      if (selection.kind === Kind.FIELD && selection.name.value === '__typename' && !selection.directives?.length) continue;
      if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition || selection.directives?.length) return null;
      const type = selection.typeCondition.name.value;
      const entry = policy.entities.get(type);
      if (!entry || !withinShape(selection.selectionSet, entry.shape, fragments)) return null;
      types.add(type);
      if (entry.perUser) perUser.add(type);
    }
    return types.size > 0 ? { kind: 'entities', query: normalized, perUser, types } : null;
  }
  const labels: string[] = [];
  for (const selection of root) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length) return null;
    const name = selection.name.value;
    if (name === '__typename') continue;
    const shape = policy.roots.get(name);
    if (!shape || !selection.selectionSet || !withinShape(selection.selectionSet, shape, fragments)) return null;
    labels.push(name);
  }
  return labels.length > 0 ? { kind: 'root', query: normalized, label: `Query.${labels.sort().join('+')}` } : null;
}

/** The subgraphs whose entries an event on `stream` with `subject` may change. */
export function subgraphsInvalidatedBy(stream: string, subject: string, policies: Readonly<Record<string, SubgraphCachePolicy>> = CACHE_POLICY): string[] {
  return Object.entries(policies)
    .filter(([, policy]) => policy.streams.some((entry) => entry.stream === stream && subjectMatches(entry.filterSubject, subject)))
    .map(([subgraph]) => subgraph);
}

/** NATS subject matching: `*` one token, `>` the rest. */
export function subjectMatches(filter: string, subject: string): boolean {
  const wanted = filter.split('.');
  const got = subject.split('.');
  for (let index = 0; index < wanted.length; index += 1) {
    if (wanted[index] === '>') return got.length > index;
    if (index >= got.length) return false;
    if (wanted[index] !== '*' && wanted[index] !== got[index]) return false;
  }
  return wanted.length === got.length;
}

/** One follower per stream, on the whole domain (`<domain>.>`); events are routed by subject afterwards. */
export function streamsToFollow(policies: Readonly<Record<string, SubgraphCachePolicy>> = CACHE_POLICY): Array<{ stream: string; filterSubject: string }> {
  const streams = new Map<string, string>();
  for (const policy of Object.values(policies)) {
    for (const { stream, filterSubject } of policy.streams) streams.set(stream, `${filterSubject.split('.')[0]}.>`);
  }
  return [...streams].map(([stream, filterSubject]) => ({ stream, filterSubject }));
}
