import { readdirSync, readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';
import type { AuthUser } from '@lianxin/auth';
import { allowsArbitrary, parseArbitraryPolicy, resolveDocument, sha256Hex, TrustedDocuments } from './trusted-documents.js';

const user = (roles: string[]) => ({ sub: 's', username: 'u', roles, areaCode: '330402' }) as unknown as AuthUser;
const body = 'query AreaName($code: String!) {\n  area(code: $code) {\n    name\n  }\n}';
const documents = new TrustedDocuments([{ id: sha256Hex(body), name: 'AreaName', type: 'query', body }]);

describe('trusted documents', () => {
  it('issue 14: a registered hash runs the registered text, never the text the client sent with it', () => {
    const request = { query: '{ __schema { types { name } } }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(body) } } };
    expect(resolveDocument(request, documents)).toEqual({ kind: 'registered', query: body });
    expect(request.query).toBe(body);
    expect(request.extensions).toEqual({});
  });

  it('issue 14: an unknown hash alone is not found; with a text it is an arbitrary document', () => {
    expect(resolveDocument({ extensions: { persistedQuery: { sha256Hash: 'f'.repeat(64) } } }, documents)).toEqual({ kind: 'unknown-hash' });
    expect(resolveDocument({ query: '{ a }', extensions: { persistedQuery: { sha256Hash: 'f'.repeat(64) } } }, documents)).toEqual({ kind: 'arbitrary' });
    expect(resolveDocument({ query: '{ a }' }, documents)).toEqual({ kind: 'arbitrary' });
  });

  it('issue 14: arbitrary documents: none in production by default, all in development and test, or by role', () => {
    expect(parseArbitraryPolicy(undefined, 'production')).toEqual({ kind: 'none' });
    expect(parseArbitraryPolicy(undefined, 'development')).toEqual({ kind: 'all' });
    expect(parseArbitraryPolicy(undefined, 'test')).toEqual({ kind: 'all' });
    const auditors = parseArbitraryPolicy('roles:auditor, county-admin', 'production');
    expect(allowsArbitrary(auditors, user(['auditor']))).toBe(true);
    expect(allowsArbitrary(auditors, user(['grid-worker']))).toBe(false);
    expect(allowsArbitrary(auditors, undefined)).toBe(false);
    expect(allowsArbitrary(parseArbitraryPolicy('none', 'development'), user(['county-admin']))).toBe(false);
    expect(() => parseArbitraryPolicy('some', 'production')).toThrow(/GATEWAY_ALLOW_ARBITRARY_OPERATIONS/);
  });

  it('issue 14: the gateway registers exactly the operations of libs/client (the committed manifest is current)', () => {
    const operationsDir = new URL('../../libs/client/src/operations/', import.meta.url);
    const names = readdirSync(operationsDir)
      .filter((file) => file.endsWith('.graphql'))
      .flatMap((file) => parse(readFileSync(new URL(file, operationsDir), 'utf8')).definitions)
      .flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION ? [definition.name!.value] : []))
      .sort();
    const gatewayCopy = new URL('../persisted-operations.json', import.meta.url).pathname;
    const text = readFileSync(gatewayCopy, 'utf8');
    expect(readFileSync(new URL('../../libs/client/src/generated/persisted-operations.json', import.meta.url), 'utf8')).toBe(text);
    const manifest = JSON.parse(text) as { operations: Array<{ id: string; name: string; body: string }> };
    expect(manifest.operations.map((operation) => operation.name).sort()).toEqual(names);
    // fromFile checks that every body hashes to its id.
    const loaded = TrustedDocuments.fromFile(gatewayCopy);
    expect(loaded.size).toBe(names.length);
    for (const operation of manifest.operations) expect(loaded.document(operation.id)).toBe(operation.body);
  });
});
