import { readFileSync } from 'node:fs';
import { tokenFor } from '@lianxin/testing';
import { GATEWAY_URL } from '../e2e/gateway.js';

/**
 * Issue 14, "The gateway under abuse", against the test stack's gateway (NODE_ENV=test: arbitrary
 * documents allowed, rate limits off). The production-only behaviour (introspection and arbitrary
 * documents refused without a token / role, rate limits, a frozen subgraph) is tested in process in
 * gateway/test/hardening.test.ts.
 */
interface Answer {
  status: number;
  bytes: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function post(payload: Record<string, unknown>, username?: string): Promise<Answer> {
  const response = await fetch(GATEWAY_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(username ? { authorization: `Bearer ${await tokenFor(username)}` } : {}) },
    body: JSON.stringify(payload),
  });
  const text = await response.text();
  return { status: response.status, bytes: text.length, body: JSON.parse(text) };
}

const flood = `{ ${Array.from({ length: 200 }, (_, index) => `a${index}: __schema { types { fields { name } } }`).join(' ')} }`;
const nested = (first: string) =>
  `query Nested${first.startsWith('$') ? '($n: Int)' : ''} { areas(first: ${first}) { edges { node { children(first: ${first}) { edges { node { children(first: ${first}) { edges { node { code name } } } } } } } } } }`;

describe('security: the gateway under abuse (issue 14)', () => {
  it('issue 14: the alias flood (200 × __schema) is refused before execution, even with a token', async () => {
    const answer = await post({ query: flood }, 'county.admin');
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.map((error) => error.extensions?.limit)).toEqual(expect.arrayContaining(['aliases', 'introspectionFields']));
    expect(answer.bytes).toBeLessThan(10_000);
  });

  it('issue 14: first: $n costs what a literal first costs, so it cannot escape the cost limit', async () => {
    const literal = await post({ query: nested('100') }, 'county.admin');
    const variable = await post({ query: nested('$n'), variables: { n: 100 } }, 'county.admin');
    expect([literal.status, variable.status]).toEqual([400, 400]);
    expect(literal.body.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', maxCost: 20_000 });
    expect(variable.body.errors?.[0].extensions?.cost).toBe(literal.body.errors?.[0].extensions?.cost);
    // Leaving first out costs the default page size (20), not 1.
    const missing = await post({ query: '{ areas { edges { node { children { edges { node { children { edges { node { code name } } } } } } } } } }' }, 'county.admin');
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.[0].extensions?.limit).toBe('cost');
  });

  it('issue 14: no stack traces outside development', async () => {
    const answer = await post({ query: 'query A { __typename }', operationName: 'B' }, 'county.admin');
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).not.toContain('stacktrace');
  });

  it('issue 14: a registered operation runs by its hash alone (trusted documents of libs/client)', async () => {
    const manifest = JSON.parse(readFileSync('gateway/persisted-operations.json', 'utf8')) as { operations: Array<{ id: string; name: string }> };
    const areaTree = manifest.operations.find((operation) => operation.name === 'AreaTree');
    expect(areaTree).toBeDefined();
    const answer = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: areaTree!.id } }, variables: { code: '330402', first: 2 } }, 'county.admin');
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ area: { code: '330402' } });
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }, 'county.admin');
    expect(unknown.body.errors?.map((error) => error.extensions?.code)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});
