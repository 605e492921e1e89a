/**
 * Real access tokens from the development Keycloak: password grant on `lianxin-dev`, the development/test-only
 * client (the web client `lianxin-web` allows only the authorization code flow with PKCE; the production realm
 * has no password-grant client). Every test gets its tokens here.
 */
export const DEV_CLIENT_ID = 'lianxin-dev';
const tokenCache = new Map<string, string>();

export const DEMO_PASSWORD = 'lianxin-demo';

export function keycloakTokenUrl(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.KEYCLOAK_URL ?? 'http://127.0.0.1:58080';
  return `${base}/realms/${env.KEYCLOAK_REALM ?? 'lianxin'}/protocol/openid-connect/token`;
}

export async function tokenFor(username: string, password = DEMO_PASSWORD): Promise<string> {
  const cached = tokenCache.get(username);
  if (cached) return cached;
  const response = await fetch(keycloakTokenUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: process.env.KEYCLOAK_CLIENT_ID ?? DEV_CLIENT_ID, username, password }),
  });
  if (!response.ok) throw new Error(`Keycloak refused a token for ${username}: ${response.status} ${await response.text()}`);
  const { access_token: token } = (await response.json()) as { access_token: string };
  tokenCache.set(username, token);
  return token;
}

/** The same token with one character of its signature changed. */
export function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
  return [header, payload, flipped].join('.');
}
