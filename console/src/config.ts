/**
 * Runtime configuration: /config.json next to index.html (written by the server or a ConfigMap), so one
 * build serves every county. Kept in localStorage so the grid worker's app starts offline.
 */
export interface ConsoleConfig {
  /** OIDC issuer, e.g. https://sso.example.gov.cn/realms/lianxin */
  authority: string;
  /** Public client (authorization code + PKCE), e.g. lianxin-web */
  clientId: string;
  /** GraphQL endpoint, relative to the page (same origin behind the ingress). */
  graphqlUrl: string;
}

const KEY = 'lianxin.config';

export async function loadConfig(): Promise<ConsoleConfig> {
  try {
    const response = await fetch('./config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    const config = (await response.json()) as ConsoleConfig;
    localStorage.setItem(KEY, JSON.stringify(config));
    return config;
  } catch (error) {
    const cached = localStorage.getItem(KEY);
    if (cached) return JSON.parse(cached) as ConsoleConfig;
    throw error;
  }
}
