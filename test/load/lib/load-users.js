// Load users in Keycloak: scenarios that need more actors than the 14 demo users (a grid worker per
// grid, many volunteers) create them in setup() through the Keycloak admin API on 127.0.0.1, in one
// partial import that overwrites earlier copies, so a run always finds them as it describes them.
// Ids are derived from the username: the same user keeps its id across runs (data that points at
// it, e.g. a volunteer's userId, stays valid). Passwords are the demo password.
import http from 'k6/http';
import crypto from 'k6/crypto';
import { DEMO_PASSWORD, KEYCLOAK_REALM, KEYCLOAK_URL } from './config.js';

const ADMIN_USER = __ENV.KEYCLOAK_ADMIN_USER || 'admin';
const ADMIN_PASSWORD = __ENV.KEYCLOAK_ADMIN_PASSWORD || 'admin';

/** A stable UUID (version 4 layout) from the username. */
export function loadUserId(username) {
  const hex = crypto.sha256(`lianxin-load-user:${username}`, 'hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function adminToken() {
  const response = http.post(
    `${KEYCLOAK_URL}/realms/master/protocol/openid-connect/token`,
    { grant_type: 'password', client_id: 'admin-cli', username: ADMIN_USER, password: ADMIN_PASSWORD },
    { tags: { kind: 'auth', name: 'keycloak-admin-token' }, timeout: '10s' },
  );
  if (response.status !== 200) throw new Error(`Keycloak admin login failed: HTTP ${response.status} (KEYCLOAK_ADMIN_USER / KEYCLOAK_ADMIN_PASSWORD)`);
  return response.json('access_token');
}

function representation(user) {
  const attributes = { area_code: [user.areaCode] };
  if (user.departmentCode) attributes.department_code = [user.departmentCode];
  return {
    id: loadUserId(user.username),
    username: user.username,
    enabled: true,
    emailVerified: true,
    email: `${user.username}@load.lianxin.local`,
    firstName: user.firstName || 'Load',
    lastName: user.lastName || user.username,
    attributes,
    credentials: [{ type: 'password', value: DEMO_PASSWORD, temporary: false }],
    requiredActions: [],
    realmRoles: user.roles,
  };
}

/**
 * Creates or overwrites the given users: [{ username, roles: ['grid-worker'], areaCode, departmentCode? }].
 * Returns the users with their ids.
 */
export function ensureLoadUsers(users) {
  const token = adminToken();
  const response = http.post(
    `${KEYCLOAK_URL}/admin/realms/${KEYCLOAK_REALM}/partialImport`,
    JSON.stringify({ ifResourceExists: 'OVERWRITE', users: users.map(representation) }),
    { headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, tags: { kind: 'auth', name: 'keycloak-partial-import' }, timeout: '60s' },
  );
  if (response.status !== 200) throw new Error(`Keycloak partial import of ${users.length} load users failed: HTTP ${response.status} ${String(response.body).slice(0, 300)}`);
  return users.map((user) => ({ ...user, id: loadUserId(user.username) }));
}
