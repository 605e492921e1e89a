import { graphqlRequest, tokenFor, type GraphQLResponse } from '@lianxin/testing';

/** The gateway of the stack `./lianxin test` started (test ports), or GATEWAY_URL. */
export const GATEWAY_URL = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4800/graphql';
export const GATEWAY_BASE = GATEWAY_URL.replace(/\/graphql$/, '');

export async function asUser<T = Record<string, unknown>>(
  username: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  return graphqlRequest<T>(GATEWAY_URL, query, { token: await tokenFor(username), variables });
}
