// Jest's globalTeardown (jest.config.js), instead of --forceExit: when every suite has finished, Jest exits
// by itself unless a test left something open (a server, a socket, a timer, a NATS connection). Then this
// names what is still open and ends the run as failed, so a leak is a red run with a reason, never a hang
// and never hidden. The timer is unref'd: it never keeps the process alive on its own.
const GRACE_MS = Number(process.env.JEST_EXIT_GRACE_MS ?? 15_000);

export default async function exitGuard() {
  setTimeout(() => {
    const open = process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap');
    console.error(
      `\n[jest] still running ${GRACE_MS / 1000} s after the last test: something was left open (${open.join(', ')}).` +
        '\n[jest] find it with: ./lianxin npx jest <file> --detectOpenHandles (and close it in afterAll)',
    );
    process.exit(1);
  }, GRACE_MS).unref();
}
