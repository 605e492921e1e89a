import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAuthConfig } from './auth-config.js';

describe('auth configuration', () => {
  it('derives JWKS and issuer from the environment', () => {
    expect(loadAuthConfig({ KEYCLOAK_URL: 'http://127.0.0.1:58080/', KEYCLOAK_REALM: 'lianxin' })).toEqual({
      jwksUrl: 'http://127.0.0.1:58080/realms/lianxin/protocol/openid-connect/certs',
      issuer: 'http://127.0.0.1:58080/realms/lianxin',
      audience: 'lianxin-api',
      clients: ['lianxin-web', 'lianxin-dev'],
    });
  });

  it('reads a keycloak.json adapter file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kc-')), 'keycloak.json');
    writeFileSync(file, JSON.stringify({ realm: 'county', 'auth-server-url': 'https://sso.example.gov/', resource: 'county-api' }));
    expect(loadAuthConfig({ KEYCLOAK_CONFIG: file, KEYCLOAK_ISSUER: 'https://id.example.gov/realms/county', KEYCLOAK_CLIENTS: 'county-web' })).toEqual({
      jwksUrl: 'https://sso.example.gov/realms/county/protocol/openid-connect/certs',
      issuer: 'https://id.example.gov/realms/county',
      audience: 'county-api',
      clients: ['county-web'],
    });
  });

  it('reads the key cache times (JWKS_MAX_AGE_MS, JWKS_COOLDOWN_MS) when set', () => {
    expect(loadAuthConfig({ JWKS_MAX_AGE_MS: '5000', JWKS_COOLDOWN_MS: '2000' })).toMatchObject({ jwksMaxAgeMs: 5000, jwksCooldownMs: 2000 });
    expect(loadAuthConfig({})).not.toHaveProperty('jwksCooldownMs');
  });
});
