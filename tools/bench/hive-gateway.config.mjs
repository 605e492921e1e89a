// Hive Gateway (@graphql-hive/gateway, MIT) configured to stand in for our Apollo gateway in the
// bench: the same committed supergraph, the same subgraph URLs, the same headers forwarded to the
// subgraphs (authorization, x-request-id, traceparent, tracestate — gateway/src/subgraph-data-source.ts),
// and, like ours, a token check before planning (JWT plugin against Keycloak's JWKS, issuer and
// audience checked; HIVE_JWT=0 turns it off to see what it costs).
//
// bench.sh copies this file into .lianxin/hive/ (where @graphql-hive/gateway is installed, so the
// import resolves) and runs: hive-gateway supergraph <repo>/gateway/supergraph.graphql -c <copy>.
// Env: SUBGRAPH_<NAME>_URL (as the gateway), KEYCLOAK_URL, KEYCLOAK_REALM, KEYCLOAK_AUDIENCE,
// KEYCLOAK_ISSUER, HIVE_JWT, HIVE_LOG_LEVEL.
import { createRemoteJwksSigningKeyProvider, defineConfig, extractFromHeader } from '@graphql-hive/gateway';

const FORWARDED_HEADERS = ['authorization', 'x-request-id', 'traceparent', 'tracestate'];

const keycloakUrl = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:58080';
const realm = process.env.KEYCLOAK_REALM ?? 'lianxin';
const issuer = process.env.KEYCLOAK_ISSUER ?? `${keycloakUrl}/realms/${realm}`;
const audience = process.env.KEYCLOAK_AUDIENCE ?? 'lianxin-api';

/** SUBGRAPH_ORGANIZATIONS_URL=… → { organizations: { location: … } }, like the gateway's override. */
const transportEntries = {};
for (const [name, value] of Object.entries(process.env)) {
  const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(name);
  if (match && value) transportEntries[match[1].toLowerCase()] = { location: value };
}

export const gatewayConfig = defineConfig({
  host: '127.0.0.1',
  logging: process.env.HIVE_LOG_LEVEL ?? 'warn',
  graphiql: false,
  landingPage: false,
  transportEntries,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => Object.fromEntries(FORWARDED_HEADERS.map((header) => [header, request.headers.get(header)])),
  },
  jwt:
    process.env.HIVE_JWT === '0'
      ? undefined
      : {
          tokenLookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
          signingKeyProviders: [createRemoteJwksSigningKeyProvider({ jwksUri: `${keycloakUrl}/realms/${realm}/protocol/openid-connect/certs` })],
          tokenVerification: { issuer, audience, algorithms: ['RS256'] },
          reject: { missingToken: true, invalidToken: true },
        },
});
