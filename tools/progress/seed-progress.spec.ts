import { advance, parseLine, renderBar } from './seed-progress.ts';

describe('seed progress', () => {
  it('draws a bar with the count and the step message', () => {
    const bar = renderBar('cases', { step: 'cases', message: 'writing demo cases', done: 50, total: 200 });
    expect(bar).toBe(`[lianxin] seeding cases        [${'█'.repeat(6)}${'░'.repeat(18)}]    50/200 writing demo cases`);
  });

  it('a full bar at the end, an empty one without a total', () => {
    expect(renderBar('grids', { step: 'visits', message: 'seeding visits', done: 7, total: 7 })).toContain(`[${'█'.repeat(24)}]`);
    expect(renderBar('volunteers', { step: '', message: 'loaded', done: 0, total: 0 })).toContain(`[${'░'.repeat(24)}]`);
  });

  it('starts a new line when the step changes and keeps counting within a step', () => {
    const first = advance(null, { step: 'areas', done: 1, total: 9, msg: 'seeding areas' });
    expect(first).toEqual({ changed: true, state: { step: 'areas', message: 'seeding areas', done: 1, total: 9 } });
    const second = advance(first.state, { step: 'areas', done: 2, total: 9, msg: 'seeding areas' });
    expect(second.changed).toBe(false);
    expect(second.state.done).toBe(2);
    const third = advance(second.state, { step: 'key places', total: 12, msg: 'seeding key places' });
    expect(third).toEqual({ changed: true, state: { step: 'key places', message: 'seeding key places', done: 12, total: 12 } });
    const fourth = advance(third.state, { step: 'stats', msg: 'recomputing summary counters' });
    expect(fourth).toEqual({ changed: true, state: { step: 'stats', message: 'recomputing summary counters', done: 0, total: 0 } });
  });

  it('reads pino lines and leaves other text alone', () => {
    expect(parseLine('{"level":30,"msg":"x","step":"s","done":1,"total":2}')).toEqual({ level: 30, msg: 'x', step: 's', done: 1, total: 2 });
    expect(parseLine('not json')).toBeNull();
    expect(parseLine('42')).toBeNull();
  });
});
