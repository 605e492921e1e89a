// A Jest reporter (jest.config.js) that prints, at the end of a --runInBand run, how much memory that Jest
// process needed: the largest heap after a test file (and which file), V8's heap limit, the peak RSS and the
// wall time. ./lianxin test runs one Jest process per project (tools/stack.sh), so CI's log shows each tier's
// headroom; a single process for the whole suite with coverage once ran out of its 4 GB heap (issue 21).
//
// The heap is read after each file, so it includes garbage not yet collected: an upper bound of what was
// live. With --expose-gc (`LIANXIN_JEST_NODE_OPTIONS=--expose-gc ./lianxin test`) it collects first and reads
// what the files left behind (slower: one full GC per file). Only --runInBand: with workers the tests run elsewhere.
import { relative } from 'node:path';
import { getHeapStatistics } from 'node:v8';

const MB = 2 ** 20;
const mb = (bytes) => Math.round(bytes / MB).toLocaleString('en');

/** The projects this process runs (--selectProjects a b, or --selectProjects=a), from Jest's command line. */
function selectedProjects(argv = process.argv) {
  const names = [];
  argv.forEach((arg, index) => {
    if (arg.startsWith('--selectProjects=')) names.push(...arg.slice('--selectProjects='.length).split(','));
    if (arg !== '--selectProjects') return;
    for (let next = index + 1; next < argv.length && !argv[next].startsWith('-') && !argv[next].includes('/'); next += 1) names.push(argv[next]);
  });
  return names.length > 0 ? names.join(', ') : 'every project';
}

export default class MemoryReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
    this.started = Date.now();
    this.files = 0;
    this.peak = { heap: 0, file: '' };
    this.last = 0;
  }

  onRunStart() {
    this.started = Date.now();
  }

  onTestFileResult(test) {
    if (!this.globalConfig.runInBand) return;
    if (typeof globalThis.gc === 'function') globalThis.gc();
    const heap = process.memoryUsage().heapUsed;
    this.files += 1;
    this.last = heap;
    if (heap > this.peak.heap) this.peak = { heap, file: relative(this.globalConfig.rootDir, test.path) };
  }

  onRunComplete() {
    if (!this.globalConfig.runInBand || this.files === 0) return;
    const testsMs = Date.now() - this.started;
    // Printed when the process ends: Jest's coverage reporter runs after this one (it instruments the files no
    // test loaded and writes the maps), and that phase counts for the process's time and memory too.
    process.once('exit', () => this.print(testsMs));
  }

  print(testsMs) {
    const limit = getHeapStatistics().heap_size_limit;
    const atExit = process.memoryUsage().heapUsed;
    const seconds = (ms) => Math.round(ms / 1000);
    console.log(
      `[jest] memory of this Jest process (${selectedProjects()}): ${this.files} files, tests ${seconds(testsMs)} s, in all ${seconds(Date.now() - this.started)} s; ` +
        `heap after a file at most ${mb(this.peak.heap)} MB (${this.peak.file}; ${typeof globalThis.gc === 'function' ? 'after a full GC' : 'with uncollected garbage'}), ` +
        `at the end ${mb(atExit)} MB, limit ${mb(limit)} MB; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
    );
    // Jest in ESM mode keeps each test file's modules (jestjs/jest#14605): the heap grows with every file. Say so
    // before a growing project reaches the limit (then: split it into two processes in tools/stack.sh).
    if (Math.max(this.last, atExit) > 0.75 * limit) {
      console.log(`[jest] WARNING: this process ended with ${Math.round((100 * Math.max(this.last, atExit)) / limit)} % of its heap limit in use; split its project before it runs out`);
    }
  }
}
