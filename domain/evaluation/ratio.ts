/**
 * Exact rational numbers on BigInt, for scores: weights such as 33.33 + 33.33 +
 * 33.34 add up to exactly 100, two units with the same inputs always tie, and
 * a score is rounded only when it is shown (half away from zero, so 2.675 shows
 * as 2.68, which binary floating point would show as 2.67).
 *
 * A JavaScript number enters as the decimal it prints as (`0.1` is one tenth,
 * not the binary fraction nearest to it), which is what the person who typed
 * it meant.
 */
export class Ratio {
  private constructor(
    /** Numerator; carries the sign. */
    readonly num: bigint,
    /** Denominator, always > 0, coprime with the numerator. */
    readonly den: bigint,
  ) {}

  static readonly zero = new Ratio(0n, 1n);
  static readonly one = new Ratio(1n, 1n);
  static readonly hundred = new Ratio(100n, 1n);

  /** n / d, reduced; d must not be 0. */
  static frac(n: bigint, d: bigint): Ratio {
    if (d === 0n) throw new RangeError('division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return g === 1n ? new Ratio(n, d) : new Ratio(n / g, d / g);
  }

  /**
   * From a finite number (by its printed decimal), a bigint, or a decimal
   * string (`12`, `-0.5`, `33.330`, `1e-7`). Throws RangeError on anything else.
   */
  static of(x: number | bigint | string): Ratio {
    if (typeof x === 'bigint') return new Ratio(x, 1n);
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
      return Ratio.parse(String(x));
    }
    return Ratio.parse(x.trim());
  }

  /** Like `of`, but null instead of an exception. */
  static tryOf(x: unknown): Ratio | null {
    if (typeof x !== 'number' && typeof x !== 'bigint' && typeof x !== 'string') return null;
    try {
      return Ratio.of(x);
    } catch {
      return null;
    }
  }

  private static parse(text: string): Ratio {
    const m = /^([+-])?(\d+)?(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m || (m[2] === undefined && m[3] === undefined))
      throw new RangeError(`not a decimal number: ${text}`);
    const [, sign, int = '', frac = '', exp = '0'] = m;
    const e = Number(exp) - frac.length;
    if (Math.abs(e) > 400) throw new RangeError(`exponent out of range: ${text}`);
    let n = BigInt(`${int}${frac}` || '0');
    if (sign === '-') n = -n;
    return e >= 0 ? Ratio.frac(n * 10n ** BigInt(e), 1n) : Ratio.frac(n, 10n ** BigInt(-e));
  }

  plus(o: Ratio): Ratio {
    return Ratio.frac(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  minus(o: Ratio): Ratio {
    return Ratio.frac(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  times(o: Ratio): Ratio {
    return Ratio.frac(this.num * o.num, this.den * o.den);
  }
  /** Throws RangeError when `o` is zero. */
  div(o: Ratio): Ratio {
    return Ratio.frac(this.num * o.den, this.den * o.num);
  }
  neg(): Ratio {
    return new Ratio(-this.num, this.den);
  }
  /** -1, 0 or 1. */
  cmp(o: Ratio): number {
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  eq(o: Ratio): boolean {
    return this.num === o.num && this.den === o.den;
  }
  sign(): number {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }
  min(o: Ratio): Ratio {
    return this.cmp(o) <= 0 ? this : o;
  }
  max(o: Ratio): Ratio {
    return this.cmp(o) >= 0 ? this : o;
  }
  /** The largest whole number ≤ this. */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** The nearest double (for charts and JSON), never used to compare or rank. */
  toNumber(): number {
    const limit = 2n ** 53n;
    const abs = this.num < 0n ? -this.num : this.num;
    if (abs <= limit && this.den <= limit) return Number(this.num) / Number(this.den);
    return Number(this.toFixed(20));
  }

  /** Rounded to `places` decimals, half away from zero: the display form. Never `-0.00`. */
  toFixed(places: number): string {
    const scale = 10n ** BigInt(places);
    const scaled = this.num * scale;
    let q = scaled / this.den;
    const r = scaled % this.den;
    if (2n * (r < 0n ? -r : r) >= this.den) q += scaled < 0n ? -1n : 1n;
    const neg = q < 0n;
    const digits = (neg ? -q : q).toString().padStart(places + 1, '0');
    const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
    return neg ? `-${text}` : text;
  }

  /**
   * The exact decimal, shortest form (`33.33`, `100`, `-0.5`), for values that
   * have one (denominator of the form 2^a·5^b); null for others (1/3).
   */
  toDecimal(): string | null {
    let d = this.den;
    let twos = 0;
    let fives = 0;
    while (d % 2n === 0n) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === 0n) {
      d /= 5n;
      fives++;
    }
    if (d !== 1n) return null;
    const places = Math.max(twos, fives);
    const text = this.toFixed(places);
    return places === 0 ? text : text.replace(/\.?0+$/, '');
  }

  toString(): string {
    return this.toDecimal() ?? `${this.num}/${this.den}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** The sum of a list; zero when empty. */
export function sum(xs: readonly Ratio[]): Ratio {
  return xs.reduce((s, x) => s.plus(x), Ratio.zero);
}
