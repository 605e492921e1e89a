export * from './auth-config.js';
export * from './auth-user.js';
export * from './auth.guard.js';
export * from './auth.module.js';
export * from './decorators.js';
export * from './roles.js';
export * from './scope.js';
export * from './token-verifier.js';
