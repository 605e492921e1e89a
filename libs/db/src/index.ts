export * from './area-code.js';
export * from './base.entity.js';
export * from './migration-command.js';
export * from './orm-config.js';
export * from './query-counter.js';
export * from './request-context.js';
export * from './demo-ids.js';
export * from './grouped-pages.js';
