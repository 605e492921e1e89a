import { COUNTY_SETTING_DEFAULTS } from '@lianxin/events';
import { GridKind } from '../grid/grid-kind.js';
import { staffingRuleOf } from './staffing-rule.js';

describe('issue 15 staffing pattern per county', () => {
  it('issue 15 the county setting gives the pattern and the team size of the grid\'s kind (urban ≈10, rural ≈8, dedicated none)', () => {
    expect(staffingRuleOf(COUNTY_SETTING_DEFAULTS.STAFFING_PATTERN, GridKind.URBAN)).toEqual({ pattern: '1+1+3+N', expectedTeamSize: 10 });
    expect(staffingRuleOf({ pattern: '1+3+N', urbanTeamSize: 10, ruralTeamSize: 8 }, GridKind.RURAL)).toEqual({ pattern: '1+3+N', expectedTeamSize: 8 });
    expect(staffingRuleOf(COUNTY_SETTING_DEFAULTS.STAFFING_PATTERN, GridKind.DEDICATED).expectedTeamSize).toBeNull();
  });
});
