import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { ConsoleConfig } from './config';

/**
 * Keycloak login: authorization code + PKCE (S256, oidc-client-ts' default for code flow), tokens kept in
 * localStorage so a grid worker's app reopens offline; the access token is renewed with the refresh
 * token before it expires (automaticSilentRenew).
 */
export function createUserManager(config: ConsoleConfig): UserManager {
  const here = `${window.location.origin}${window.location.pathname}`;
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: here,
    post_logout_redirect_uri: here,
    response_type: 'code',
    scope: 'openid',
    userStore: new WebStorageStateStore({ store: window.localStorage }),
    stateStore: new WebStorageStateStore({ store: window.localStorage }),
    automaticSilentRenew: true,
    monitorSession: false,
    loadUserInfo: false,
  });
}

/** Finishes a login redirect (?code=…&state=…) or returns the stored user; null when nobody is signed in. */
export async function currentUser(manager: UserManager): Promise<User | null> {
  const params = new URLSearchParams(window.location.search);
  if (params.has('code') && params.has('state')) {
    const user = await manager.signinRedirectCallback();
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash || '#/'}`);
    return user;
  }
  const user = await manager.getUser();
  if (user && user.expired) {
    if (!navigator.onLine) return user; // offline: keep the session; requests wait for the network
    try {
      return await manager.signinSilent();
    } catch {
      await manager.removeUser();
      return null;
    }
  }
  return user;
}
