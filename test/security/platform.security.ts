import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectNats } from '@lianxin/events';
import { graphqlRequest, keycloakTokenUrl, tokenFor } from '@lianxin/testing';
import { GATEWAY_URL } from '../e2e/gateway.js';

/**
 * Issue 14, "NATS, Keycloak, tokens, uploads" and bad input, against the test stack (its NATS runs with the
 * users of tools/nats/nats-users.json, passwords in NATS_CREDENTIALS_DIR). The same findings are proven in
 * process too: libs/events/test/nats-permissions.test.ts and dead-letter.test.ts, libs/auth (token checks,
 * stale JWKS, realm), libs/platform/test/degraded-dependencies.test.ts, services/people/test/import-bounds.test.ts.
 */
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:54223';
const credentialsDir = process.env.NATS_CREDENTIALS_DIR ?? join(process.cwd(), '.lianxin', 'nats-credentials');
const passwordOf = (user: string) => readFileSync(join(credentialsDir, `${user}.password`), 'utf8').trim();
const withCredentials = existsSync(join(credentialsDir, 'volunteers.password')) ? describe : describe.skip;

const verified = () =>
  JSON.stringify({
    id: crypto.randomUUID(),
    type: 'cases.case.verified',
    occurredAt: new Date().toISOString(),
    areaCode: '330402001001001',
    actor: 'forger',
    data: { caseId: crypto.randomUUID(), gridCode: '330402001001001', source: 'RESIDENT', reporterPersonId: '00000000-0000-4000-8000-0000000000aa' },
    schemaVersion: 1,
  });

describe('security: NATS, Keycloak and bad input (issue 14)', () => {
  withCredentials('NATS', () => {
    const open: Array<Awaited<ReturnType<typeof connectNats>>> = [];
    afterAll(async () => {
      await Promise.all(open.map((nc) => nc.close().catch(() => undefined)));
    });

    it('issue 14: NATS refuses anonymous connections', async () => {
      await expect(connectNats({ url: NATS_URL, credentials: { user: '', pass: '' } })).rejects.toThrow(/Authorization Violation/i);
    });

    it('issue 14: a forged cases.case.verified published as the volunteers user is refused by the server', async () => {
      const nc = await connectNats({ url: NATS_URL, credentials: { user: 'volunteers', pass: passwordOf('volunteers') } });
      open.push(nc);
      // A JetStream publish is a request answered by the stream; the server refuses it before that.
      await expect(nc.request('cases.case.verified', verified(), { timeout: 2_000 })).rejects.toThrow(/permission|timeout/i);
    });
  });

  it('issue 14: the web client refuses the password grant (authorization code + PKCE only)', async () => {
    const response = await fetch(keycloakTokenUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'lianxin-web', username: 'county.admin', password: 'lianxin-demo' }),
    });
    expect(((await response.json()) as { error: string }).error).toBe('unauthorized_client');
  });

  it('issue 14: a malformed cursor is BAD_USER_INPUT on after, not INTERNAL_SERVER_ERROR', async () => {
    const notOurs = Buffer.from(JSON.stringify(['not-a-uuid'])).toString('base64url');
    for (const after of ['%%%', notOurs]) {
      const response = await graphqlRequest(GATEWAY_URL, 'query ($after: String) { persons(first: 1, after: $after) { totalCount } }', {
        token: await tokenFor('county.admin'),
        variables: { after },
      });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('issue 14: a non-numeric areaCode is BAD_USER_INPUT with field and reason, not INTERNAL_SERVER_ERROR', async () => {
    const token = await tokenFor('county.admin');
    for (const query of [
      '{ caseStats(areaCode: "330402abc", period: { from: "2026-01-01", to: "2026-01-31" }) { reported } }',
      '{ persons(first: 1, filter: { areaCode: "330402abc" }) { totalCount } }',
      '{ cases(first: 1, filter: { areaCode: "330402abc" }) { totalCount } }',
    ]) {
      const response = await graphqlRequest(GATEWAY_URL, query, { token });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringMatching(/areaCode$/), reason: expect.any(String) });
    }
  });
});
