// Typed document nodes work with any client that understands TypedDocumentNode (Apollo Client,
// urql, graphql-request …): `client.query({ query: AreaTreeDocument, variables })` is fully typed.
export * from './generated/graphql.js';
export { liveClient, type LiveClient, type LiveClientOptions } from './live.js';
