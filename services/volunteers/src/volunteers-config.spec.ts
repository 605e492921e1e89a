import { loadVolunteersConfig } from './volunteers-config.js';

describe('volunteers configuration', () => {
  it('defaults to redemption in the last week of each quarter and a scheduler every minute', () => {
    expect(loadVolunteersConfig({})).toEqual({ schedulerIntervalMs: 60_000, schedulerBatchSize: 200, redemptionDays: 'quarter-end', redemptionWindowDays: 7 });
  });

  it('takes overrides from the environment and refuses nonsense', () => {
    expect(loadVolunteersConfig({ VOLUNTEERS_REDEMPTION_DAYS: 'always', VOLUNTEERS_SCHEDULER_INTERVAL_MS: '0' })).toMatchObject({ redemptionDays: 'always', schedulerIntervalMs: 0 });
    expect(() => loadVolunteersConfig({ VOLUNTEERS_REDEMPTION_DAYS: 'sometimes' })).toThrow(/quarter-end/);
    expect(() => loadVolunteersConfig({ VOLUNTEERS_REDEMPTION_WINDOW_DAYS: '40' })).toThrow(/1 to 28/);
    expect(() => loadVolunteersConfig({ VOLUNTEERS_SCHEDULER_INTERVAL_MS: '-5' })).toThrow(/non-negative/);
  });
});
