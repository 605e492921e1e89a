import { randomBytes } from 'node:crypto';
import { trace } from '@opentelemetry/api';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** A W3C traceparent for a request that arrived without one. */
export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

/**
 * The trace id to log: the active OpenTelemetry span's when tracing is on, else the one in the
 * request's W3C traceparent header, so one id links gateway and subgraph logs either way.
 */
export function traceIdOf(traceparent: string | string[] | undefined): string | undefined {
  const active = trace.getActiveSpan()?.spanContext();
  if (active && trace.isSpanContextValid(active)) return active.traceId;
  const header = Array.isArray(traceparent) ? traceparent[0] : traceparent;
  return header ? TRACEPARENT.exec(header)?.[1] : undefined;
}
