import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ratio, sum } from './ratio.ts';

describe('exact decimals', () => {
  it.each<[number | string, string]>([
    [0, '0'],
    [-0, '0'],
    [12, '12'],
    ['33.330', '33.33'],
    [' 7.5 ', '7.5'],
    [0.1, '0.1'],
    [1e-7, '0.0000001'],
    ['1.5e3', '1500'],
    ['-.5', '-0.5'],
    ['+2', '2'],
  ])('%j reads as %s', (x, text) => {
    expect(Ratio.of(x).toString()).toBe(text);
  });

  it.each(['', '.', '2.', 'abc', '1,5', '1/3', '0x10', '--1', NaN, Infinity])('refuses %j', (x) => {
    expect(() => Ratio.of(x as string)).toThrow(RangeError);
    expect(Ratio.tryOf(x)).toBeNull();
  });

  it('adds the way people do: 0.1 + 0.2 is 0.3, 33.33 + 33.33 + 33.34 is 100', () => {
    expect(Ratio.of(0.1).plus(Ratio.of(0.2)).eq(Ratio.of(0.3))).toBe(true);
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sum([33.33, 33.33, 33.34].map((w) => Ratio.of(w))).eq(Ratio.hundred)).toBe(true);
    expect(sum([10.1, 20.2, 69.7].map((w) => Ratio.of(w))).eq(Ratio.hundred)).toBe(true);
    expect(sum([]).eq(Ratio.zero)).toBe(true);
  });

  it.each<[string, number, string]>([
    ['2.675', 2, '2.68'], // binary floating point gives 2.67
    ['-2.675', 2, '-2.68'],
    ['2.674999', 2, '2.67'],
    ['0.005', 2, '0.01'],
    ['-0.004', 2, '0.00'],
    ['58.3333', 2, '58.33'],
    ['99.995', 2, '100.00'],
    ['7', 0, '7'],
    ['0.5', 0, '1'],
  ])('%s to %i places is %s', (x, places, text) => {
    expect(Ratio.of(x).toFixed(places)).toBe(text);
  });

  it('rounds thirds and sevenths for display only', () => {
    const third = Ratio.frac(100n, 3n);
    expect(third.toFixed(2)).toBe('33.33');
    expect(third.toDecimal()).toBeNull();
    expect(third.toString()).toBe('100/3');
    expect(Ratio.frac(700n, 12n).toFixed(2)).toBe('58.33');
    expect(third.toNumber()).toBeCloseTo(33.333333, 5);
  });

  it('compares, floors, divides', () => {
    expect(Ratio.of(-1.5).floor()).toBe(-2n);
    expect(Ratio.of(3.6).floor()).toBe(3n);
    expect(Ratio.of(4).floor()).toBe(4n);
    expect(Ratio.of(2).cmp(Ratio.of('2.0'))).toBe(0);
    expect(Ratio.of(2).min(Ratio.of(3)).toString()).toBe('2');
    expect(() => Ratio.one.div(Ratio.zero)).toThrow(RangeError);
    expect(Ratio.frac(6n, -4n).toString()).toBe('-1.5');
  });

  it('agrees with doubles where doubles are exact, and its sums do not depend on order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { maxLength: 20 }), (xs) => {
        const cents = xs.map((x) => Ratio.frac(BigInt(x), 100n));
        expect(sum(cents).eq(sum([...cents].reverse()))).toBe(true);
        expect(sum(cents).toNumber()).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / 100, 6);
      }),
    );
  });
});
