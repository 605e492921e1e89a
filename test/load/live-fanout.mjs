// Live fan-out in process (issue 16): gateway CPU per delivered message without sockets or subgraphs.
// N caseBoard subscribers, E events; a stub graph answers each resolution; every message becomes the text a
// WebSocket frame carries, as the built code does it (gateway/dist/live, or LIVE_DIST=<dir> of another build:
// a build without LiveSubscription.messages() is driven the way graphql-ws drove it before). Prints one JSON
// line: messages, resolutions (graph queries), CPU µs per message. Kernel writes are not included.
//
//   ./lianxin build && node test/load/live-fanout.mjs [N=2000] [E=200] [board|distinct]
//   board: 2,000 subscribers of two users (county admin watching 建设街道, its township admin), selection with
//          reporter { name } (a Person: per user); distinct: 2,000 township admins of 建设街道 (one visibility
//          class) without Person fields — one resolution per event instead of one per subscriber.
import { buildSchema } from 'graphql';
const [N = '2000', E = '200', MODE = 'board'] = process.argv.slice(2);
const base = process.env.LIVE_DIST ?? new URL('../../gateway/dist/live', import.meta.url).pathname;
const { LiveSubscription, SharedResolutions } = await import(`${base}/live-subscription.js`);
const { prepareLiveOperation } = await import(`${base}/live-operation.js`);
const { caseBoard } = await import(`${base}/live-fields.js`);
const version = typeof LiveSubscription.prototype.messages === 'function' ? 'messages' : 'results (graphql-ws)';
const { withLiveSchema } = await import(`${base}/live.js`);
const schema = withLiveSchema(buildSchema(`scalar DateTime
  enum CaseStatus { REPORTED VERIFIED CLOSED } enum HandlingLevel { GRID VILLAGE }
  type Person { name: String } type Grid { code: String! name: String! } type ServiceOrder { id: ID! }
  type Case { id: ID! number: String! status: CaseStatus! level: HandlingLevel! grid: Grid! reporter: Person }
  type Query { case(id: ID!): Case! serviceOrder(id: ID!): ServiceOrder! }`));
const query = `subscription B($areaCode: String) { caseBoard(areaCode: $areaCode) { cursor event occurredAt case { id number status level grid { code name } ${MODE === 'distinct' ? '' : 'reporter { name }'} } } }`;
const listeners = new Set();
let head = 0;
const feed = { stream: 'CASES', get head() { return head; }, listen(l) { listeners.add(l); return () => listeners.delete(l); }, async *replay() {} };
let executed = 0;
const shared = new SharedResolutions(async (_q, variables) => {
  executed += 1;
  return { data: { case: { id: variables.liveId, number: '330402-20261207-0001', status: 'REPORTED', level: 'GRID', grid: { code: '330402001001001', name: '禾兴社区第一网格' }, reporter: { name: '王小明' } } } };
});
const users = ['county', 'jianshe'].map((name, index) => ({ sub: `u-${name}`, username: name, roles: [index ? 'township-admin' : 'county-admin'], areaCode: index ? '330402001' : '330402' }));
let sent = 0, bytes = 0;
const subs = [];
for (let i = 0; i < Number(N); i += 1) {
  // distinct: every subscriber its own township admin of 建设街道 (one visibility class), no Person field.
  const user = MODE === 'distinct' ? { sub: `u-${i}`, username: `admin${i}`, roles: ['township-admin'], areaCode: '330402001' } : users[i % 2];
  const operation = prepareLiveOperation(schema, { query, variables: user.areaCode.length < 9 ? { areaCode: '330402001' } : {} });
  const state = await caseBoard.prepare(user, operation.args, async () => ({ data: null }));
  const live = new LiveSubscription({ feed, operation, auth: { token: 't', user, expiresAt: Date.now() + 3600_000 }, state, resolve: shared.resolve, capacity: 1000 });
  subs.push(live);
  const id = String(i);
  if (version !== 'messages') {
    // graphql-ws: for await result → stringifyMessage({ id, type: 'next', payload }) → socket.send
    // + what the old path also ran per message: the paced() generator around results(), graphql-ws's
    // `await onNext?.()`, its validateMessage, and the awaited socket.send() promise.
    const paced = async function* (results) { try { for await (const result of results) yield result; } finally { await results.return(undefined); } };
    const validate = (message) => { if (typeof message !== 'object' || typeof message.id !== 'string' || typeof message.payload !== 'object') throw new Error('invalid'); };
    void (async () => { for await (const result of paced(live.results())) { await undefined; const { errors, ...rest } = result; const message = { id, type: 'next', payload: errors ? { ...rest, errors } : rest }; validate(message); const text = JSON.stringify(message); await new Promise((resolve) => { sent += 1; bytes += text.length; resolve(); }); } })();
  } else {
    const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
    void (async () => { for await (const message of live.messages()) { const text = `${prefix}${message.json}}`; sent += 1; bytes += text.length; } })();
  }
}
await new Promise((r) => setTimeout(r, 100));
const start = process.cpuUsage();
const t0 = performance.now();
for (let e = 1; e <= Number(E); e += 1) {
  head = e;
  const event = { stream: 'CASES', seq: e, subject: 'cases.case.reported', storedAt: Date.now(), envelope: { id: `e${e}`, type: 'cases.case.reported', occurredAt: new Date().toISOString(), areaCode: '330402001001001', actor: 'u', schemaVersion: 1, data: { caseId: `case-${e}`, gridCode: '330402001001001', status: 'REPORTED' } } };
  for (const l of listeners) l(event);
  await new Promise((r) => setImmediate(r));
}
while (sent < Number(N) * Number(E)) await new Promise((r) => setTimeout(r, 5));
const cpu = process.cpuUsage(start);
const micros = cpu.user + cpu.system;
console.log(JSON.stringify({ version, mode: MODE, subscribers: Number(N), events: Number(E), messages: sent, resolutions: executed, cpu_ms: Math.round(micros / 1000), wall_ms: Math.round(performance.now() - t0), cpu_us_per_message: +(micros / sent).toFixed(2), bytes_per_message: Math.round(bytes / sent) }));
for (const s of subs) s.close();
process.exit(0);
