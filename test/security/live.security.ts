import { GATEWAY_URL } from '../e2e/gateway.js';
import { DEMO_USERS, type RoleName } from './policy.js';
import { demoToken } from './tokens.js';

/**
 * Who may subscribe to what (issue 16): the Subscription root's declared table, written by hand like
 * policy.ts for queries and mutations, checked against the schema and against every demo user opening
 * every subscription over SSE (refused: 403 FORBIDDEN before anything is read; allowed: the stream opens).
 * What a subscriber then receives is limited to their scope (test/e2e/live.e2e.ts).
 */
const AREA_STAFF: RoleName[] = ['county-admin', 'township-admin', 'village-admin', 'grid-leader', 'grid-worker'];
const LIVE_POLICY: Record<string, { roles: RoleName[]; query: string }> = {
  caseBoard: { roles: [...AREA_STAFF, 'auditor', 'department-staff'], query: 'subscription { caseBoard { cursor } }' },
  casesAwaitingMyAction: { roles: [...AREA_STAFF, 'department-staff', 'resident'], query: 'subscription { casesAwaitingMyAction { cursor } }' },
  myCaseProgress: { roles: ['resident'], query: 'subscription { myCaseProgress { cursor } }' },
  serviceOrdersInMyVillage: { roles: [...AREA_STAFF, 'auditor', 'volunteer'], query: 'subscription { serviceOrdersInMyVillage { cursor } }' },
  warningsInMyArea: { roles: ['county-admin', 'township-admin', 'village-admin', 'grid-leader', 'auditor'], query: 'subscription { warningsInMyArea { cursor } }' },
};

const STREAM_URL = GATEWAY_URL.replace(/\/graphql$/, '/graphql/stream');

/** Opens a subscription and closes it again: the HTTP status and, when refused, the error code. */
async function open(username: string, query: string): Promise<{ status: number; code?: string }> {
  const abort = new AbortController();
  const response = await fetch(STREAM_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${await demoToken(username)}` },
    body: JSON.stringify({ query }),
    signal: abort.signal,
  });
  if (response.status === 200) {
    abort.abort();
    return { status: 200 };
  }
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code };
}

describe('live subscriptions: who may subscribe (issue 16)', () => {
  it('declares every Subscription field of the schema, and nothing else', async () => {
    const response = await fetch(GATEWAY_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await demoToken('county.admin')}` },
      body: JSON.stringify({ query: '{ __schema { subscriptionType { fields { name } } } }' }),
    });
    const body = (await response.json()) as { data: { __schema: { subscriptionType: { fields: Array<{ name: string }> } } } };
    expect(body.data.__schema.subscriptionType.fields.map((field) => field.name).sort()).toEqual(Object.keys(LIVE_POLICY).sort());
  });

  const cases = Object.entries(LIVE_POLICY).flatMap(([field, { roles, query }]) => DEMO_USERS.map((user) => [field, user.username, user.role, roles.includes(user.role), query] as const));
  it.each(cases)('%s as %s (%s): allowed %s', async (_field, username, _role, allowed, query) => {
    const answer = await open(username, query);
    if (allowed) expect(answer).toEqual({ status: 200 });
    else expect(answer).toEqual({ status: 403, code: 'FORBIDDEN' });
  });

  it.each(DEMO_USERS.filter((user) => user.areaCode.length >= 9 && LIVE_POLICY.caseBoard.roles.includes(user.role)))(
    'caseBoard of another township is FORBIDDEN for $username',
    async ({ username, areaCode }) => {
      const other = areaCode.startsWith('330402002') ? '330402003' : '330402002';
      expect(await open(username, `subscription { caseBoard(areaCode: "${other}") { cursor } }`)).toEqual({ status: 403, code: 'FORBIDDEN' });
    },
  );

  it('without a token nothing opens (401 UNAUTHENTICATED)', async () => {
    const response = await fetch(STREAM_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: LIVE_POLICY.caseBoard.query }) });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
