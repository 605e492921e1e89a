export * from './export-enums.js';
export * from './export-job.entity.js';
export * from './export-job.types.js';
export * from './export-runner.js';
export * from './export-store.js';
export * from './table-writer.js';
export * from './export-runner.provider.js';
