import { randomUUID } from 'node:crypto';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { applyCountySettingsEvent, CountySettingsEvents, createEnvelope, localDayOf } from '@lianxin/events';
import { GRIDS, startGridsHarness, type GridsHarness } from './harness.js';

/** Issue 15 in grids: the staffing pattern and the coverage bounds are the county's settings (organizations' events). */
describe('issue 15 county settings in grids', () => {
  let h: GridsHarness;

  beforeAll(async () => {
    h = await startGridsHarness('grids_county_settings');
  });

  afterAll(async () => {
    await h?.close();
  });

  let version = 0;
  const setting = (key: string, value: unknown) =>
    (h.app.get(MikroORM).em.fork() as EntityManager).transactional((em) =>
      applyCountySettingsEvent(
        createEnvelope({
          type: CountySettingsEvents.SETTING_CHANGED,
          areaCode: '330402',
          actor: 'test',
          data: { changeId: randomUUID(), countyCode: '330402', key, value, effectiveFrom: localDayOf(new Date()), version: ++version },
        }),
        em,
      ),
    );
  type View = { grid: { kind: string; structureCheck: { pattern: string; findings: string[]; teamSize: number; expectedTeamSize: number | null }; staff: Array<{ role: string; householdLoad: number | null; loadStatus: string | null }> } };
  const view = async () =>
    (await h.gql<View>('villageAdmin', `{ grid(code: "${GRIDS.own}") { kind structureCheck { pattern findings teamSize expectedTeamSize } staff { role householdLoad loadStatus } } }`)).data!.grid;

  it('issue 15 structureCheck follows the county\'s staffing pattern: 1+1+3+N by default, 1+3+N (Wujin) once the county sets it', async () => {
    const before = await view();
    expect(before.structureCheck.pattern).toBe('1+1+3+N');
    const expected = before.kind === 'URBAN' ? 10 : before.kind === 'RURAL' ? 8 : null;
    expect(before.structureCheck.expectedTeamSize).toBe(expected);
    await setting('STAFFING_PATTERN', { pattern: '1+3+N', urbanTeamSize: 12, ruralTeamSize: 9 });
    const after = await view();
    expect(after.structureCheck.pattern).toBe('1+3+N');
    expect(after.structureCheck.findings).not.toContain('MISSING_FULL_TIME');
    expect(after.structureCheck.findings).not.toContain('TOO_FEW_PART_TIME');
    expect(after.structureCheck.expectedTeamSize).toBe(before.kind === 'URBAN' ? 12 : before.kind === 'RURAL' ? 9 : null);
  });

  it('issue 15 a worker\'s load is judged against the county\'s coverage bounds (default 30–50)', async () => {
    const worker = (await view()).staff.find((s) => s.householdLoad !== null)!;
    const load = worker.householdLoad!;
    expect(worker.loadStatus).toBe(load < 30 ? 'UNDER' : load > 50 ? 'OVER' : 'OK');
    await setting('COVERAGE_BOUNDS', { min: load, max: Math.max(1, load) });
    const after = (await view()).staff.find((s) => s.role === worker.role && s.householdLoad === load)!;
    expect(after.loadStatus).toBe('OK');
    await setting('COVERAGE_BOUNDS', { min: load + 1, max: load + 10 });
    expect((await view()).staff.find((s) => s.role === worker.role && s.householdLoad === load)!.loadStatus).toBe('UNDER');
  });
});
