import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_POLICY, classifyFetch, streamsToFollow, subgraphsInvalidatedBy, subjectMatches, visibilityClass } from './cache-policy.js';
import { invalidationsFor } from './entity-cache-module.js';

/** The grid dashboard's fetches as Apollo's planner sends them (test/load/grid-dashboard.js). */
const DASHBOARD = {
  gridRoot:
    'query GridDashboard__grids__0($code:String!){grid(code:$code){__typename code name kind householdCount village{__typename code}staff{role name loadStatus person{__typename id}}}}',
  village: 'query GridDashboard__organizations__3($representations:[_Any!]!){_entities(representations:$representations){...on Area{name parent{code name}}}}',
  personNames: 'query GridDashboard__people__4($representations:[_Any!]!){_entities(representations:$representations){...on Person{name}}}',
  population:
    'query GridDashboard__people__2($representations:[_Any!]!){_entities(representations:$representations){...on Grid{population{total registered floating away byTag{tag{code nameZh}count}}}}}',
  openCases:
    'query GridDashboard__cases__1($representations:[_Any!]!){_entities(representations:$representations){...on Grid{openCases(first:10){totalCount edges{node{number title status level overdue dueAt reporter{__typename id}}}}}}}',
};

describe('cache policy (issue 20: what the gateway may keep)', () => {
  it('keeps the grid, its village and the persons\' names of the dashboard; never its open cases', () => {
    expect(classifyFetch('grids', DASHBOARD.gridRoot)).toMatchObject({ kind: 'root', label: 'Query.grid' });
    expect(classifyFetch('organizations', DASHBOARD.village)).toMatchObject({ kind: 'entities' });
    const names = classifyFetch('people', DASHBOARD.personNames);
    expect(names).toMatchObject({ kind: 'entities' });
    expect(names?.kind === 'entities' && [...names.perUser]).toEqual(['Person']);
    expect(classifyFetch('cases', DASHBOARD.openCases)).toBeNull();
  });

  it('§8.8: never population by tag (reading counts by special-population tags is audited), but population totals', () => {
    expect(classifyFetch('people', DASHBOARD.population)).toBeNull();
    expect(
      classifyFetch('people', 'query Q__people__2($representations:[_Any!]!){_entities(representations:$representations){...on Grid{population{total registered floating away}}}}'),
    ).toMatchObject({ kind: 'entities' });
  });

  it('refuses a fetch that asks for one field outside the shape (a masked Person field, a connection)', () => {
    expect(classifyFetch('people', 'query($representations:[_Any!]!){_entities(representations:$representations){...on Person{name birthDate}}}')).toBeNull();
    expect(classifyFetch('people', 'query($representations:[_Any!]!){_entities(representations:$representations){...on Person{name idNumber}}}')).toBeNull();
    expect(classifyFetch('grids', 'query($code:String!){grid(code:$code){code visits{totalCount}}}')).toBeNull();
    // A second root field that is not listed spoils the whole fetch.
    expect(classifyFetch('grids', 'query($code:String!){grid(code:$code){code} careDue(staffId:"x"){__typename}}')).toBeNull();
  });

  it('§8.8: a person read by id or listed (Query.person, Query.persons, Query.myPerson) is never kept: people decides every time, with the caller\'s token', () => {
    // The fetch test/security/people.security.ts sends for a department's need-to-know read.
    expect(classifyFetch('people', 'query($id:ID!){person(id:$id){id name birthDate}}')).toBeNull();
    expect(classifyFetch('people', 'query($id:ID!){person(id:$id){id name}}')).toBeNull();
    expect(classifyFetch('people', 'query($filter:PersonFilter){persons(filter:$filter){totalCount}}')).toBeNull();
    expect(classifyFetch('people', 'query{myPerson{id name}}')).toBeNull();
  });

  it('follows named fragments and aliases, and refuses mutations, unknown directives and unknown subgraphs', () => {
    expect(
      classifyFetch('organizations', 'query($representations:[_Any!]!){_entities(representations:$representations){...on Area{...A}}} fragment A on Area{label:name parent{code}}'),
    ).toMatchObject({ kind: 'entities' });
    expect(classifyFetch('organizations', 'query($representations:[_Any!]!){_entities(representations:$representations){...on Area{...A}}} fragment A on Area{departments{totalCount}}')).toBeNull();
    expect(classifyFetch('grids', 'mutation($code:String!){grid(code:$code){code}}')).toBeNull();
    expect(classifyFetch('grids', 'query($code:String!){grid(code:$code){code @defer}}')).toBeNull();
    expect(classifyFetch('cases', 'query{__typename}')).toBeNull();
    expect(classifyFetch('grids', 'not graphql')).toBeNull();
  });

  it('normalizes the planner\'s operation names (the same selection under two names is one entry)', () => {
    const one = classifyFetch('people', DASHBOARD.personNames);
    const two = classifyFetch('people', DASHBOARD.personNames.replace('GridDashboard__people__4', 'Other__people__9'));
    expect(one?.kind === 'entities' && two?.kind === 'entities' && one.query === two.query).toBe(true);
  });
});

describe('visibility class', () => {
  const admin = { roles: ['village-admin' as const, 'grid-leader' as const], areaCode: '330402001001' };

  it('is shared by callers with the same roles, area and department (whatever the order of roles)', () => {
    expect(visibilityClass(admin)).toBe(visibilityClass({ roles: ['grid-leader', 'village-admin'], areaCode: '330402001001' }));
  });

  it('differs by role, area and department', () => {
    const base = visibilityClass(admin);
    expect(visibilityClass({ ...admin, roles: ['village-admin'] })).not.toBe(base);
    expect(visibilityClass({ ...admin, areaCode: '330402001002' })).not.toBe(base);
    expect(visibilityClass({ ...admin, departmentCode: 'PUBLIC_SECURITY' })).not.toBe(base);
    expect(visibilityClass({ roles: ['auditor'], areaCode: '330402' })).not.toBe(visibilityClass({ roles: ['county-admin'], areaCode: '330402' }));
  });

  it('is none for residents (what they see follows their linked person) and without a user', () => {
    expect(visibilityClass({ roles: ['resident'], areaCode: '330402001001' })).toBeNull();
    expect(visibilityClass({ roles: ['volunteer', 'resident'], areaCode: '330402001001' })).toBeNull();
    expect(visibilityClass(undefined)).toBeNull();
  });
});

describe('invalidation by events', () => {
  it('matches NATS subjects', () => {
    expect(subjectMatches('grids.>', 'grids.staff.assigned')).toBe(true);
    expect(subjectMatches('cases.case.*', 'cases.case.verified')).toBe(true);
    expect(subjectMatches('cases.case.*', 'cases.warning.raised')).toBe(false);
    expect(subjectMatches('people.person.care_tags', 'people.person.moved')).toBe(false);
    expect(subjectMatches('organizations.>', 'organizations')).toBe(false);
  });

  it('an event invalidates its own subgraph and every subgraph that consumes it', () => {
    expect(subgraphsInvalidatedBy('ORGANIZATIONS', 'organizations.area.updated').sort()).toEqual(['grids', 'organizations']);
    expect(subgraphsInvalidatedBy('PEOPLE', 'people.person.care_tags').sort()).toEqual(['grids', 'people']);
    expect(subgraphsInvalidatedBy('PEOPLE', 'people.person.moved')).toEqual(['people']);
    expect(subgraphsInvalidatedBy('CASES', 'cases.case.reported')).toEqual(['people']);
    expect(subgraphsInvalidatedBy('VOLUNTEERS', 'volunteers.order.claimed')).toEqual([]);
  });

  it('a person\'s move names the person and both grids; an event naming nothing drops the subgraph', () => {
    const moved = invalidationsFor({
      stream: 'PEOPLE',
      subject: 'people.person.moved',
      envelope: {
        id: '0b7e7f5e-46c6-4a37-8c8e-3f5c1a7e9d21',
        type: 'people.person.moved',
        occurredAt: '2026-12-07T00:00:00Z',
        areaCode: '330402001001002',
        actor: '00000000-0000-4000-8000-000000000009',
        schemaVersion: 1,
        data: { personId: '6f0c2a8e-1b7d-4c53-9a41-2f8e5d7c9b10', fromGridCode: '330402001001001', toGridCode: '330402001001002', gridCode: '330402001001002', householdId: null },
      },
    });
    expect(moved).toEqual([
      { subgraph: 'people', codes: expect.arrayContaining(['330402001001001', '330402001001002']), ids: ['6f0c2a8e-1b7d-4c53-9a41-2f8e5d7c9b10'], all: false },
    ]);
    const national = invalidationsFor({
      stream: 'ORGANIZATIONS',
      subject: 'organizations.calendar-day.changed',
      envelope: { id: '0b7e7f5e-46c6-4a37-8c8e-3f5c1a7e9d22', type: 'organizations.calendar-day.changed', occurredAt: '', areaCode: 'NATIONAL', actor: 'system', schemaVersion: 1, data: { scope: 'NATIONAL', day: '2026-10-01' } },
    });
    expect(national.every((entry) => entry.all)).toBe(true);
  });

  it('follows, per subgraph, its own domain and every stream it consumes (tools/nats/nats-users.json), and the gateway may read them', () => {
    const { users } = JSON.parse(readFileSync(join(process.cwd(), 'tools', 'nats', 'nats-users.json'), 'utf8')) as {
      users: Record<string, { consumers?: Array<{ stream: string; filterSubject: string }>; readers?: Array<{ stream: string; filterSubject: string }> }>;
    };
    for (const [subgraph, policy] of Object.entries(CACHE_POLICY)) {
      const expected = [{ stream: subgraph.toUpperCase(), filterSubject: `${subgraph}.>` }, ...(users[subgraph].consumers ?? []).map(({ stream, filterSubject }) => ({ stream, filterSubject }))];
      expect({ subgraph, streams: [...policy.streams].sort(byStream) }).toEqual({ subgraph, streams: dedupe(expected).sort(byStream) });
    }
    const readers = users.gateway.readers ?? [];
    for (const followed of streamsToFollow()) expect(readers).toContainEqual(followed);
  });
});

function byStream(a: { stream: string; filterSubject: string }, b: { stream: string; filterSubject: string }): number {
  return `${a.stream} ${a.filterSubject}`.localeCompare(`${b.stream} ${b.filterSubject}`);
}

function dedupe<T>(items: T[]): T[] {
  return [...new Map(items.map((item) => [JSON.stringify(item), item])).values()];
}
