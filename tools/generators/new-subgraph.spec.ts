import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addNatsUser, generateSubgraph, namesFor, nextPort, render } from './new-subgraph.ts';

const root = process.cwd();

describe('new-subgraph generator', () => {
  it('derives every spelling of the name', () => {
    expect(namesFor('civil-affairs', 4111, new Date('2026-11-23T01:02:03Z'))).toEqual({
      name: 'civil-affairs',
      Name: 'CivilAffairs',
      camel: 'civilAffairs',
      snake: 'civil_affairs',
      port: '4111',
      stamp: '20261123010203',
    });
    expect(() => namesFor('Civil Affairs', 4111)).toThrow('kebab-case');
  });

  it('fills placeholders and leaves unknown ones alone', () => {
    const names = namesFor('police', 4110);
    expect(render('{{Name}}Record on {{port}} {{unknown}}', names)).toBe('PoliceRecord on 4110 {{unknown}}');
  });

  it('picks the port after the highest one in use', () => {
    expect(nextPort(join(root, 'services'))).toBeGreaterThanOrEqual(4110);
  });

  it('writes a subgraph that type-checks against the workspace libraries', () => {
    // Two levels below the root, like services/<name>, so the generated relative paths resolve.
    mkdirSync(join(root, 'tmp'), { recursive: true });
    const target = join(root, 'tmp', `civil-affairs-${randomBytes(4).toString('hex')}`);
    try {
      const files = generateSubgraph(target, namesFor('civil-affairs', 4199));
      expect(files.map((file) => file.slice(target.length + 1)).sort()).toEqual(
        expect.arrayContaining(['package.json', 'src/app.module.ts', 'src/record/record.resolver.ts', 'test/subgraph.test.ts', 'tsconfig.json']),
      );
      for (const file of files) expect(readFileSync(file, 'utf8')).not.toMatch(/\{\{\w+\}\}/);
      expect(existsSync(join(target, 'src', 'migrations', 'index.ts'))).toBe(true);
      execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(target, 'tsconfig.json'), '--noEmit', '--composite', 'false', '--declaration', 'false'], {
        stdio: 'pipe',
      });
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });

  it('gives the new subgraph its own NATS user publishing only its domain (issue 14)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nats-users-')), 'nats-users.json');
    copyFileSync(join(root, 'tools', 'nats', 'nats-users.json'), file);
    expect(addNatsUser(file, 'civil-affairs')).toBe(true);
    expect(addNatsUser(file, 'civil-affairs')).toBe(false);
    const { users } = JSON.parse(readFileSync(file, 'utf8')) as { users: Record<string, unknown> };
    expect(users['civil-affairs']).toEqual({ publishes: 'civil-affairs', consumers: [] });
    expect(users.cases).toBeDefined();
  });
});
