// Shared Jest settings. The project is ESM: Jest runs with NODE_OPTIONS=--experimental-vm-modules
// (set by ./lianxin), TypeScript is compiled by @swc/jest with decorator metadata for NestJS.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));

export const base = {
  rootDir: root,
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: {
    '^@lianxin/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/.lianxin', '/dist/'],
};
