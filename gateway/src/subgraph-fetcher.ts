import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';

/**
 * The data sources' fetch, on undici's request() over keep-alive sockets bounded per subgraph
 * (PERFORMANCE.md). Not WHATWG fetch: its streams, Headers and Response objects cost the gateway
 * more CPU per subgraph call than parsing the answer (profiled under the county-stats load), and
 * the data source only needs status, headers and the body text.
 */
export function subgraphFetcher(agent: Agent): Fetcher {
  return (url: string, init: FetcherRequestInit = {}) => fetchSubgraph(agent, url, init);
}

/**
 * One subgraph call. `timeoutMs` bounds the wait for the answer's headers and then for its body
 * (undici's own timers, nothing allocated per call); `signal` (one per client request: its budget)
 * also covers time spent waiting for a free socket, which a hung subgraph holding its pool would make long.
 */
export async function fetchSubgraph(agent: Agent, url: string, init: FetcherRequestInit, timeoutMs?: number, signal?: AbortSignal): Promise<SubgraphResponse> {
  const response = await request(url, {
    method: (init.method ?? 'POST') as 'POST',
    headers: init.headers,
    body: init.body,
    signal: signal ?? init.signal,
    dispatcher: agent,
    ...(timeoutMs === undefined ? {} : { headersTimeout: timeoutMs, bodyTimeout: timeoutMs }),
  });
  return new SubgraphResponse(url, response.statusCode, response.headers, await response.body.text());
}

export function keepAliveAgent(): Agent {
  return new Agent({ connections: Number(process.env.SUBGRAPH_CONNECTIONS ?? 50), keepAliveTimeout: 30_000, pipelining: 1 });
}

/** A response's headers, read-only like fetch's (immutable guard). */
class ResponseHeaders implements FetcherHeaders {
  private readonly byName: Map<string, string>;

  constructor(raw: IncomingHttpHeaders) {
    this.byName = new Map(
      Object.entries(raw)
        .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
        .map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]),
    );
  }

  get(name: string): string | null {
    return this.byName.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  append(): void {
    throw new TypeError('response headers are immutable');
  }

  delete(): void {
    throw new TypeError('response headers are immutable');
  }

  set(): void {
    throw new TypeError('response headers are immutable');
  }

  entries(): IterableIterator<[string, string]> {
    return this.byName.entries();
  }

  keys(): IterableIterator<string> {
    return this.byName.keys();
  }

  values(): IterableIterator<string> {
    return this.byName.values();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.byName.entries();
  }
}

/** The body is read once, when the response arrives, so its socket goes back to the pool at once. */
export class SubgraphResponse implements FetcherResponse {
  readonly headers: ResponseHeaders;
  readonly redirected = false;
  bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    headers: IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.headers = new ResponseHeaders(headers);
  }

  /** Characters of the body (what the response size budget counts). */
  get bodyLength(): number {
    return this.body.length;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  async text(): Promise<string> {
    return this.consume();
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.consume());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.consume());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    if (this.bodyUsed) throw new TypeError('the body has already been read');
    return new SubgraphResponse(this.url, this.status, Object.fromEntries(this.headers), this.body);
  }

  private consume(): string {
    if (this.bodyUsed) throw new TypeError('the body has already been read');
    this.bodyUsed = true;
    return this.body;
  }
}
