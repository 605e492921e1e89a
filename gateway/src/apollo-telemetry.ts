/**
 * @apollo/gateway (since 2.10) exports anonymous usage metrics — host name hash, CPU count, cloud-provider
 * detection (Alibaba Cloud, AWS, GCP, Azure) — by OTLP to usage-reporting.api.apollographql.com unless
 * `APOLLO_TELEMETRY_DISABLED` is `true` or `1` when the gateway is constructed. A county's gateway sends
 * nothing out of its own network that the operators did not configure, so the gateway turns the export off
 * before it makes the ApolloGateway, whatever the environment says (deploy/ sets it too).
 */
export const APOLLO_TELEMETRY_SWITCH = 'APOLLO_TELEMETRY_DISABLED';

export function disableApolloTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  env[APOLLO_TELEMETRY_SWITCH] = 'true';
}
