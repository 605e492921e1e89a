import { assertEventType, createEnvelope, domainOf, parseEnvelope, streamForDomain, streamForSubject, streamNameFor } from './envelope.js';

describe('event envelope', () => {
  it('builds an envelope with a fresh id, the type as subject and schema version 1 by default', () => {
    const now = new Date('2026-01-02T03:04:05.678Z');
    const envelope = createEnvelope({ type: 'organizations.area.created', areaCode: '330402', actor: 'system', data: { code: '330402' } }, now);
    expect(envelope).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      type: 'organizations.area.created',
      occurredAt: '2026-01-02T03:04:05.678Z',
      areaCode: '330402',
      actor: 'system',
      data: { code: '330402' },
      schemaVersion: 1,
    });
    expect(createEnvelope({ type: 'cases.case.escalated', areaCode: '33', actor: 'kc-user', data: null, schemaVersion: 3 }).schemaVersion).toBe(3);
    const ids = new Set(Array.from({ length: 50 }, () => createEnvelope({ type: 'a.b.c', areaCode: '33', actor: 'system', data: {} }).id));
    expect(ids.size).toBe(50);
  });

  it('accepts only <domain>.<entity>.<event> types', () => {
    expect(() => assertEventType('cases.case.escalated')).not.toThrow();
    expect(() => assertEventType('grid-events.micro_grid.memberAdded')).not.toThrow();
    for (const bad of ['cases.case', 'cases.case.escalated.again', 'cases.*.escalated', 'cases.>', 'Cases.case.x', '', 'cases..x']) {
      expect(() => assertEventType(bad)).toThrow();
    }
  });

  it('round-trips through JSON and rejects anything else', () => {
    const envelope = createEnvelope({ type: 'organizations.area.created', areaCode: '33', actor: 'system', data: { n: 1 } });
    expect(parseEnvelope(new TextEncoder().encode(JSON.stringify(envelope)))).toEqual(envelope);
    expect(() => parseEnvelope('{"id":"x"}')).toThrow('not an event envelope');
    expect(() => parseEnvelope(JSON.stringify({ ...envelope, id: 'not-a-uuid' }))).toThrow('not an event envelope');
    expect(() => parseEnvelope('not json')).toThrow();
  });
});

describe('stream naming', () => {
  it('uses one stream per domain capturing <domain>.>', () => {
    expect(streamNameFor('organizations')).toBe('ORGANIZATIONS');
    expect(streamForDomain('cases')).toEqual({ name: 'CASES', subjects: ['cases.>'] });
    expect(streamNameFor('grid-events')).toBe('GRID_EVENTS');
    expect(() => streamNameFor('Cases')).toThrow();
    expect(() => streamNameFor('a.b')).toThrow();
  });

  it('derives the domain and stream from a subject or filter', () => {
    expect(domainOf('organizations.area.created')).toBe('organizations');
    expect(streamForSubject('organizations.area.*').name).toBe('ORGANIZATIONS');
    expect(streamForSubject('cases.>').subjects).toEqual(['cases.>']);
    expect(() => domainOf('>')).toThrow();
  });
});
