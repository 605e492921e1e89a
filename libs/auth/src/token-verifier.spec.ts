import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { AuthConfig } from './auth-config.js';
import type { AuthUser } from './auth-user.js';
import { TokenVerifier, type TokenCacheOptions } from './token-verifier.js';

/** Counts the full signature checks, to see which calls the cache answered. */
class CountingVerifier extends TokenVerifier {
  checks = 0;

  protected override verifySignature(token: string): Promise<{ user: AuthUser; expiresAt: number | undefined }> {
    this.checks += 1;
    return super.verifySignature(token);
  }
}

describe('token verifier cache', () => {
  let server: Server;
  let privateKey: CryptoKey;
  let config: AuthConfig;
  let clock: number;
  const now = () => clock;

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    config = { jwksUrl: `http://127.0.0.1:${port}/certs`, issuer: 'http://issuer.test/realms/lianxin', audience: 'lianxin-api', clients: ['lianxin-web'] };
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    clock = Date.now();
  });

  const sign = (claims: Record<string, unknown>, expiresInSeconds = 300) =>
    new SignJWT({ preferred_username: 'county.admin', realm_access: { roles: ['county-admin', 'not-ours'] }, area_code: '330402', typ: 'Bearer', azp: 'lianxin-web', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setSubject('user-1')
      .setIssuer(config.issuer)
      .setAudience(config.audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(privateKey);

  const verifier = (cache: Partial<TokenCacheOptions> = {}) => new CountingVerifier(config, { maxEntries: 100, ttlMs: 60_000, ...cache }, now);

  it('checks a token once and answers its repeats from memory', async () => {
    const tokens = verifier();
    const token = await sign({});
    const first = await tokens.verify(token);
    const second = await tokens.verify(token);
    expect(first).toEqual({ sub: 'user-1', username: 'county.admin', roles: ['county-admin'], areaCode: '330402', departmentCode: undefined });
    expect(second).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
    expect(tokens.checks).toBe(1);
  });

  it('checks the token again once the cache time has passed', async () => {
    const tokens = verifier({ ttlMs: 1_000 });
    const token = await sign({});
    await tokens.verify(token);
    clock += 999;
    await tokens.verify(token);
    expect(tokens.checks).toBe(1);
    clock += 2;
    await tokens.verify(token);
    expect(tokens.checks).toBe(2);
  });

  it('never trusts a remembered token past its own expiry', async () => {
    const tokens = verifier({ ttlMs: 600_000 });
    const token = await sign({}, 30);
    await tokens.verify(token);
    clock += 31_000;
    await tokens.verify(token);
    expect(tokens.checks).toBe(2);
  });

  it('does not remember rejected tokens', async () => {
    const tokens = verifier();
    const foreign = await new SignJWT({ area_code: '330402', typ: 'Bearer', azp: 'lianxin-web' })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setSubject('user-1')
      .setIssuer('http://elsewhere.test/realms/other')
      .setAudience(config.audience)
      .setExpirationTime('5m')
      .sign(privateKey);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(tokens.verify(foreign)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
    await expect(tokens.verify(await sign({ area_code: undefined }))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(tokens.checks).toBe(3);
  });

  it('forgets the oldest tokens when full', async () => {
    const tokens = verifier({ maxEntries: 2 });
    const [a, b, c] = await Promise.all([sign({ jti: 'a' }), sign({ jti: 'b' }), sign({ jti: 'c' })]);
    for (const token of [a, b, c, c, b]) await tokens.verify(token);
    expect(tokens.checks).toBe(3);
    await tokens.verify(a);
    expect(tokens.checks).toBe(4);
  });
});

describe('token checks (issue 14: exp, azp, typ, clock tolerance, unknown keys)', () => {
  let server: Server;
  let privateKey: CryptoKey;
  let config: AuthConfig;

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    config = { jwksUrl: `http://127.0.0.1:${port}/certs`, issuer: 'http://issuer.test/realms/lianxin', audience: 'lianxin-api', clients: ['lianxin-web', 'lianxin-dev'] };
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const token = (claims: Record<string, unknown> = {}, options: { kid?: string; audience?: string; exp?: number | null } = {}) => {
    const jwt = new SignJWT({ area_code: '330402', typ: 'Bearer', azp: 'lianxin-web', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'test-key' })
      .setSubject('user-1')
      .setIssuer(config.issuer)
      .setAudience(options.audience ?? config.audience)
      .setIssuedAt();
    if (options.exp !== null) jwt.setExpirationTime(options.exp ?? nowSeconds() + 300);
    return jwt.sign(privateKey);
  };
  const fresh = () => new TokenVerifier(config, { maxEntries: 0, ttlMs: 0 });
  const rejected = (reason: RegExp) => expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED', reason: expect.stringMatching(reason) }) });

  it('accepts a token of an accepted client', async () => {
    await expect(fresh().verify(await token())).resolves.toMatchObject({ sub: 'user-1', areaCode: '330402' });
    await expect(fresh().verify(await token({ azp: 'lianxin-dev' }))).resolves.toMatchObject({ sub: 'user-1' });
  });

  it('refuses a really expired token, and tolerates 30 s of clock difference', async () => {
    await expect(fresh().verify(await token({}, { exp: nowSeconds() - 120 }))).rejects.toEqual(rejected(/expired/));
    await expect(fresh().verify(await token({}, { exp: nowSeconds() - 10 }))).resolves.toMatchObject({ sub: 'user-1' });
  });

  it('refuses a token without exp', async () => {
    await expect(fresh().verify(await token({}, { exp: null }))).rejects.toEqual(rejected(/no exp claim/));
  });

  it('refuses a token for another audience', async () => {
    await expect(fresh().verify(await token({}, { audience: 'account' }))).rejects.toEqual(rejected(/aud claim/));
  });

  it('refuses a token issued to another client (azp) or with no azp', async () => {
    await expect(fresh().verify(await token({ azp: 'admin-cli' }))).rejects.toEqual(rejected(/azp/));
    await expect(fresh().verify(await token({ azp: undefined }))).rejects.toEqual(rejected(/azp/));
  });

  it('refuses an ID or refresh token (typ other than Bearer)', async () => {
    await expect(fresh().verify(await token({ typ: 'ID' }))).rejects.toEqual(rejected(/not an access token/));
    await expect(fresh().verify(await token({ typ: undefined }))).rejects.toEqual(rejected(/not an access token/));
  });

  it('refuses a token signed by an unknown key id', async () => {
    await expect(fresh().verify(await token({}, { kid: 'someone-elses-key' }))).rejects.toEqual(rejected(/known key/));
  });
});

describe('stale-if-error JWKS (issue 14: Keycloak unreachable longer than the key cache)', () => {
  let privateKey: CryptoKey;
  let jwk: Record<string, unknown>;
  let server: Server;
  let port: number;
  let fetches = 0;

  const listen = async (keys: () => object[]) => {
    server = createServer((_req, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: keys() }));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  };
  const stopServer = () => new Promise<void>((resolve) => server.close(() => resolve()));

  beforeAll(async () => {
    const keys = await generateKeyPair('RS256');
    privateKey = keys.privateKey;
    jwk = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    port = 0;
    await listen(() => [jwk]);
  });

  afterAll(async () => {
    if (server.listening) await stopServer();
  });

  it('keeps verifying with the cached keys while the JWKS endpoint is unreachable past the cache time, and picks up new keys when it is back', async () => {
    let clock = Date.now();
    const config: AuthConfig = { jwksUrl: `http://127.0.0.1:${port}/certs`, issuer: 'http://issuer.test/realms/lianxin', audience: 'lianxin-api', clients: ['lianxin-web'], jwksMaxAgeMs: 60_000 };
    const verifier = new TokenVerifier(config, { maxEntries: 0, ttlMs: 0 }, () => clock);
    const sign = (kid: string, key: CryptoKey, jti: string) =>
      new SignJWT({ area_code: '330402', typ: 'Bearer', azp: 'lianxin-web', jti })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject('user-1')
        .setIssuer(config.issuer)
        .setAudience(config.audience)
        .setIssuedAt(Math.floor(clock / 1000))
        .setExpirationTime(Math.floor(clock / 1000) + 3600)
        .sign(key);

    await expect(verifier.verify(await sign('k1', privateKey, 'a'))).resolves.toMatchObject({ sub: 'user-1' });
    expect(fetches).toBe(1);

    // Keycloak goes away for ten times the cache time: tokens signed with the known key still pass.
    await stopServer();
    expect(await verifier.jwksReachable()).toBe(false);
    for (const minutes of [2, 5, 10]) {
      clock += minutes * 60_000;
      await expect(verifier.verify(await sign('k1', privateKey, `during-${minutes}`))).resolves.toMatchObject({ sub: 'user-1' });
    }
    expect(verifier.jwks.fresh).toBe(false);
    // A key nobody has seen cannot be trusted while the endpoint is away.
    const rotated = await generateKeyPair('RS256');
    clock += 60_000;
    await expect(verifier.verify(await sign('k2', rotated.privateKey, 'rotated'))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });

    // Back, with a rotated key added: the next refresh picks it up.
    const k2 = { ...(await exportJWK(rotated.publicKey)), kid: 'k2', alg: 'RS256', use: 'sig' };
    await listen(() => [jwk, k2]);
    clock += 60_000;
    await expect(verifier.verify(await sign('k2', rotated.privateKey, 'after'))).resolves.toMatchObject({ sub: 'user-1' });
    expect(verifier.jwks.fresh).toBe(true);
  });
});
