// Load with `node --import @lianxin/platform/tracing dist/main.js`. OpenTelemetry tracing is off
// unless OTEL_TRACES_EXPORTER names an exporter (`otlp` with OTEL_EXPORTER_OTLP_ENDPOINT, `console`,
// `zipkin`): the SDK reads the standard OTEL_* variables. W3C trace context is propagated across
// the gateway and subgraphs either way, so logs share a trace id.
import { register } from 'node:module';

const exporter = process.env.OTEL_TRACES_EXPORTER ?? 'none';

if (exporter !== 'none') {
  // ESM modules are patched through import-in-the-middle's loader hook.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = await import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } = await import('@opentelemetry/instrumentation-undici');
  const { PgInstrumentation } = await import('@opentelemetry/instrumentation-pg');
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME ?? process.env.SERVICE_NAME ?? 'lianxin',
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? '') }),
      new UndiciInstrumentation(),
      new PgInstrumentation(),
    ],
  });
  sdk.start();
  process.once('SIGTERM', () => void sdk.shutdown());
}
