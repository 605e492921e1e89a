import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context.js';
import { EntityFetchBatcher, splitEntityResponse } from './entity-fetch-batcher.js';

type Options = GraphQLDataSourceProcessOptions<GatewayContext>;

const STATS = 'query Stats__cases__1($representations:[_Any!]!$period:CaseStatsPeriod!){_entities(representations:$representations){...on Area{caseStats(period:$period){reported}}}}';
const period = { from: '2026-07-01', to: '2026-09-30' };
const area = (code: string) => ({ __typename: 'Area', code });

function fetchOf(context: object, representations: unknown[], query = STATS, variables: Record<string, unknown> = { period }): Options {
  return {
    kind: 'incoming operation',
    request: { query, operationName: 'Stats__cases__1', variables: { ...variables, representations } },
    incomingRequestContext: {},
    context,
  } as unknown as Options;
}

/** A stand-in subgraph: answers every representation with its code's length, and records what it was sent. */
function subgraph() {
  const sent: Options[] = [];
  const send = async (options: Options) => {
    sent.push(options);
    const representations = options.request.variables!.representations as Array<{ code: string }>;
    return { data: { _entities: representations.map((r) => ({ caseStats: { reported: r.code.length } })) } };
  };
  return { sent, batcher: new EntityFetchBatcher(send) };
}

describe('EntityFetchBatcher', () => {
  it('sends the same entity fetch at two paths of one request as one _entities call, and gives each its own entities', async () => {
    const { sent, batcher } = subgraph();
    const context = {};
    const renamed = STATS.replace('Stats__cases__1', 'Stats__cases__2');
    const [county, townships] = await Promise.all([
      batcher.process(fetchOf(context, [area('330402')])),
      batcher.process(fetchOf(context, [area('330402001'), area('330402002')], renamed)),
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0].request.variables).toEqual({ period, representations: [area('330402'), area('330402001'), area('330402002')] });
    expect(county.data).toEqual({ _entities: [{ caseStats: { reported: 6 } }] });
    expect(townships.data).toEqual({ _entities: [{ caseStats: { reported: 9 } }, { caseStats: { reported: 9 } }] });
  });

  it('keeps apart fetches of different client requests, other variables, other selections, mutations and later ticks', async () => {
    const { sent, batcher } = subgraph();
    const context = {};
    const mutation = 'mutation M($representations:[_Any!]!){_entities(representations:$representations){__typename}}';
    await Promise.all([
      batcher.process(fetchOf(context, [area('330402')])),
      batcher.process(fetchOf({}, [area('330402')])),
      batcher.process(fetchOf(context, [area('330402')], STATS, { period: { from: '2026-01-01', to: '2026-03-31' } })),
      batcher.process(fetchOf(context, [area('330402')], STATS.replace('reported', 'resolved'))),
      batcher.process(fetchOf(context, [area('330402')], mutation)),
      batcher.process(fetchOf(context, [area('330402')], mutation)),
    ]);
    expect(sent).toHaveLength(6);
    await batcher.process(fetchOf(context, [area('330402')]));
    await batcher.process(fetchOf(context, [area('330402')]));
    expect(sent).toHaveLength(8);
  });

  it('passes a fetch without representations (a root field) straight through', async () => {
    const sent: Options[] = [];
    const batcher = new EntityFetchBatcher(async (options) => (sent.push(options), { data: { area: { code: '330402' } } }));
    const options = fetchOf({}, []);
    delete options.request.variables!.representations;
    expect((await batcher.process(options)).data).toEqual({ area: { code: '330402' } });
    expect(sent).toEqual([options]);
  });

  it('fails every merged fetch when the subgraph cannot be reached', async () => {
    const batcher = new EntityFetchBatcher(async () => {
      throw new Error('The cases service is unavailable');
    });
    const context = {};
    const results = await Promise.allSettled([batcher.process(fetchOf(context, [area('330402')])), batcher.process(fetchOf(context, [area('330402001')]))]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('splitEntityResponse', () => {
  const entities = [{ n: 0 }, { n: 1 }, null, { n: 3 }];

  it('hands an error at an entity to the fetch that asked for it, renumbered, and errors without an entity to every fetch', () => {
    const atEntity = { message: 'Forbidden', path: ['_entities', 2, 'caseStats'], extensions: { code: 'FORBIDDEN' } };
    const whole = { message: 'slow down', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    const [first, second] = splitEntityResponse({ data: { _entities: entities }, errors: [atEntity, whole] }, [2, 2]);
    expect(first).toEqual({ data: { _entities: [{ n: 0 }, { n: 1 }] }, errors: [whole] });
    expect(second).toEqual({ data: { _entities: [null, { n: 3 }] }, errors: [{ ...atEntity, path: ['_entities', 0, 'caseStats'] }, whole] });
  });

  it('gives every fetch the answer as it came when it is not a list of all the entities asked for', () => {
    const failed = { data: null, errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }] };
    expect(splitEntityResponse(failed, [1, 3])).toEqual([failed, failed]);
    const short = { data: { _entities: entities.slice(0, 3) } };
    expect(splitEntityResponse(short, [1, 3])).toEqual([short, short]);
  });
});
