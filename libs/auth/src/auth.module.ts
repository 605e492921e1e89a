import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { loadAuthConfig } from './auth-config.js';
import { AuthGuard } from './auth.guard.js';
import { TokenVerifier } from './token-verifier.js';

@Global()
@Module({
  providers: [
    { provide: TokenVerifier, useFactory: () => new TokenVerifier(loadAuthConfig()) },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
