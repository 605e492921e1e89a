export * from './connection.js';
export * from './errors.js';
export * from './limits.js';
export * from './validation.js';
export * from './loaders.js';
export * from './metrics.plugin.js';
export * from './graphql-error.filter.js';
export * from './newest-first.js';
