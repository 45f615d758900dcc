import { describe, expect, it } from 'vitest';
import { parsePeriod, periodContaining, periodLabel, periodWindow, previousPeriod } from './period.ts';

describe('evaluation periods', () => {
  it.each([
    ['month', '2026-02', '2026-02-01', '2026-02-28'],
    ['month', '2028-02', '2028-02-01', '2028-02-29'],
    ['quarter', '2026-Q1', '2026-01-01', '2026-03-31'],
    ['quarter', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['year', '2026', '2026-01-01', '2026-12-31'],
  ] as const)('%s %s runs %s to %s', (kind, key, start, end) => {
    expect(parsePeriod(kind, key)).toEqual({ kind, key, start, end });
  });

  it.each([
    ['month', '2026-13'],
    ['month', '2026-3'],
    ['month', '2026-Q1'],
    ['quarter', '2026-Q5'],
    ['quarter', '2026-03'],
    ['year', '26'],
    ['year', '1899'],
  ] as const)('%s refuses %s', (kind, key) => {
    expect(parsePeriod(kind, key)).toBeNull();
  });

  it('finds the period of a date and the one before it, across a year', () => {
    expect(periodContaining('quarter', '2026-05-20').key).toBe('2026-Q2');
    expect(previousPeriod(parsePeriod('quarter', '2026-Q1')!).key).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('month', '2026-01')!).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('year', '2026')!).key).toBe('2025');
  });

  it('takes figures up to today while a period runs, to its end once it is over, none before it starts', () => {
    const q1 = parsePeriod('quarter', '2026-Q1')!;
    expect(periodWindow(q1, '2025-12-31')).toBeNull();
    expect(periodWindow(q1, '2026-02-10')).toEqual({
      start: '2026-01-01',
      asOf: '2026-02-10',
      complete: false,
    });
    expect(periodWindow(q1, '2026-03-31')).toEqual({
      start: '2026-01-01',
      asOf: '2026-03-31',
      complete: false,
    });
    expect(periodWindow(q1, '2026-04-01')).toEqual({
      start: '2026-01-01',
      asOf: '2026-03-31',
      complete: true,
    });
  });

  it('names periods in Chinese and English', () => {
    expect(periodLabel(parsePeriod('quarter', '2026-Q1')!)).toEqual({ zh: '2026年第一季度', en: 'Q1 2026' });
    expect(periodLabel(parsePeriod('month', '2026-03')!)).toEqual({ zh: '2026年3月', en: 'March 2026' });
    expect(periodLabel(parsePeriod('year', '2026')!)).toEqual({ zh: '2026年度', en: '2026' });
  });
});
