import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import type { UserManager } from 'oidc-client-ts';
import persistedIds from 'virtual:persisted-ids';

/**
 * Trusted documents: the gateway runs only operations registered from libs/client (by sha256). The console
 * sends the id alone — no query text — exactly as production requires.
 */
export function persistedLink(ids: Readonly<Record<string, string>>): ApolloLink {
  return new ApolloLink((operation, forward) => {
    const id = ids[operation.operationName ?? ''];
    if (!id) throw new Error(`operation ${operation.operationName} is not registered in libs/client`);
    operation.extensions = { ...operation.extensions, persistedQuery: { version: 1, sha256Hash: id } };
    operation.setContext({ http: { includeQuery: false, includeExtensions: true } });
    return forward(operation);
  });
}

export function createApolloClient(graphqlUrl: string, users: UserManager): ApolloClient {
  const auth = new SetContextLink(async (prevContext) => {
    let user = await users.getUser();
    if (user?.expired && navigator.onLine) user = await users.signinSilent().catch(() => null);
    return { headers: { ...(prevContext.headers as Record<string, string> | undefined), ...(user ? { authorization: `Bearer ${user.access_token}` } : {}) } };
  });
  return new ApolloClient({
    link: ApolloLink.from([auth, persistedLink(persistedIds), new HttpLink({ uri: graphqlUrl })]),
    // The registered documents carry no __typename, so the console reads the network (no normalised cache).
    cache: new InMemoryCache(),
    defaultOptions: {
      // Partial answers are shown: a subgraph that is down costs its fields (SERVICE_UNAVAILABLE), not the screen.
      watchQuery: { fetchPolicy: 'no-cache', errorPolicy: 'all', notifyOnNetworkStatusChange: true },
      query: { fetchPolicy: 'no-cache', errorPolicy: 'all' },
      mutate: { fetchPolicy: 'no-cache' },
    },
  });
}
