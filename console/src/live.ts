import { createClient, type Client } from 'graphql-sse';
import type { UserManager } from 'oidc-client-ts';
import { createContext, useContext, useEffect, useRef } from 'react';
import persistedIds from 'virtual:persisted-ids';

/**
 * Live updates from the gateway's subscriptions (graphql-sse, "distinct connections" mode, through the
 * same origin: /graphql/stream). Screens use them as a signal to read again; each event's cursor is kept
 * so a reconnect resumes where it stopped (`after`). Only registered operations: the id is sent, not text.
 */
export type LiveOperation = 'CaseBoard' | 'CasesAwaitingMyAction' | 'MyCaseProgress';

export function createLiveClient(users: UserManager): Client {
  return createClient({
    url: new URL('./graphql/stream', window.location.href).href,
    singleConnection: false,
    headers: async (): Promise<Record<string, string>> => {
      const user = await users.getUser();
      return user ? { authorization: `Bearer ${user.access_token}` } : {};
    },
    retryAttempts: 0,
  });
}

export const LiveContext = createContext<Client | null>(null);

/** The signed-in user's tokens (uploads need them outside Apollo). */
export const UsersContext = createContext<UserManager | null>(null);

/** Calls onEvent for every change the subscription delivers; resubscribes after errors with its cursor. */
export function useLive(operation: LiveOperation, variables: Record<string, unknown>, onEvent: () => void, enabled = true): void {
  const client = useContext(LiveContext);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (!client || !enabled) return;
    let cursor: string | undefined;
    let stop: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const start = () => {
      if (closed) return;
      if (!navigator.onLine) {
        timer = setTimeout(start, 5000);
        return;
      }
      stop = client.subscribe<Record<string, { cursor?: string } | undefined>>(
        {
          operationName: operation,
          query: '',
          variables: { ...(JSON.parse(key) as Record<string, unknown>), ...(cursor ? { after: cursor } : {}) },
          extensions: { persistedQuery: { version: 1, sha256Hash: persistedIds[operation] } },
        },
        {
          next: (result) => {
            const change = Object.values(result.data ?? {})[0];
            if (change?.cursor) cursor = change.cursor;
            const errorCursor = (result.errors?.[0]?.extensions as { cursor?: string } | undefined)?.cursor;
            if (errorCursor) cursor = errorCursor;
            if (change) handler.current();
          },
          error: () => {
            // Token expired, too slow, gateway restarting, network gone: read again and resubscribe.
            if (!closed) timer = setTimeout(() => (handler.current(), start()), 3000);
          },
          complete: () => {
            if (!closed) timer = setTimeout(start, 1000);
          },
        },
      );
    };
    start();
    return () => {
      closed = true;
      if (timer) clearTimeout(timer);
      stop?.();
    };
  }, [client, operation, key, enabled]);
}
