export * from './database.js';
export * from './graphql-client.js';
export * from './keycloak.js';
export * from './nats.js';
export * from './events.js';
export * from './subgraph-under-test.js';
