import { coverageBoundsFrom, DEFAULT_COVERAGE_BOUNDS, LoadStatus, loadStatusOf } from './load-status.js';

describe('household load status', () => {
  it.each([
    [0, LoadStatus.UNDER],
    [29, LoadStatus.UNDER],
    [30, LoadStatus.OK],
    [50, LoadStatus.OK],
    [51, LoadStatus.OVER],
  ])('%i households is %s with the default bounds 30–50', (households, status) => {
    expect(loadStatusOf(households, DEFAULT_COVERAGE_BOUNDS)).toBe(status);
  });

  it('reads the bounds from the environment', () => {
    expect(coverageBoundsFrom({})).toEqual({ min: 30, max: 50 });
    expect(coverageBoundsFrom({ GRID_COVERAGE_MIN: '10', GRID_COVERAGE_MAX: '20' })).toEqual({ min: 10, max: 20 });
    expect(loadStatusOf(21, coverageBoundsFrom({ GRID_COVERAGE_MIN: '10', GRID_COVERAGE_MAX: '20' }))).toBe(LoadStatus.OVER);
  });

  it('refuses malformed or inverted bounds', () => {
    expect(() => coverageBoundsFrom({ GRID_COVERAGE_MIN: 'thirty' })).toThrow(/GRID_COVERAGE_MIN/);
    expect(() => coverageBoundsFrom({ GRID_COVERAGE_MAX: '-1' })).toThrow(/GRID_COVERAGE_MAX/);
    expect(() => coverageBoundsFrom({ GRID_COVERAGE_MIN: '60', GRID_COVERAGE_MAX: '50' })).toThrow(/must not exceed/);
  });
});
