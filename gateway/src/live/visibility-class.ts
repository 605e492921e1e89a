import { getNamedType, parse, TypeInfo, visit, visitWithTypeInfo, type GraphQLSchema } from 'graphql';
import { Role, type AuthUser } from '@lianxin/auth';

/**
 * Which subscribers may share one resolution of an event's payload (issue 16): those whose answer from the
 * subgraphs is the same for every field they select — the same *visibility class*. Never across classes.
 *
 * A class is the token's roles, area code and department code, plus the user id unless every field the
 * per-event query selects answers the same to every holder of those roles in that area. That is decided
 * from the table below, which is an ALLOW list: a field that is not in it (a new field, a field of another
 * type, anything under Person) makes the subscription's class its own user (per-user resolution, as safe as
 * before), so forgetting to list a field costs speed, never privacy.
 *
 * Why a field is in the table (read in the owning subgraphs, December 2026):
 * - Case: plain columns of the case row. For the roles below, whether the case is readable at all is
 *   `mayRead` in services/cases/src/case/case-access.ts: area readers read the cases of their area, from the
 *   token's roles and area alone. Left out on purpose: `history` (a hidden actor shows to the account
 *   itself, anonymity.policy.ts), `availableActions` / `awaitsMyAction` (assignee = me, rating.policy.ts),
 *   `likelyDuplicates`, `supervisions`, `dispute`, `rating*`, attachments, ids of users, `reporter`
 *   (a Person: see below).
 * - Grid `code`, `name` (cases' copy) and `kind`, `staff` (services/grids: role checks only,
 *   `requireGridDetails`, `gridDetailField`); GridStaff's columns (`userId` is role-masked,
 *   `staffPersonalDataField`). Not `person` (a Person).
 * - ServiceOrder: columns of the order (services/volunteers: staff and auditors read the orders of their
 *   token's area; volunteers are never shared, see CLASS_ROLES). Not `requester`/`claimant` (persons).
 * - Warning: columns of the warning (services/cases warnings.policy.ts: readers of the area by role).
 * - Person is NOT shareable: people's field policy has a SELF row (`person.userId === user.sub`), and an
 *   account can be linked to a person at any time by a ledger editor, so what a Person shows depends on the
 *   viewer. Reporter names on a board therefore resolve per user.
 */
export const VIEWER_INDEPENDENT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Case: [
    'id',
    'number',
    'title',
    'description',
    'status',
    'level',
    'caseClass',
    'categoryCode',
    'gridCode',
    'source',
    'serviceKind',
    'dueAt',
    'overdue',
    'reportedAt',
    'receivedAt',
    'clockStartedAt',
    'stageStartedAt',
    'stageDueAt',
    'resolvedAt',
    'resolvedAtLevel',
    'result',
    'fedBackAt',
    'feedback',
    'closedAt',
    'reopenCount',
    'returnReason',
    'dispatchedFromLevel',
    'assigneeDepartmentCode',
    'hotlineOrderNumber',
    'anonymous',
    'mergedIntoId',
    'version',
    'grid',
  ],
  Grid: ['code', 'name', 'kind', 'staff'],
  GridStaff: ['id', 'name', 'role', 'gridCode', 'microGridCode', 'active', 'startedAt', 'endedAt', 'userId', 'version'],
  ServiceOrder: ['id', 'title', 'description', 'kind', 'status', 'areaCode', 'deadline', 'createdAt', 'publishedAt', 'claimedAt', 'completedAt', 'confirmedAt', 'expiredAt', 'claimantVolunteerId', 'version'],
  Warning: ['id', 'rule', 'level', 'areaCode', 'summary', 'count', 'status', 'raisedAt', 'lastSeenAt', 'acknowledgedAt', 'closedAt', 'version'],
};

/**
 * Roles whose reading of the fields above depends on their roles and area only. Residents (their own
 * cases, by account), department staff (cases they entered, by account) and volunteers (their own orders)
 * are left out: their subscriptions always resolve per user.
 */
export const CLASS_ROLES: ReadonlySet<string> = new Set<string>([Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.VILLAGE_ADMIN, Role.GRID_LEADER, Role.GRID_WORKER, Role.AUDITOR]);

const ALLOWED = new Map(Object.entries(VIEWER_INDEPENDENT_FIELDS).map(([type, fields]) => [type, new Set(fields)]));

/**
 * Does every field of the per-event query (the root look-up by id aside) answer the same to every holder of
 * the same roles and area? Anything unknown — a type or field not in the table — says no.
 */
export function selectsViewerIndependentFields(schema: GraphQLSchema, objectQuery: string, rootQuery: string): boolean {
  const typeInfo = new TypeInfo(schema);
  let independent = true;
  visit(
    parse(objectQuery),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        if (name === '__typename') return;
        const parent = typeInfo.getParentType();
        if (!parent) {
          independent = false;
          return;
        }
        if (parent === schema.getQueryType() && name === rootQuery) return;
        if (!ALLOWED.get(parent.name)?.has(name)) independent = false;
        // A field whose type the table does not know (a list of persons, say) is checked at its own fields.
        const type = typeInfo.getType();
        if (type && getNamedType(type).name === 'Person') independent = false;
      },
      Directive(node) {
        // @skip/@include are applied before the query is built; any other directive is unknown here.
        if (node.name.value !== 'skip' && node.name.value !== 'include') independent = false;
      },
      InlineFragment(node) {
        if (node.typeCondition && !ALLOWED.has(node.typeCondition.name.value)) independent = false;
      },
      FragmentDefinition(node) {
        if (!ALLOWED.has(node.typeCondition.name.value)) independent = false;
      },
    }),
  );
  return independent;
}

/**
 * The key of the subscriber's visibility class: equal keys get equal answers from the graph, so one
 * resolution per (event, document and variables, class) serves them all.
 */
export function visibilityClass(user: AuthUser, viewerIndependent: boolean): string {
  const shareable = viewerIndependent && user.roles.length > 0 && user.roles.every((role) => CLASS_ROLES.has(role));
  return [shareable ? 'class' : `user:${user.sub}`, [...user.roles].sort().join(','), user.areaCode, user.departmentCode ?? ''].join('|');
}
