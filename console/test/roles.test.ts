import { describe, expect, it } from 'vitest';
import { isFieldUser, screensFor, SCREENS_BY_ROLE } from '../src/roles';
import zhCN from '../src/i18n/zh-CN';

describe('role → screens', () => {
  it('gives each demo role its screens, home screen first', () => {
    expect(screensFor(['grid-worker'])).toEqual(['myGrid', 'due', 'record', 'myCases']);
    expect(screensFor(['resident'])).toEqual(['report', 'myCases']);
    expect(screensFor(['department-staff'])).toEqual(['queue']);
    expect(screensFor(['county-admin'])[0]).toBe('dashboard');
    expect(screensFor(['township-admin'])).toEqual(['board', 'overdue', 'map']);
    expect(screensFor(['auditor'])[0]).toBe('audit');
    expect(screensFor(['volunteer'])).toEqual(['orders', 'points', 'myCases']);
  });

  it('merges several roles without repeating a screen, and gives an unknown role nothing', () => {
    expect(screensFor(['grid-worker', 'volunteer'])).toEqual(['myGrid', 'due', 'record', 'myCases', 'orders', 'points']);
    expect(screensFor(['offline_access', 'uma_authorization'])).toEqual([]);
  });

  it('lays out field roles for phones and desk roles for desks', () => {
    expect(isFieldUser(['grid-worker'])).toBe(true);
    expect(isFieldUser(['resident'])).toBe(true);
    expect(isFieldUser(['township-admin'])).toBe(false);
    expect(isFieldUser(['grid-leader', 'village-admin'])).toBe(false);
  });

  it('every screen of the table has a navigation label', () => {
    for (const screen of Object.values(SCREENS_BY_ROLE).flat()) expect(zhCN.nav).toHaveProperty(screen);
  });
});
