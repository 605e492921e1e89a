import { errorCodes, graphqlRequest, tamper, tokenFor } from '@lianxin/testing';
import { GATEWAY_BASE, GATEWAY_URL } from './gateway.js';

describe('gateway authentication', () => {
  const query = '{ area(code: "330402") { name } }';

  it('refuses a request without a token with UNAUTHENTICATED', async () => {
    const response = await graphqlRequest(GATEWAY_URL, query);
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.data ?? null).toBeNull();
  });

  it('refuses a tampered token with UNAUTHENTICATED', async () => {
    const response = await graphqlRequest(GATEWAY_URL, query, { token: tamper(await tokenFor('county.admin')) });
    expect(response.status).toBe(401);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0].extensions?.reason).toBe('the token signature is invalid');
  });

  it('refuses a token that is not a JWT', async () => {
    const response = await graphqlRequest(GATEWAY_URL, query, { token: 'not-a-token' });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('serves a valid token', async () => {
    const response = await graphqlRequest<{ area: { name: string } }>(GATEWAY_URL, query, { token: await tokenFor('county.admin') });
    expect(response.errors).toBeUndefined();
    expect(response.data?.area.name).toBe('南湖区');
  });

  it('lets the explorer read the schema without a token', async () => {
    const response = await graphqlRequest<{ __schema: { queryType: { name: string } } }>(GATEWAY_URL, '{ __schema { queryType { name } } }');
    expect(response.data?.__schema.queryType.name).toBe('Query');
  });

  it('issue 21: the schema-only pass without a token holds only for schema reads: a data field mixed in, by alias or through a fragment, is UNAUTHENTICATED', async () => {
    for (const query of [
      '{ __schema { queryType { name } } area(code: "330402") { name } }',
      '{ __typename schema: __schema { queryType { name } } a: area(code: "330402") { name } }',
      '{ __schema { queryType { name } } ...Data } fragment Data on Query { area(code: "330402") { name } }',
      '{ __schema { queryType { name } } ... on Query { area(code: "330402") { name } } }',
      'query Schema { __schema { queryType { name } } } query Data { area(code: "330402") { name } }',
    ]) {
      const response = await fetch(GATEWAY_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, ...(query.startsWith('query Schema') ? { operationName: 'Data' } : {}) }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
      expect([query, response.status, body.errors?.map((error) => error.extensions?.code), body.data ?? null]).toEqual([query, 401, ['UNAUTHENTICATED'], null]);
    }
  });

  it('refuses an operation over the cost limit as the client\'s error (HTTP 400)', async () => {
    const tooCostly = '{ area(code: "330402") { children(first: 100) { edges { node { children(first: 100) { edges { node { children(first: 100) { edges { node { code } } } } } } } } } } }';
    const response = await graphqlRequest(GATEWAY_URL, tooCostly, { token: await tokenFor('county.admin') });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors?.[0].message).toMatch(/more than the limit of 20000/);
  });

  it('refuses an unknown operation name as the client\'s error (HTTP 400)', async () => {
    const response = await fetch(GATEWAY_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('county.admin')}` },
      body: JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('answers health and metrics', async () => {
    expect((await fetch(`${GATEWAY_BASE}/health/live`)).status).toBe(200);
    const ready = await fetch(`${GATEWAY_BASE}/health/ready`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${GATEWAY_BASE}/metrics`)).text();
    expect(metrics).toContain('graphql_request_duration_seconds');
  });
});
