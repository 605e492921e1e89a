import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../src/i18n/en';
import zhCN from '../src/i18n/zh-CN';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !path.includes('/i18n/') ? [path] : [];
  });
}

describe('i18n', () => {
  it('English has exactly the keys of zh-CN, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const key of keys(en)) expect(key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en)).not.toBe('');
  });

  it('every literal key the screens use exists', () => {
    const known = new Set(keys(zhCN));
    const used = sources(join(__dirname, '..', 'src')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z.]+)'/g)].map((match) => match[1]));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((key) => !known.has(key))).toEqual([]);
  });

  it('every case status, action and level of the API has a name in both languages', () => {
    for (const status of ['REPORTED', 'VERIFIED', 'RETURNED', 'ESCALATED', 'DISPATCHED', 'SENT_BACK', 'IN_PROGRESS', 'RESOLVED', 'FED_BACK', 'CLOSED', 'MERGED']) {
      expect(zhCN.status).toHaveProperty(status);
    }
    for (const action of ['VERIFY', 'RETURN', 'SCHEDULE', 'ESCALATE', 'PLACE_ORDER', 'DISPATCH', 'ACCEPT', 'SEND_BACK', 'RESOLVE', 'FEED_BACK', 'RATE']) {
      expect(zhCN.action).toHaveProperty(action);
    }
  });

  it('no Chinese text is hard-coded in the screens (all of it comes from the messages)', () => {
    const offenders = sources(join(__dirname, '..', 'src')).filter((file) => /[\u4e00-\u9fff]/.test(readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
    expect(offenders).toEqual([]);
  });
});
