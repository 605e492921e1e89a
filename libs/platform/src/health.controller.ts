import { MikroORM } from '@mikro-orm/core';
import { Controller, Get, Inject, type OnModuleDestroy, Optional, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult, MikroOrmHealthIndicator, type HealthIndicatorFunction } from '@nestjs/terminus';
import { Gauge, register } from 'prom-client';
import { Public, TokenVerifier } from '@lianxin/auth';
import { EventsService } from '@lianxin/events';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** 1 while a dependency answers, 0 while it does not (database, nats, jwks); alert rules in deploy/ read it. */
export const DEPENDENCY_UP_METRIC = 'lianxin_dependency_up';

/** A dependency a request can do without for a while: NATS (the outbox holds events), the JWKS (the keys are cached). */
type SoftDependency = 'nats' | 'jwks';
type SoftStatus = { status: 'up' | 'degraded'; reason?: string };

const controllers = new Set<HealthController>();

function dependencyGauge(): Gauge<'dependency'> {
  const existing = register.getSingleMetric(DEPENDENCY_UP_METRIC) as Gauge<'dependency'> | undefined;
  if (existing) return existing;
  return new Gauge({
    name: DEPENDENCY_UP_METRIC,
    help: 'Whether the service reaches a dependency (1) or not (0): database, nats, jwks',
    labelNames: ['dependency'] as const,
    async collect() {
      // The last controller started is the service's own (tests may start several apps in one process).
      const controller = [...controllers].at(-1);
      if (!controller) return;
      const [database, soft] = await Promise.all([controller.databaseUp(), controller.softDependencies()]);
      this.set({ dependency: 'database' }, database ? 1 : 0);
      for (const [name, { status }] of Object.entries(soft)) this.set({ dependency: name }, status === 'up' ? 1 : 0);
    },
  });
}

/**
 * Liveness says the process serves. Readiness means "can serve requests": the database (and any
 * service-specific READINESS_CHECKS). NATS and the JWKS are reported in the body as `degraded` when
 * unreachable but never take the pod out of its Service: the outbox rides out a NATS outage and the
 * token verifier keeps its cached keys while Keycloak is away. `lianxin_dependency_up` carries all three.
 */
@Controller('health')
export class HealthController implements OnModuleDestroy {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MikroOrmHealthIndicator,
    private readonly orm: MikroORM,
    private readonly verifier: TokenVerifier,
    @Optional() private readonly events?: EventsService,
    @Optional() @Inject(READINESS_CHECKS) private readonly extraChecks: HealthIndicatorFunction[] = [],
  ) {
    dependencyGauge();
    controllers.add(this);
  }

  onModuleDestroy(): void {
    controllers.delete(this);
  }

  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  async ready(): Promise<HealthCheckResult & { degraded: SoftDependency[] }> {
    const [core, soft] = await Promise.all([
      this.health.check([() => this.pingDatabase(), ...(this.extraChecks ?? [])]).then(
        (result) => ({ ok: true as const, result }),
        (error: unknown) => {
          if (error instanceof ServiceUnavailableException) return { ok: false as const, result: error.getResponse() as HealthCheckResult };
          throw error;
        },
      ),
      this.softDependencies(),
    ]);
    const degraded = (Object.keys(soft) as SoftDependency[]).filter((name) => soft[name].status !== 'up');
    const body = { ...core.result, details: { ...core.result.details, ...soft }, degraded };
    if (!core.ok) throw new ServiceUnavailableException(body);
    return body;
  }

  /**
   * MikroORM connects on the first query. Until something queried (normally the outbox relay, which waits
   * for NATS), the indicator would call the database down: readiness would then hang on NATS after all.
   */
  private async pingDatabase() {
    if (!(await this.orm.isConnected())) await this.orm.connect().catch(() => undefined);
    return this.database.pingCheck('database', { timeout: 2000 });
  }

  async databaseUp(): Promise<boolean> {
    return this.pingDatabase().then(
      () => true,
      () => false,
    );
  }

  async softDependencies(): Promise<Record<SoftDependency, SoftStatus>> {
    const [nats, jwks] = await Promise.all([!this.events || this.events.isReady(2000), this.verifier.jwksReachable()]);
    return {
      nats: nats ? { status: 'up' } : { status: 'degraded', reason: 'NATS unreachable: events wait in the outbox, consumers resume when it is back' },
      jwks: jwks ? { status: 'up' } : { status: 'degraded', reason: 'JWKS unreachable: tokens are verified with the cached keys' },
    };
  }
}
