import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { APOLLO_TELEMETRY_SWITCH, disableApolloTelemetry } from './apollo-telemetry.js';

/**
 * The gateway must not report to apollographql.com (apollo-telemetry.ts). The installed @apollo/gateway is
 * loaded through one CommonJS require, so the spy below replaces the very exporter factory its constructor
 * calls; the factory is replaced by a stub that sends nothing, in both cases.
 */
const require = createRequire(import.meta.url);
const gatewayMain = require.resolve('@apollo/gateway');
const otel = require(join(dirname(gatewayMain), 'utilities', 'opentelemetry.js')) as { createDataCollectionExporter: () => unknown };
const { ApolloGateway } = require('@apollo/gateway') as typeof import('@apollo/gateway');

const SUPERGRAPH = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');

describe('Apollo usage telemetry', () => {
  const original = otel.createDataCollectionExporter;
  const saved = process.env[APOLLO_TELEMETRY_SWITCH];
  let exporters = 0;

  beforeEach(() => {
    exporters = 0;
    otel.createDataCollectionExporter = () => {
      exporters += 1;
      return { shutdown: async () => undefined };
    };
  });
  afterEach(() => {
    otel.createDataCollectionExporter = original;
    if (saved === undefined) delete process.env[APOLLO_TELEMETRY_SWITCH];
    else process.env[APOLLO_TELEMETRY_SWITCH] = saved;
  });

  it('the installed gateway makes its apollographql.com exporter unless the switch is set (so the next test bites)', () => {
    delete process.env[APOLLO_TELEMETRY_SWITCH];
    new ApolloGateway({ supergraphSdl: SUPERGRAPH });
    expect(exporters).toBe(1);
    expect(readFileSync(join(dirname(gatewayMain), 'utilities', 'opentelemetry.js'), 'utf8')).toContain('usage-reporting.api.apollographql.com');
  });

  it('after disableApolloTelemetry() it makes none — even when the environment asked for it', () => {
    process.env[APOLLO_TELEMETRY_SWITCH] = 'false';
    disableApolloTelemetry();
    expect(process.env[APOLLO_TELEMETRY_SWITCH]).toBe('true');
    new ApolloGateway({ supergraphSdl: SUPERGRAPH });
    expect(exporters).toBe(0);
  });
});
