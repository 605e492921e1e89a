// Reads a Prometheus histogram from a service's /metrics (text format) so a scenario can measure
// what happens behind the HTTP responses — e.g. the event delivery lag of the consumers — over
// exactly its own run: snapshot in setup(), snapshot in teardown(), quantiles of the difference.
import http from 'k6/http';

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})?\s+(\S+)/;

function parseLabels(text) {
  const labels = {};
  if (!text) return labels;
  for (const match of text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[match[1]] = match[2];
  return labels;
}

/**
 * The histogram `name` from each URL, per series (labels other than `le`, as "k=v,…" plus the url):
 * { key: { labels, buckets: [[le (string), cumulativeCount]…], count, sum } }. A URL that does not answer is skipped.
 */
export function histogramSnapshot(urls, name) {
  const series = {};
  for (const url of urls) {
    const response = http.get(url, { tags: { kind: 'metrics', name: 'metrics' }, timeout: '10s' });
    if (response.status !== 200) continue;
    for (const line of String(response.body).split('\n')) {
      const match = LINE.exec(line);
      if (!match || !match[1].startsWith(name)) continue;
      const suffix = match[1].slice(name.length);
      if (!['_bucket', '_count', '_sum'].includes(suffix)) continue;
      const labels = parseLabels(match[2]);
      const le = labels.le;
      delete labels.le;
      const key = `${url} ${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',')}`;
      const entry = (series[key] = series[key] || { url, labels, buckets: [], count: 0, sum: 0 });
      const value = Number(match[3]);
      // `le` stays a string ("+Inf" must survive setup()'s JSON hand-over); histogramQuantile reads it.
      if (suffix === '_bucket') entry.buckets.push([le, value]);
      else if (suffix === '_count') entry.count = value;
      else entry.sum = value;
    }
  }
  return series;
}

/** after − before, series by series (a series new in `after` counts whole). */
export function histogramDelta(before, after) {
  const delta = {};
  for (const [key, now] of Object.entries(after)) {
    const then = before[key];
    const earlier = new Map(then ? then.buckets.map(([le, count]) => [le, count]) : []);
    delta[key] = {
      url: now.url,
      labels: now.labels,
      buckets: now.buckets.map(([le, count]) => [le, count - (earlier.get(le) || 0)]),
      count: now.count - (then ? then.count : 0),
      sum: now.sum - (then ? then.sum : 0),
    };
  }
  return delta;
}

/** The q-quantile of a cumulative histogram, interpolated inside its bucket as Prometheus' histogram_quantile does. */
export function histogramQuantile(q, buckets) {
  const sorted = buckets.map(([le, count]) => [le === '+Inf' ? Infinity : Number(le), count]).sort((a, b) => a[0] - b[0]);
  const total = sorted.length ? sorted[sorted.length - 1][1] : 0;
  if (total <= 0) return null;
  const rank = q * total;
  let previousLe = 0;
  let previousCount = 0;
  for (const [le, count] of sorted) {
    if (count >= rank) {
      if (le === Infinity) return previousLe; // beyond the last finite bucket: its bound is all we know
      const inBucket = count - previousCount;
      return inBucket > 0 ? previousLe + ((le - previousLe) * (rank - previousCount)) / inBucket : le;
    }
    previousLe = le;
    previousCount = count;
  }
  return previousLe;
}
