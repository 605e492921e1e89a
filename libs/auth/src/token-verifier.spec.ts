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
    config = { jwksUrl: `http://127.0.0.1:${port}/certs`, issuer: 'http://issuer.test/realms/lianxin', audience: 'lianxin-api' };
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    clock = Date.now();
  });

  const sign = (claims: Record<string, unknown>, expiresInSeconds = 300) =>
    new SignJWT({ preferred_username: 'county.admin', realm_access: { roles: ['county-admin', 'not-ours'] }, area_code: '330402', ...claims })
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
    const foreign = await new SignJWT({ area_code: '330402' })
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
