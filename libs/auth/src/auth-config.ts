import { readFileSync } from 'node:fs';

export interface AuthConfig {
  /** Where the JWKS is fetched from (may be an in-cluster address). */
  jwksUrl: string;
  /** The `iss` tokens must carry (the realm's public address). */
  issuer: string;
  audience: string;
  /**
   * The clients (`azp`) whose tokens are accepted: the web client, and in development and tests the
   * password-grant client. KEYCLOAK_CLIENTS (comma-separated); empty accepts any client of the realm.
   */
  clients: string[];
  /** How long fetched keys are used before they are fetched again; past it they are still used while Keycloak is unreachable. */
  jwksMaxAgeMs?: number;
  /** The least time between two fetches of the keys (a refresh that failed, an unknown `kid`): JWKS_COOLDOWN_MS, default 30 s. */
  jwksCooldownMs?: number;
}

export const DEFAULT_CLIENTS = 'lianxin-web,lianxin-dev';

/** The adapter file Keycloak hands out for a client (the keycloak-connect `keycloak.json` format). */
interface KeycloakAdapterFile {
  realm: string;
  'auth-server-url': string;
  resource?: string;
}

/**
 * From KEYCLOAK_CONFIG (a keycloak.json adapter file) if set, else from KEYCLOAK_URL / KEYCLOAK_REALM /
 * KEYCLOAK_AUDIENCE, KEYCLOAK_CLIENTS. KEYCLOAK_ISSUER overrides the expected issuer when the public address differs
 * from the one this process reaches Keycloak at.
 */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  let baseUrl = env.KEYCLOAK_URL ?? 'http://127.0.0.1:58080';
  let realm = env.KEYCLOAK_REALM ?? 'lianxin';
  let audience = env.KEYCLOAK_AUDIENCE ?? 'lianxin-api';
  if (env.KEYCLOAK_CONFIG) {
    const file = JSON.parse(readFileSync(env.KEYCLOAK_CONFIG, 'utf8')) as KeycloakAdapterFile;
    baseUrl = file['auth-server-url'];
    realm = file.realm;
    audience = env.KEYCLOAK_AUDIENCE ?? file.resource ?? audience;
  }
  const realmUrl = `${baseUrl.replace(/\/+$/, '')}/realms/${realm}`;
  return {
    jwksUrl: `${realmUrl}/protocol/openid-connect/certs`,
    issuer: env.KEYCLOAK_ISSUER ?? realmUrl,
    audience,
    clients: (env.KEYCLOAK_CLIENTS ?? DEFAULT_CLIENTS)
      .split(',')
      .map((client) => client.trim())
      .filter(Boolean),
    ...(env.JWKS_MAX_AGE_MS ? { jwksMaxAgeMs: Number(env.JWKS_MAX_AGE_MS) } : {}),
    ...(env.JWKS_COOLDOWN_MS ? { jwksCooldownMs: Number(env.JWKS_COOLDOWN_MS) } : {}),
  };
}
