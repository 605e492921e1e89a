export * from './bootstrap.js';
export * from './health.controller.js';
export * from './logging.js';
export * from './metrics.controller.js';
export * from './platform.module.js';
export * from './print-schema.js';
export * from './subgraph.module.js';
export * from './trace-context.js';
