import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, MikroOrmHealthIndicator, type HealthIndicatorFunction } from '@nestjs/terminus';
import { Public, TokenVerifier } from '@lianxin/auth';
import { EventsService } from '@lianxin/events';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/** Liveness says the process serves; readiness adds the database, NATS and the JWKS. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MikroOrmHealthIndicator,
    private readonly verifier: TokenVerifier,
    @Optional() private readonly events?: EventsService,
    @Optional() @Inject(READINESS_CHECKS) private readonly extraChecks: HealthIndicatorFunction[] = [],
  ) {}

  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      async () => ({ jwks: { status: (await this.verifier.jwksReachable()) ? 'up' : 'down' } }),
      async () => ({ nats: { status: !this.events || (await this.events.isReady(2000)) ? 'up' : 'down' } }),
      ...(this.extraChecks ?? []),
    ]);
  }
}
