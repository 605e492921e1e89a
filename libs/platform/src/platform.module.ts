import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { DestinationStream } from 'pino';
import { collectDefaultMetrics, register } from 'prom-client';
import { AuthModule } from '@lianxin/auth';
import { GraphQLErrorPassthroughFilter } from '@lianxin/graphql';
import { DateTimeScalar } from './date-time.scalar.js';
import { HealthController } from './health.controller.js';
import { IdempotencyKeyPurgeJob } from './idempotency-purge.job.js';
import { loggingModule } from './logging.js';
import { MetricsController } from './metrics.controller.js';

export interface PlatformOptions {
  /** Where log lines go: standard output, buffered (logDestination), unless a test reads them. */
  logDestination?: DestinationStream;
}

let currentService: string | undefined;

/** The name given to PlatformModule.forService (errors name it, e.g. SERVICE_UNAVAILABLE's serviceName). */
export function serviceName(): string | undefined {
  return currentService;
}

/** What every service gets: structured logs, auth, health and metrics endpoints. */
@Module({})
export class PlatformModule {
  static forService(service: string, options: PlatformOptions = {}): DynamicModule {
    currentService = service;
    register.setDefaultLabels({ service });
    if (!register.getSingleMetric('process_cpu_seconds_total')) collectDefaultMetrics();
    return {
      module: PlatformModule,
      imports: [
        loggingModule(service, options.logDestination),
        // On SIGTERM readiness turns 503 and the process waits this long so load balancers stop sending first.
        TerminusModule.forRoot({ gracefulShutdownTimeoutMs: Number(process.env.SHUTDOWN_DRAIN_MS ?? 0) }),
        AuthModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: APP_FILTER, useClass: GraphQLErrorPassthroughFilter }, DateTimeScalar, IdempotencyKeyPurgeJob],
      exports: [AuthModule, IdempotencyKeyPurgeJob],
    };
  }
}
