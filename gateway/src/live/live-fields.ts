import { GraphQLError } from 'graphql';
import { hasAnyRole, isInScope, Role, type AuthUser } from '@lianxin/auth';
import type { LiveEvent } from './feed.js';

/**
 * Which events feed which subscription field, and who may see them (issue 16). Adding a subscription is
 * one entry here plus its field in live-schema.ts (and the stream's reader line in tools/nats/nats-users.json).
 *
 * Scope is checked twice, as for queries: `admits` drops an event the subscriber may not see *before* any
 * resolving, from what the event carries (its area code, department, the person named) and the token, with
 * the rules the owning subgraph applies; then the payload is resolved through the graph with the
 * subscriber's own token, so the subgraph's own check decides last (an object it does not show is not sent).
 */
export interface LiveFieldSpec<State = unknown> {
  /** Subscription field (live-schema.ts). */
  field: string;
  /** The stream and the subjects the gateway's one consumer of that stream reads (the same for every field of a stream). */
  stream: string;
  filterSubject: string;
  /** The events of the stream this field is fed by. */
  subject: RegExp;
  /** Roles that may subscribe at all (FORBIDDEN otherwise). */
  roles: readonly Role[];
  /** The payload field holding the object (CaseChange.case) and the root query that resolves it by id. */
  objectField: string;
  rootQuery: string;
  idOf(event: LiveEvent): string | undefined;
  /** Extra fields the gateway selects on the object for `accept` (aliased, removed before sending). */
  internalSelection?: string;
  /** Per subscription, at its start and when the token changes: checks arguments, may look things up through the graph. */
  prepare(user: AuthUser, args: Record<string, unknown>, graph: GraphLookup): Promise<State>;
  /** Before resolving: may this subscriber see this event at all (scope from the token and the event)? */
  admits(event: LiveEvent, user: AuthUser, args: Record<string, unknown>, state: State): boolean;
  /** After resolving: send it (and with which extra payload fields)? Undefined: not sent. */
  accept?(event: LiveEvent, object: Record<string, unknown>, state: State): Record<string, unknown> | undefined;
}

/** A query through the gateway with the subscriber's token (at the start of a subscription only). */
export type GraphLookup = (query: string, variables?: Record<string, unknown>) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly unknown[] }>;

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function badUserInput(field: string, reason: string): GraphQLError {
  return new GraphQLError(`${field}: ${reason}`, { extensions: { code: 'BAD_USER_INPUT', field, reason } });
}

const AREA_READERS: readonly Role[] = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, Role.GRID_LEADER, Role.GRID_WORKER, Role.AUDITOR];
const GRID_STAFF: readonly Role[] = [Role.GRID_LEADER, Role.GRID_WORKER];
const VILLAGE_CODE_LENGTH = 12;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const caseData = (event: LiveEvent) => event.envelope.data as { caseId?: string; gridCode?: string; status?: string; level?: string; assigneeDepartmentCode?: string | null; reporterPersonId?: string | null };

/**
 * What a case event may show a user, from the event alone (services/cases case-access.ts `mayRead`, as far
 * as an event can tell): area readers their area; department staff the cases dispatched to their
 * department in their area. Residents go through myCaseProgress (their own cases by id or linked person).
 */
function caseInScope(event: LiveEvent, user: AuthUser): boolean {
  const { gridCode, assigneeDepartmentCode } = caseData(event);
  if (!gridCode || !/^\d+$/.test(user.areaCode)) return false;
  if (hasAnyRole(user, AREA_READERS) && isInScope(user, gridCode)) return true;
  return hasAnyRole(user, [Role.DEPARTMENT_STAFF]) && !!user.departmentCode && assigneeDepartmentCode === user.departmentCode && isInScope(user, gridCode);
}

interface BoardArgs {
  areaCode?: string | null;
  statuses?: string[] | null;
}

export const caseBoard: LiveFieldSpec<{ prefix: string }> = {
  field: 'caseBoard',
  stream: 'CASES',
  filterSubject: 'cases.>',
  subject: /^cases\.case\./,
  roles: [...AREA_READERS, Role.DEPARTMENT_STAFF],
  objectField: 'case',
  rootQuery: 'case',
  idOf: (event) => caseData(event).caseId,
  async prepare(user, args) {
    const areaCode = (args as BoardArgs).areaCode ?? user.areaCode;
    if (!/^\d{6,18}$/.test(areaCode)) throw badUserInput('areaCode', 'an area code is 6 to 18 digits');
    if (!isInScope(user, areaCode)) throw forbidden(`the area ${areaCode} is outside your area ${user.areaCode}`);
    return { prefix: areaCode };
  },
  admits(event, user, args, state) {
    const { gridCode, status } = caseData(event);
    if (!gridCode?.startsWith(state.prefix) || !caseInScope(event, user)) return false;
    const statuses = (args as BoardArgs).statuses;
    return !statuses || statuses.length === 0 || (!!status && statuses.includes(status));
  },
};

interface AwaitingState {
  /** Cases that waited for the subscriber when last seen (so that leaving the list is announced too). */
  awaiting: Set<string>;
}

const AWAITING_HOLDERS: readonly Role[] = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, ...GRID_STAFF, Role.DEPARTMENT_STAFF, Role.RESIDENT];

export const casesAwaitingMyAction: LiveFieldSpec<AwaitingState & ResidentState> = {
  field: 'casesAwaitingMyAction',
  stream: 'CASES',
  filterSubject: 'cases.>',
  subject: /^cases\.case\./,
  roles: AWAITING_HOLDERS,
  objectField: 'case',
  rootQuery: 'case',
  idOf: (event) => caseData(event).caseId,
  // Whose move it is lives in services/cases (awaiting.policy.ts); the gateway asks, never re-decides.
  internalSelection: '__liveAwaitsMe: awaitsMyAction',
  async prepare(user, _args, graph) {
    const answer = await graph('query LiveAwaitingStart { viewer { awaitingMyAction(first: 100) { edges { node { id } } } } }');
    const edges = ((answer.data?.viewer as { awaitingMyAction?: { edges?: Array<{ node: { id: string } }> } } | undefined)?.awaitingMyAction?.edges ?? []);
    const resident = hasAnyRole(user, [Role.RESIDENT]) ? await residentState(graph) : { caseIds: new Set<string>(), personId: null };
    return { awaiting: new Set(edges.map((edge) => edge.node.id)), ...resident };
  },
  admits(event, user, _args, state) {
    return caseInScope(event, user) || (hasAnyRole(user, [Role.RESIDENT]) && ownCase(event, user, state));
  },
  accept(event, object, state) {
    const id = caseData(event).caseId!;
    const now = object.__liveAwaitsMe === true;
    const before = state.awaiting.has(id);
    if (now) state.awaiting.add(id);
    else state.awaiting.delete(id);
    return now || before ? { awaitingMe: now } : undefined;
  },
};

interface ResidentState {
  /** The subscriber's cases (Viewer.myCases) and the person linked to their account. */
  caseIds: Set<string>;
  personId: string | null;
}

async function residentState(graph: GraphLookup): Promise<ResidentState> {
  const answer = await graph('query LiveMyCasesStart { viewer { person { id } myCases(first: 100) { edges { node { id } } } } }');
  const viewer = answer.data?.viewer as { person?: { id: string } | null; myCases?: { edges?: Array<{ node: { id: string } }> } } | undefined;
  return { caseIds: new Set((viewer?.myCases?.edges ?? []).map((edge) => edge.node.id)), personId: viewer?.person?.id ?? null };
}

/** A resident's own case (services/cases case-access.ts isReporterOf / visibleCasesWhere), as far as the event tells. */
function ownCase(event: LiveEvent, user: AuthUser, state: ResidentState): boolean {
  const { caseId, reporterPersonId } = caseData(event);
  if (caseId && state.caseIds.has(caseId)) return true;
  if (state.personId && reporterPersonId === state.personId) return true;
  // A case the resident just reported: the event's actor is their account (anonymous reports carry a pseudonym
  // and are followed through the person link or after the next start).
  return event.subject === 'cases.case.reported' && event.envelope.actor === user.sub;
}

export const myCaseProgress: LiveFieldSpec<ResidentState & { only?: string }> = {
  field: 'myCaseProgress',
  stream: 'CASES',
  filterSubject: 'cases.>',
  subject: /^cases\.case\./,
  roles: [Role.RESIDENT],
  objectField: 'case',
  rootQuery: 'case',
  idOf: (event) => caseData(event).caseId,
  async prepare(_user, args, graph) {
    const only = text(args.caseId);
    return { ...(await residentState(graph)), ...(only ? { only } : {}) };
  },
  admits(event, user, _args, state) {
    if (state.only && caseData(event).caseId !== state.only) return false;
    return ownCase(event, user, state);
  },
  accept(event, _object, state) {
    // Resolved with the resident's token, so it is theirs: follow it from now on.
    const id = caseData(event).caseId;
    if (id) state.caseIds.add(id);
    return {};
  },
};

const orderArea = (event: LiveEvent) => text((event.envelope.data as { areaCode?: unknown }).areaCode) ?? event.envelope.areaCode;

export const serviceOrdersInMyVillage: LiveFieldSpec<{ prefix: string }> = {
  field: 'serviceOrdersInMyVillage',
  stream: 'VOLUNTEERS',
  filterSubject: 'volunteers.order.*',
  subject: /^volunteers\.order\./,
  roles: [Role.VOLUNTEER, Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, ...GRID_STAFF, Role.AUDITOR],
  objectField: 'order',
  rootQuery: 'serviceOrder',
  idOf: (event) => text((event.envelope.data as { orderId?: unknown }).orderId),
  // services/volunteers common/access.ts browsePrefix: staff and auditors their token's area, volunteers their village.
  async prepare(user) {
    if (hasAnyRole(user, [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, ...GRID_STAFF, Role.AUDITOR])) return { prefix: user.areaCode };
    if (user.areaCode.length < VILLAGE_CODE_LENGTH) throw forbidden('a volunteer without a village has no service orders to follow');
    return { prefix: user.areaCode.slice(0, VILLAGE_CODE_LENGTH) };
  },
  admits(event, _user, _args, state) {
    return orderArea(event)?.startsWith(state.prefix) ?? false;
  },
};

const WARNING_READERS: readonly Role[] = [Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, Role.GRID_LEADER, Role.AUDITOR];

/** services/cases warnings.policy.ts: warnings addressed inside the reader's area (§8.4). */
export const warningsInMyArea: LiveFieldSpec<undefined> = {
  field: 'warningsInMyArea',
  stream: 'CASES',
  filterSubject: 'cases.>',
  subject: /^cases\.warning\./,
  roles: WARNING_READERS,
  objectField: 'warning',
  rootQuery: 'warning',
  idOf: (event) => text((event.envelope.data as { warningId?: unknown }).warningId),
  async prepare() {
    return undefined;
  },
  admits(event, user, args) {
    const data = event.envelope.data as { areaCode?: unknown; level?: unknown };
    const areaCode = text(data.areaCode) ?? event.envelope.areaCode;
    if (!/^\d+$/.test(user.areaCode) || !areaCode.startsWith(user.areaCode)) return false;
    return !args.level || data.level === args.level;
  },
};

/**
 * Every subscription field. Care visits due (§8.3) join here once grids publishes an event per due visit
 * (today only grids.care.overdue exists, which becomes a CARE_OVERDUE warning: warningsInMyArea carries it).
 */
export const LIVE_FIELDS: readonly LiveFieldSpec<never>[] = [caseBoard, casesAwaitingMyAction, myCaseProgress, serviceOrdersInMyVillage, warningsInMyArea] as unknown as LiveFieldSpec<never>[];

export function liveField(name: string): LiveFieldSpec<unknown> | undefined {
  return (LIVE_FIELDS as unknown as LiveFieldSpec<unknown>[]).find((spec) => spec.field === name);
}
