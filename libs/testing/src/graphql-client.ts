export interface GraphQLResponse<T> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> & { code?: string } }>;
  /** The gateway puts references it could not complete here (valueCompletion) rather than in errors. */
  extensions?: Record<string, unknown>;
}

/** POSTs one operation; returns the HTTP status with the GraphQL body. */
export async function graphqlRequest<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: { token?: string; variables?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

export function errorCodes(response: GraphQLResponse<unknown>): string[] {
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}
