// Keycloak tokens for the load scenarios: fetched in setup() (one password grant per demo user,
// never per request); each VU keeps the token of "its" user for the whole run and fetches a
// fresh one itself, once, only when that token is about to expire (long standalone runs).
import http from 'k6/http';
import encoding from 'k6/encoding';
import { DEMO_PASSWORD, KEYCLOAK_CLIENT_ID, KEYCLOAK_REALM, KEYCLOAK_URL } from './config.js';

const TOKEN_URL = `${KEYCLOAK_URL}/realms/${KEYCLOAK_REALM}/protocol/openid-connect/token`;
/** Refresh when fewer seconds than this are left (a step is ~20 s; a request well under 10 s). */
const EXPIRY_MARGIN_S = 60;

/** The claims of an access token (not verified: the services do that). */
export function claimsOf(accessToken) {
  return JSON.parse(encoding.b64decode(accessToken.split('.')[1], 'rawurl', 's'));
}

function expiresAt(accessToken) {
  return Number(claimsOf(accessToken).exp);
}

/** One password grant; tagged kind=auth so it never counts as a GraphQL request in the results. */
export function fetchToken(username, password = DEMO_PASSWORD) {
  const response = http.post(
    TOKEN_URL,
    { grant_type: 'password', client_id: KEYCLOAK_CLIENT_ID, username, password },
    { tags: { kind: 'auth', name: 'keycloak-token' }, timeout: '10s' },
  );
  if (response.status !== 200) {
    throw new Error(`Keycloak password grant for ${username} failed: HTTP ${response.status} ${String(response.body).slice(0, 200)} (${TOKEN_URL})`);
  }
  const accessToken = response.json('access_token');
  return { username, token: accessToken, exp: expiresAt(accessToken) };
}

/** For setup(): a token for each of the given demo users. */
export function setupTokens(usernames) {
  return usernames.map((username) => fetchToken(username));
}

const refreshed = {}; // this VU's own fresh tokens by username, for runs longer than a token lives

/** A valid token for one of setup()'s users: setup's own while it lasts, then one this VU fetched. */
export function currentToken(entry) {
  const own = refreshed[entry.username];
  if (own && own.exp - Date.now() / 1000 > EXPIRY_MARGIN_S) return own.token;
  if (entry.exp - Date.now() / 1000 > EXPIRY_MARGIN_S) return entry.token;
  refreshed[entry.username] = fetchToken(entry.username);
  return refreshed[entry.username].token;
}

/** The token of this VU's user: users are spread over VUs round-robin by VU number. */
export function vuToken(tokens) {
  return currentToken(tokens[(__VU - 1 + tokens.length) % tokens.length]);
}
