import { randomBytes } from 'node:crypto';
import { keycloakTokenUrl, tokenFor } from '@lianxin/testing';

/** Issue 14: the development realm (tools/keycloak/lianxin-realm.json) as Keycloak serves it. */
const KEYCLOAK = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:58080';
const REALM = process.env.KEYCLOAK_REALM ?? 'lianxin';
const REALM_URL = `${KEYCLOAK}/realms/${REALM}`;
/** Where the authorization endpoint would send the browser back (nothing needs to listen: redirects are not followed). */
const REDIRECT = 'http://127.0.0.1:4402/callback';

const passwordGrant = (clientId: string, username: string, password: string) =>
  fetch(keycloakTokenUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password }),
  });

async function adminToken(): Promise<string> {
  const response = await fetch(`${KEYCLOAK}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: process.env.KEYCLOAK_ADMIN_USER ?? 'admin',
      password: process.env.KEYCLOAK_ADMIN_PASSWORD ?? 'admin',
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('Keycloak realm hardening (issue 14)', () => {
  let admin: string;
  const adminApi = (path: string, init: RequestInit = {}) =>
    fetch(`${KEYCLOAK}/admin/realms/${REALM}${path}`, { ...init, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...init.headers } });

  beforeAll(async () => {
    admin = await adminToken();
  });

  it('the web client refuses the password grant; the dev/test client lianxin-dev issues tokens', async () => {
    const refused = await passwordGrant('lianxin-web', 'county.admin', 'lianxin-demo');
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(((await refused.json()) as { error: string }).error).toBe('unauthorized_client');
    const token = await tokenFor('county.admin');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { azp: string; typ: string; aud: string | string[] };
    expect(claims).toMatchObject({ azp: 'lianxin-dev', typ: 'Bearer' });
    expect([claims.aud].flat()).toContain('lianxin-api');
  });

  it('the web client takes the authorization code flow only with a PKCE S256 challenge', async () => {
    const authorize = (extra: Record<string, string>) =>
      fetch(`${REALM_URL}/protocol/openid-connect/auth?${new URLSearchParams({ client_id: 'lianxin-web', response_type: 'code', scope: 'openid', redirect_uri: REDIRECT, state: 's', ...extra })}`, {
        redirect: 'manual',
      });
    const errorOf = (response: Response) => new URL(response.headers.get('location') ?? 'http://none/').searchParams.get('error');
    const withoutChallenge = await authorize({});
    expect(withoutChallenge.status).toBe(302);
    expect(errorOf(withoutChallenge)).toBe('invalid_request');
    const plain = await authorize({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' });
    expect(errorOf(plain)).toBe('invalid_request');
    const s256 = await authorize({ code_challenge: randomBytes(32).toString('base64url'), code_challenge_method: 'S256' });
    expect(s256.status).toBe(200);
    expect(await s256.text()).toMatch(/<form/);
  });

  it('realm settings: brute-force detection on, a password policy, sslRequired external', async () => {
    const realm = (await (await adminApi('')).json()) as { bruteForceProtected: boolean; passwordPolicy: string; sslRequired: string; failureFactor: number };
    expect(realm).toMatchObject({ bruteForceProtected: true, sslRequired: 'external' });
    expect(realm.passwordPolicy).toMatch(/length\(12\)/);
    expect(realm.failureFactor).toBeGreaterThan(0);
  });

  describe('with a throwaway user', () => {
    const username = `h6.realm.${randomBytes(4).toString('hex')}`;
    const password = 'correct-horse-battery';
    let id: string;

    beforeAll(async () => {
      const created = await adminApi('/users', {
        method: 'POST',
        body: JSON.stringify({
          username,
          enabled: true,
          email: `${username}@test.invalid`,
          emailVerified: true,
          firstName: 'Realm',
          lastName: 'Test',
          attributes: { area_code: ['330402'] },
          credentials: [{ type: 'password', value: password, temporary: false }],
        }),
      });
      expect(created.status).toBe(201);
      id = created.headers.get('location')!.split('/').pop()!;
    });

    afterAll(async () => {
      if (id) await adminApi(`/users/${id}`, { method: 'DELETE' });
    });

    it('the password policy refuses a short or reused password and accepts the demo password', async () => {
      const reset = (value: string) => adminApi(`/users/${id}/reset-password`, { method: 'PUT', body: JSON.stringify({ type: 'password', value, temporary: false }) });
      const short = await reset('short-1');
      expect(short.status).toBe(400);
      expect(JSON.stringify(await short.json())).toMatch(/invalidPasswordMinLength|length/i);
      expect((await reset('lianxin-demo')).status).toBe(204);
      // passwordHistory: the previous password cannot come back.
      expect((await reset(password)).status).toBe(400);
      expect((await passwordGrant('lianxin-dev', username, 'lianxin-demo')).status).toBe(200);
    });

    it('brute-force detection locks the account after repeated wrong passwords: then the right one is refused too', async () => {
      const { failureFactor } = (await (await adminApi('')).json()) as { failureFactor: number };
      for (let attempt = 0; attempt < failureFactor; attempt++) {
        expect((await passwordGrant('lianxin-dev', username, `wrong-password-${attempt}`)).status).toBe(401);
      }
      const status = (await (await adminApi(`/attack-detection/brute-force/users/${id}`)).json()) as { disabled: boolean; numFailures: number };
      expect(status.disabled).toBe(true);
      expect((await passwordGrant('lianxin-dev', username, 'lianxin-demo')).status).not.toBe(200);
    });
  });
});
