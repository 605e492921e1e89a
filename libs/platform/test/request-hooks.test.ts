import 'reflect-metadata';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Logger, Module, type INestApplication } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@lianxin/auth';
import { serviceOrmConfig } from '@lianxin/db';
import { createTestDatabase, subjectOf, tokenFor, type TestDatabase } from '@lianxin/testing';
import { createSubgraphApp } from '../src/bootstrap.js';
import { PlatformModule } from '../src/platform.module.js';
import { subgraphGraphQLModule } from '../src/subgraph.module.js';

interface LogLine {
  msg: string;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
  responseTime?: number;
  userId?: string;
  traceId?: string;
  text?: string;
}

@Entity({ tableName: 'note' })
class Note {
  @PrimaryKey({ autoincrement: false })
  id!: number;

  @Property()
  text!: string;
}

/** Notes as each request loaded them, and the gate a holding request waits at. */
const loaded: Note[] = [];
let releaseHeld: () => void = () => undefined;
const held = new Promise<void>((resolve) => (releaseHeld = resolve));

@Resolver()
class ProbeResolver {
  private readonly logger = new Logger('Probe');

  constructor(private readonly em: EntityManager) {}

  @Query(() => String, { description: 'Logs the text after a pause (across an await), returns it.' })
  @Public()
  async echo(@Args('text') text: string): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    this.logger.log({ text }, 'echo');
    return text;
  }

  @Query(() => Boolean, { description: 'Loads a note; whether this request held it before. With hold, waits for the test before answering.' })
  @Public()
  async noteWasHeld(@Args('id', { type: () => Int }) id: number, @Args('hold') hold: boolean): Promise<boolean> {
    const heldBefore = this.em.getUnitOfWork().getById(Note, id) !== undefined;
    loaded.push(await this.em.findOneOrFail(Note, id));
    if (hold) await held;
    return heldBefore;
  }

  @Query(() => Boolean, { description: 'Whether loading a note twice in one request gives the same object.' })
  @Public()
  async sameNoteTwice(@Args('id', { type: () => Int }) id: number): Promise<boolean> {
    const first = await this.em.findOneOrFail(Note, id);
    const second = await this.em.findOneOrFail(Note, id);
    return first === second;
  }
}

async function until(probe: () => boolean, what: string, ms = 5000): Promise<void> {
  for (const deadline = Date.now() + ms; !probe(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** What createSubgraphApp does per request: the request log, the logging context, a MikroORM identity map per request. */
describe('subgraph request hooks', () => {
  const lines: LogLine[] = [];
  let database: TestDatabase;
  let app: INestApplication;
  let base: string;
  const previousLogLevel = process.env.LOG_LEVEL;

  beforeAll(async () => {
    database = await createTestDatabase('platform_hooks');
    process.env.LOG_LEVEL = 'info';

    @Module({
      imports: [
        PlatformModule.forService('platform-hooks-test', { logDestination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) } }),
        MikroOrmModule.forRoot(serviceOrmConfig({ service: 'platform', entities: [Note], migrations: [], dbName: database.name })),
        subgraphGraphQLModule(),
      ],
      providers: [ProbeResolver],
    })
    class AppModule {}

    app = await createSubgraphApp(AppModule);
    await app.listen(0, '127.0.0.1');
    const em = app.get(MikroORM).em.fork();
    await em.execute('create table note (id int primary key, text text not null)');
    await em.execute(`insert into note (id, text) values (1, 'first note')`);
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    if (previousLogLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = previousLogLevel;
  });

  const graphql = async (query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    return response.json() as Promise<{ data?: Record<string, unknown>; errors?: unknown[] }>;
  };
  const requestLines = (id?: string) => lines.filter((line) => line.res !== undefined && (id === undefined || line.req?.id === id));

  it('logs one line per request with its id, method, url, status, time, caller and trace', async () => {
    const token = await tokenFor('county.admin');
    const headers = {
      authorization: `Bearer ${token}`,
      'x-request-id': 'hooks-test-1',
      traceparent: `00-${TRACE_ID}-b7ad6b7169203331-01`,
    };
    expect(await graphql('{ echo(text: "hello") }', headers)).toEqual({ data: { echo: 'hello' } });

    await until(() => requestLines('hooks-test-1').length > 0, 'the request log line');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logged = requestLines('hooks-test-1');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      msg: 'request completed',
      req: { id: 'hooks-test-1', method: 'POST', url: '/graphql' },
      res: { statusCode: 200 },
      userId: subjectOf(token),
      traceId: TRACE_ID,
    });
    expect(logged[0].responseTime).toBeGreaterThanOrEqual(0);

    // A line logged inside the resolver names the request too.
    expect(lines.find((line) => line.msg === 'echo' && line.text === 'hello')).toMatchObject({ req: { id: 'hooks-test-1' }, traceId: TRACE_ID });
  });

  it('gives each of two concurrent requests its own id in the lines its resolver logs, generating one when none is sent', async () => {
    const [a, b, c] = await Promise.all([
      graphql('{ echo(text: "from a") }', { 'x-request-id': 'hooks-test-a' }),
      graphql('{ echo(text: "from b") }', { 'x-request-id': 'hooks-test-b' }),
      graphql('{ echo(text: "from c") }'),
    ]);
    expect([a.data, b.data, c.data]).toEqual([{ echo: 'from a' }, { echo: 'from b' }, { echo: 'from c' }]);

    const echoed = (text: string) => lines.find((line) => line.msg === 'echo' && line.text === text);
    expect(echoed('from a')?.req?.id).toBe('hooks-test-a');
    expect(echoed('from b')?.req?.id).toBe('hooks-test-b');
    const generated = echoed('from c')?.req?.id;
    expect(generated).toMatch(UUID);
    await until(() => requestLines(generated).length === 1, 'the request log line of the request without an id');
  });

  it('does not log health and metrics requests, and logs other routes with their status', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    expect((await fetch(`${base}/no-such-route`, { headers: { 'x-request-id': 'hooks-test-404' } })).status).toBe(404);

    await until(() => requestLines('hooks-test-404').length === 1, 'the 404 request line');
    expect(requestLines('hooks-test-404')[0]).toMatchObject({ msg: 'request completed', req: { method: 'GET', url: '/no-such-route' }, res: { statusCode: 404 } });
    expect(requestLines().filter((line) => line.req?.url === '/metrics' || line.req?.url.startsWith('/health'))).toEqual([]);
  });

  it('gives every request an identity map of its own, kept for the whole request', async () => {
    expect(await graphql('{ sameNoteTwice(id: 1) }')).toEqual({ data: { sameNoteTwice: true } });

    loaded.length = 0;
    const holding = graphql('{ noteWasHeld(id: 1, hold: true) }');
    await until(() => loaded.length === 1, 'the first request to load the note');
    // The first request still holds the note in its identity map; the second must not see it.
    expect(await graphql('{ noteWasHeld(id: 1, hold: false) }')).toEqual({ data: { noteWasHeld: false } });
    releaseHeld();
    expect(await holding).toEqual({ data: { noteWasHeld: false } });
    expect(loaded).toHaveLength(2);
    expect(loaded[0]).not.toBe(loaded[1]);
    expect(loaded[1].text).toBe('first note');
  });
});
