import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { belowFloor, mergedSummary, perProject, projectOf, raised, tierFiles } from './coverage.ts';

const lines = (total: number, covered: number) => ({ lines: { total, covered } });

describe('issue 21: coverage per project with a floor that only rises', () => {
  it('groups files by project: libs/<name>, services/<name>, gateway', () => {
    expect(projectOf('services/cases/src/clock/case-clock.ts')).toBe('services/cases');
    expect(projectOf('libs/db/src/index.ts')).toBe('libs/db');
    expect(projectOf('gateway/src/server.ts')).toBe('gateway');
    expect(projectOf('tools/bench/report.ts')).toBeNull();
  });

  it('sums lines per project, rounding down', () => {
    const measured = perProject(
      {
        total: lines(999, 1),
        '/r/services/cases/src/a.ts': lines(100, 50),
        '/r/services/cases/src/b.ts': lines(200, 151),
        '/r/libs/db/src/c.ts': lines(3, 2),
      },
      '/r',
    );
    expect([...measured]).toEqual([
      ['libs/db', { pct: 66.6, total: 3 }],
      ['services/cases', { pct: 67, total: 300 }],
    ]);
  });

  it('fails a project under its floor, ignores one without a floor, and raises floors but never lowers them', () => {
    const measured = new Map([
      ['services/cases', { pct: 70 }],
      ['libs/db', { pct: 80 }],
      ['services/media', { pct: 40 }],
    ]);
    expect(belowFloor(measured, { 'services/cases': 71, 'libs/db': 79.5 })).toEqual(['services/cases']);
    expect(raised(measured, { 'services/cases': 71, 'libs/db': 60 })).toEqual({ 'services/cases': 71, 'libs/db': 79.5, 'services/media': 39.5 });
    // A run that measured nothing of this checkout (another clone's folder) never wipes the floors.
    expect(() => raised(new Map(), { 'libs/db': 60 })).toThrow(/no project of this checkout was measured/);
  });

  it('merges the tiers measured in separate Jest processes: a line run by either counts once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianxin-coverage-'));
    try {
      const file = '/r/services/cases/src/a.ts';
      const at = (line: number) => ({ start: { line, column: 0 }, end: { line, column: 9 } });
      // Three statements on lines 1–3; a second statement on line 3. unit runs line 1, integration line 2 (twice).
      const coverage = (s: Record<string, number>) => ({
        [file]: { path: file, statementMap: { 0: at(1), 1: at(2), 2: at(3), 3: { start: { line: 3, column: 10 }, end: { line: 3, column: 20 } } }, fnMap: {}, branchMap: {}, s, f: {}, b: {} },
      });
      for (const [tier, hits] of [['unit', { 0: 1, 1: 0, 2: 0, 3: 0 }], ['integration', { 0: 0, 1: 2, 2: 0, 3: 0 }]] as const) {
        mkdirSync(join(dir, tier));
        writeFileSync(join(dir, tier, 'coverage-final.json'), JSON.stringify(coverage(hits)));
      }
      mkdirSync(join(dir, 'e2e')); // a tier that measured nothing is not a tier file
      expect(tierFiles(dir)).toEqual([join(dir, 'integration', 'coverage-final.json'), join(dir, 'unit', 'coverage-final.json')]);
      const summary = mergedSummary(tierFiles(dir));
      expect(summary).toEqual({ [file]: { lines: { total: 3, covered: 2 } } });
      expect([...perProject(summary, '/r')]).toEqual([['services/cases', { pct: 66.6, total: 3 }]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
