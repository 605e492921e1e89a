/**
 * Deterministic randomness for the scale generator: the same seed gives the same data on every
 * machine. Each part of the data draws from its own stream (seed + label), so the loaders can run
 * in separate processes, in any order, and still produce identical rows.
 */

/** A 32-bit avalanche hash (murmur3's finaliser) of an unsigned integer. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a of a string, then mixed: turns labels into stream seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One of the values, with probability proportional to its weight. */
  weighted<T>(choices: ReadonlyArray<readonly [weight: number, value: T]>): T;
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast chaotic generator): 128 bits of state, passes PractRand,
 * about as fast as Math.random. Seeded from (seed, label) so streams do not overlap in practice.
 */
export function randomStream(seed: number, label: string): Random {
  let a = mix32(seed ^ 0x9e3779b9);
  let b = hashString(label);
  let c = mix32(a ^ b ^ 0x6a09e667);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  // The first outputs still carry the seed's structure: discard them.
  for (let i = 0; i < 15; i += 1) next();
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (choices) => {
      let total = 0;
      for (const [weight] of choices) total += weight;
      let roll = next() * total;
      for (const [weight, value] of choices) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return choices[choices.length - 1][1];
    },
  };
}

/** A weighted table prepared once for many draws (binary search over cumulative weights). */
export class WeightedTable<T> {
  private readonly cumulative: Float64Array;
  private readonly values: readonly T[];
  readonly total: number;

  constructor(weights: readonly number[], values: readonly T[]) {
    if (weights.length !== values.length || weights.length === 0) throw new Error('need one weight per value');
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((weight, index) => {
      sum += weight;
      this.cumulative[index] = sum;
    });
    this.total = sum;
    this.values = values;
  }

  draw(random: Random): T {
    const roll = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle] > roll) high = middle;
      else low = middle + 1;
    }
    return this.values[low];
  }
}

/**
 * Splits `total` into integer parts proportional to `weights` that add up exactly (largest
 * remainder), each at least `minimum`.
 */
export function apportion(total: number, weights: readonly number[], minimum = 0): number[] {
  const free = total - minimum * weights.length;
  if (free < 0) throw new Error(`cannot give ${weights.length} parts at least ${minimum} out of ${total}`);
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  const exact = weights.map((weight) => (free * weight) / sum);
  const parts = exact.map((value) => Math.floor(value));
  let left = free - parts.reduce((acc, part) => acc + part, 0);
  const byRemainder = exact.map((value, index) => [value - Math.floor(value), index] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (const [, index] of byRemainder) {
    if (left === 0) break;
    parts[index] += 1;
    left -= 1;
  }
  return parts.map((part) => part + minimum);
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex32 = (value: number) => HEX[value >>> 24] + HEX[(value >>> 16) & 0xff] + HEX[(value >>> 8) & 0xff] + HEX[value & 0xff];

/**
 * A UUID (version 4 layout) that is a pure function of (seed, kind, n): other loaders compute the
 * same id for the same record without sharing state (a case's reporter is a person id computed from
 * the person's index). Distinct n of one kind always give distinct ids: the last 32 bits are a
 * bijection of n (mix32 is invertible); for the same last 32 bits, kinds differ in the first 32 (the
 * kind's hash xor a function of those bits).
 */
export function scaleUuid(seed: number, kind: string, n: number): string {
  const kindHash = mix32(hashString(kind) ^ mix32(seed));
  const unique = mix32((n ^ kindHash) >>> 0);
  const b = mix32(unique ^ 0x9e3779b9);
  const c = mix32(b ^ 0x27d4eb2f);
  const middle = hex32(b);
  const tail = hex32(c);
  return `${hex32((kindHash ^ mix32(unique ^ 0x85ebca6b)) >>> 0)}-${middle.slice(0, 4)}-4${middle.slice(5, 8)}-${'89ab'[c >>> 30]}${tail.slice(1, 4)}-${tail.slice(4, 8)}${hex32(unique)}`;
}
