// Live updates (issue 16) for frontend teams: a graphql-ws client that resumes every subscription after a
// cut connection, an expired token (a fresh one from `token()`), a slow-consumer cut or a gateway restart,
// from the last cursor it received, so nothing is missed and nothing comes twice.
//
//   const live = liveClient({ url: 'wss://lianxin.example/graphql', token: () => auth.accessToken() });
//   const stop = live.subscribe(CaseBoardDocument, { areaCode: '330402001' }, (data) => render(data.caseBoard));
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';

export interface LiveClientOptions {
  /** ws(s)://<gateway>/graphql */
  url: string;
  /** The current access token (called for every connection, so a refreshed one is used after an expiry). */
  token: () => string | Promise<string>;
  /** A WebSocket implementation outside browsers (Node: the `ws` package). */
  webSocketImpl?: unknown;
  /** Send the operation's sha256 (trusted documents: production accepts registered operations only). */
  persisted?: boolean;
  /** Told about every error the helper cannot resume from by itself (FORBIDDEN, BAD_USER_INPUT …). */
  onError?: (errors: readonly unknown[]) => void;
}

interface CursorVariables {
  after?: string | null;
}

/** Errors after which subscribing again with `after` = the last cursor continues the stream. */
const RESUMABLE = new Set(['SLOW_CONSUMER', 'UNAUTHENTICATED', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface LiveClient {
  subscribe<TData, TVariables extends CursorVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: Omit<TVariables, 'after'>,
    onData: (data: TData) => void,
  ): () => void;
  dispose(): Promise<void>;
}

export function liveClient(options: LiveClientOptions): LiveClient {
  const client: Client = createClient({
    url: options.url,
    webSocketImpl: options.webSocketImpl,
    lazy: true,
    retryAttempts: 0, // this helper resubscribes itself, with the cursor (graphql-ws would repeat the first request)
    connectionParams: async () => ({ authorization: `Bearer ${await options.token()}` }),
  });
  return {
    subscribe<TData, TVariables extends CursorVariables>(document: TypedDocumentNode<TData, TVariables>, variables: Omit<TVariables, 'after'>, onData: (data: TData) => void) {
      const query = print(document);
      let after: string | undefined;
      let stopped = false;
      let unsubscribe: (() => void) | undefined;
      let retries = 0;
      let refused = false;
      // The token expired (or was refused): connect again, so that connectionParams asks token() for a new one.
      let reconnect = false;
      const resume = () => {
        if (stopped || refused) return;
        const delay = Math.min(30_000, 250 * 2 ** retries) * (0.5 + Math.random() / 2);
        retries += 1;
        setTimeout(start, delay);
      };
      const start = async () => {
        if (stopped) return;
        if (reconnect) {
          reconnect = false;
          // The socket still carries the old token; the other subscriptions on it resume from their cursors too.
          client.terminate();
        }
        const extensions = options.persisted ? { persistedQuery: { version: 1, sha256Hash: await sha256Hex(query) } } : undefined;
        unsubscribe = client.subscribe<TData>(
          { query, variables: { ...variables, after: after ?? null } as Record<string, unknown>, ...(extensions ? { extensions } : {}) },
          {
            next: (result) => {
              if (result.data) {
                retries = 0;
                const root = Object.values(result.data as Record<string, { cursor?: string }>)[0];
                if (root?.cursor) after = root.cursor;
                onData(result.data);
              }
              const codes = (result.errors ?? []).map((error) => String(error.extensions?.code ?? ''));
              const cursor = result.errors?.map((error) => error.extensions?.cursor).find((value) => typeof value === 'string') as string | undefined;
              if (cursor) after = cursor;
              if (codes.includes('UNAUTHENTICATED')) reconnect = true;
              if (codes.length > 0 && !codes.some((code) => RESUMABLE.has(code))) {
                refused = true;
                options.onError?.(result.errors ?? []);
              }
            },
            // A closed socket or a refusal: resume from the cursor unless the refusal is final.
            error: (error) => {
              const errors = Array.isArray(error) ? error : [];
              const final = errors.some((item: { extensions?: { code?: string } }) => !RESUMABLE.has(String(item.extensions?.code ?? '')));
              if (errors.some((item: { extensions?: { code?: string } }) => item.extensions?.code === 'UNAUTHENTICATED')) reconnect = true;
              if (final) {
                refused = true;
                options.onError?.(errors);
              } else resume();
            },
            complete: () => resume(),
          },
        );
      };
      void start();
      return () => {
        stopped = true;
        unsubscribe?.();
      };
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}
