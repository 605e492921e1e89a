import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { AuthUser } from '@lianxin/auth';
import type { GatewayEnvironment } from './limits.js';

/**
 * Trusted documents (issue 14). `./lianxin supergraph compose` registers every operation of
 * libs/client/src/operations by the sha256 of its text in an Apollo persisted-query manifest
 * (libs/client/src/generated/persisted-operations.json, copied to gateway/persisted-operations.json).
 * A client sends `extensions.persistedQuery.sha256Hash` (Apollo's persisted-query extension), with or
 * without the text; the gateway runs the registered text. Any other document is "arbitrary" and runs
 * only where GATEWAY_ALLOW_ARBITRARY_OPERATIONS allows it:
 *
 *   all                          anyone (default in development and test: the explorer, e2e tests)
 *   none                         nobody (default in production)
 *   roles:auditor,county-admin   callers whose token carries one of these roles
 */
export interface PersistedOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

export type ArbitraryOperationPolicy = { kind: 'all' } | { kind: 'none' } | { kind: 'roles'; roles: Set<string> };

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function parseArbitraryPolicy(setting: string | undefined, environment: GatewayEnvironment): ArbitraryOperationPolicy {
  const value = setting?.trim();
  if (!value) return environment === 'production' ? { kind: 'none' } : { kind: 'all' };
  if (value === 'all' || value === 'none') return { kind: value };
  if (value.startsWith('roles:')) {
    const roles = value
      .slice('roles:'.length)
      .split(',')
      .map((role) => role.trim())
      .filter(Boolean);
    if (roles.length > 0) return { kind: 'roles', roles: new Set(roles) };
  }
  throw new Error(`GATEWAY_ALLOW_ARBITRARY_OPERATIONS must be all, none or roles:<role>,<role>…, not "${setting}"`);
}

export function allowsArbitrary(policy: ArbitraryOperationPolicy, user: AuthUser | undefined): boolean {
  if (policy.kind === 'all') return true;
  if (policy.kind === 'none' || !user) return false;
  return user.roles.some((role) => policy.roles.has(role));
}

export class TrustedDocuments {
  private readonly byHash: Map<string, string>;
  private readonly registered: readonly PersistedOperation[];

  constructor(operations: Iterable<PersistedOperation>) {
    this.registered = [...operations];
    this.byHash = new Map(this.registered.map((operation) => [operation.id, operation.body]));
  }

  /** Every registered operation (the gateway prepares their query plans: plans/prepared-plans.ts). */
  operations(): readonly PersistedOperation[] {
    return this.registered;
  }

  /** The manifest at `path`; none (an empty registry) when the file does not exist. */
  static fromFile(path: string): TrustedDocuments {
    if (!existsSync(path)) return new TrustedDocuments([]);
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as PersistedQueryManifest;
    if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
      throw new Error(`${path} is not an Apollo persisted-query manifest`);
    }
    for (const operation of manifest.operations) {
      if (sha256Hex(operation.body) !== operation.id) throw new Error(`${path}: operation ${operation.name} does not hash to its id`);
    }
    return new TrustedDocuments(manifest.operations);
  }

  get size(): number {
    return this.byHash.size;
  }

  document(hash: string): string | undefined {
    return this.byHash.get(hash);
  }
}

export type DocumentResolution =
  | { kind: 'registered'; query: string }
  | { kind: 'arbitrary' }
  /** Only a hash, and it is not registered: the client may retry with the text (Apollo's protocol). */
  | { kind: 'unknown-hash' };

interface RequestBody {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/**
 * Replaces a registered hash with its document in the request body (the registered text, never the
 * client's), and removes the persisted-query extension so that Apollo Server does not treat it as APQ.
 */
export function resolveDocument(body: RequestBody | undefined, documents: TrustedDocuments): DocumentResolution {
  const persisted = body?.extensions?.persistedQuery;
  if (!body || !persisted) return { kind: 'arbitrary' };
  const hash = typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
  delete body.extensions!.persistedQuery;
  const registered = hash ? documents.document(hash) : undefined;
  if (registered) {
    body.query = registered;
    return { kind: 'registered', query: registered };
  }
  return typeof body.query === 'string' ? { kind: 'arbitrary' } : { kind: 'unknown-hash' };
}
