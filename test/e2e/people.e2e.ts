import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodes } from '@lianxin/testing';
import { freshPerson } from './fresh-person.js';
import { asUser } from './gateway.js';

/** This stack's service and gateway logs (.lianxin/logs/<stack>-<process>.log), name → text. */
function stackLogs(): Map<string, string> {
  const dir = process.env.STACK_LOG_DIR ?? join(process.cwd(), '.lianxin', 'logs');
  const stack = process.env.STACK_NAME ?? 'test';
  const logs = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`${stack}-`) && name.endsWith('.log') && statSync(join(dir, name)).isFile()) logs.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  return logs;
}

interface Population {
  total: number;
  byTag: Array<{ tag: { code: string }; count: number }>;
}

/** organizations → grids → people through the gateway, with protected personal data. */
describe('people in the graph', () => {
  it('rolls population up from grids to the township, inside the caller\'s scope', async () => {
    const response = await asUser<{ area: { population: Population; grids: { edges: Array<{ node: { code: string; population: Population } }> } } }>(
      'jianshe.admin',
      `{ area(code: "330402001") {
          population { total byTag { tag { code } count } }
          grids(first: 100) { edges { node { code population { total } } } }
        } }`,
    );
    expect(response.errors).toBeUndefined();
    const area = response.data!.area;
    expect(area.population.total).toBeGreaterThan(100);
    // Grids below the township add up to the township (the demo has no people outside grids).
    const sumOfGrids = area.grids.edges.reduce((sum, edge) => sum + edge.node.population.total, 0);
    expect(sumOfGrids).toBe(area.population.total);
    expect(area.population.byTag.find((entry) => entry.tag.code === 'ELDERLY')?.count).toBeGreaterThan(0);
  });

  it('shows ID numbers masked, reveals them to a grid worker in their grid with an audit entry', async () => {
    const listed = await asUser<{ grid: { households: { edges: Array<{ node: { members: Array<{ id: string; idNumber: string }> } }> } } }>(
      'grid.worker',
      '{ grid(code: "330402001001001") { households(first: 1) { edges { node { members { id idNumber } } } } } }',
    );
    expect(listed.errors).toBeUndefined();
    const member = listed.data!.grid.households.edges[0].node.members[0];
    // §8.8 only the region is shown: birth date, sequence and check character are hidden.
    expect(member.idNumber).toMatch(/^330402\*{12}$/);

    const revealed = await asUser<{ revealPersonalData: { value: string } }>(
      'grid.worker',
      'mutation ($input: RevealPersonalDataInput!) { revealPersonalData(input: $input) { value } }',
      { input: { personId: member.id, field: 'ID_NUMBER', purpose: 'e2e: 低保资格复核' } },
    );
    expect(revealed.data?.revealPersonalData.value).toMatch(/^330402\d{11}[0-9X]$/);
    expect(revealed.data?.revealPersonalData.value.slice(0, 6)).toBe(member.idNumber.slice(0, 6));

    const audit = await asUser<{ auditLog: { edges: Array<{ node: { personId: string; purpose: string; actorUsername: string } }> } }>(
      'county.auditor',
      '{ auditLog(first: 20) { edges { node { personId purpose actorUsername } } } }',
    );
    expect(audit.data?.auditLog.edges.map((edge) => edge.node)).toContainEqual({
      personId: member.id,
      purpose: 'e2e: 低保资格复核',
      actorUsername: 'grid.worker',
    });
  });

  it('§8.8 issue 21: no log line of any process carries a revealed ID number, phone or the person\'s name', async () => {
    const listed = await asUser<{ grid: { households: { edges: Array<{ node: { members: Array<{ id: string; name: string }> } }> } } }>(
      'grid.worker',
      '{ grid(code: "330402001001001") { households(first: 3) { edges { node { members { id name } } } } } }',
    );
    const member = listed.data!.grid.households.edges.flatMap((edge) => edge.node.members).find((person) => person.name.length >= 2)!;
    const before = stackLogs();
    const reveal = async (field: string) =>
      (
        await asUser<{ revealPersonalData: { value: string | null } }>(
          'grid.worker',
          'mutation ($input: RevealPersonalDataInput!) { revealPersonalData(input: $input) { value } }',
          { input: { personId: member.id, field, purpose: 'e2e: 日志脱敏检查' } },
        )
      ).data!.revealPersonalData.value;
    const idNumber = await reveal('ID_NUMBER');
    const phone = await reveal('PHONE');
    expect(idNumber).toMatch(/^330402\d{11}[0-9X]$/);
    // A department's look-up by a clear number sends it through the gateway and people once more. Of a person
    // registered for this test: a look-up grants the department 30 days of reading (§8.8), and a demo person
    // read by civil staff would change what later files (the security matrix) may expect.
    const target = await freshPerson('日志检查');
    const lookedUp = await asUser<{ lookUpPerson: { person: { id: string } | null } }>(
      'civil.staff',
      'mutation ($input: LookUpPersonInput!) { lookUpPerson(input: $input) { person { id } } }',
      { input: { idNumber: target.idNumber, purpose: 'e2e: 日志脱敏检查' } },
    );
    expect(lookedUp.errors).toBeUndefined();
    expect(lookedUp.data!.lookUpPerson.person?.id).toBe(target.id);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // pino's file streams flush asynchronously
    const after = stackLogs();
    // The requests were logged (people and the gateway wrote lines meanwhile), just not the data.
    const grown = [...after].filter(([name, text]) => text.length > (before.get(name)?.length ?? 0)).map(([name]) => name);
    expect(grown.some((name) => name.endsWith('-people.log'))).toBe(true);
    expect(grown.some((name) => name.endsWith('-gateway.log'))).toBe(true);
    const secrets = [idNumber!, ...(phone ? [phone] : []), member.name, target.idNumber, target.name];
    const leaks = [...after].flatMap(([name, text]) => secrets.filter((secret) => text.includes(secret)).map((secret) => `${name}: ${secret}`));
    expect(leaks).toEqual([]);
  });

  it('refuses a reveal outside the caller\'s grid and to roles that do not need it', async () => {
    const other = await asUser<{ grid: { households: { edges: Array<{ node: { members: Array<{ id: string }> } }> } } }>(
      'grid.worker2',
      '{ grid(code: "330402001002001") { households(first: 1) { edges { node { members { id } } } } } }',
    );
    const personId = other.data!.grid.households.edges[0].node.members[0].id;
    const reveal = (username: string) =>
      asUser(username, 'mutation ($input: RevealPersonalDataInput!) { revealPersonalData(input: $input) { value } }', {
        input: { personId, field: 'PHONE', purpose: 'e2e: 越权尝试' },
      });
    expect(errorCodes(await reveal('grid.worker'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await reveal('volunteer.demo'))).toEqual(['FORBIDDEN']);
  });

  it('lets a resident see only themselves', async () => {
    const own = await asUser<{ myPerson: { name: string; gridCode: string } }>('resident.demo', '{ myPerson { name gridCode } }');
    expect(own.data?.myPerson.gridCode).toBe('330402001001001');
    const grid = await asUser('resident.demo', '{ grid(code: "330402001001001") { households(first: 1) { totalCount } } }');
    expect(errorCodes(grid)).toContain('FORBIDDEN');
  });
});
