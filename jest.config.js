import { base } from './jest.preset.js';

/**
 * unit: *.spec.ts beside the code, no servers.
 * integration: <project>/test/*.test.ts against the real PostgreSQL, NATS and Keycloak.
 * e2e: test/e2e/*.e2e.ts through the running gateway.
 * browser: test/browser/*.browser.ts drive console/ in Chromium through the test stack (CONSOLE_URL).
 * security: test/security/*.security.ts through the running gateway: the declared policy table, the
 *   generated matrix of every operation x role x area, and one named test per security finding.
 */
export default {
  testTimeout: 60000,
  // No --forceExit: a suite that leaves something open fails the run with what it left (tools/jest/exit-guard.js).
  globalTeardown: '<rootDir>/tools/jest/exit-guard.js',
  // What this Jest process's memory came to (heap after each file, peak RSS): ./lianxin test runs one process
  // per project and CI's log shows each one's headroom (tools/jest/memory-reporter.js).
  reporters: ['default', '<rootDir>/tools/jest/memory-reporter.js'],
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{libs,services,gateway,tools}/**/src/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{libs,services,gateway}/**/test/**/*.test.ts']},
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts']},
    { ...base, displayName: 'security', testMatch: ['<rootDir>/test/security/**/*.security.ts']},
    // console/ in Debian's Chromium (playwright-core) against the test stack's console server (issue 18).
    { ...base, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser.ts']},
  ],
};
