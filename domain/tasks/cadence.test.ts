import { describe, expect, it } from 'vitest';
import {
  lateFrom,
  lateReportCount,
  periodOf,
  periodsBetween,
  timelinessOf,
  type Cadence,
} from './cadence.ts';

describe('reporting periods', () => {
  it.each<[Cadence, string, string, string, string]>([
    ['weekly', '2026-03-04', '2026-W10', '2026-03-02', '2026-03-08'],
    ['weekly', '2026-01-01', '2026-W01', '2025-12-29', '2026-01-04'],
    ['weekly', '2027-01-01', '2026-W53', '2026-12-28', '2027-01-03'],
    ['half_monthly', '2026-02-15', '2026-02-H1', '2026-02-01', '2026-02-15'],
    ['half_monthly', '2026-02-16', '2026-02-H2', '2026-02-16', '2026-02-28'],
    ['half_monthly', '2028-02-20', '2028-02-H2', '2028-02-16', '2028-02-29'],
    ['monthly', '2026-04-30', '2026-04', '2026-04-01', '2026-04-30'],
    ['quarterly', '2026-05-15', '2026-Q2', '2026-04-01', '2026-06-30'],
    ['quarterly', '2026-12-31', '2026-Q4', '2026-10-01', '2026-12-31'],
  ])('%s period of %s is %s (%s … %s)', (cadence, date, key, start, end) => {
    expect(periodOf(cadence, date)).toEqual({ key, start, end });
  });

  it('tiles a range without gaps or overlaps', () => {
    for (const c of ['weekly', 'half_monthly', 'monthly', 'quarterly'] as const) {
      const ps = periodsBetween(c, '2026-01-10', '2026-12-20');
      for (let i = 1; i < ps.length; i++) {
        expect(Date.parse(ps[i]!.start) - Date.parse(ps[i - 1]!.end)).toBe(86_400_000);
      }
      expect(new Set(ps.map((p) => p.key)).size).toBe(ps.length);
    }
    expect(periodsBetween('half_monthly', '2026-03-01', '2026-05-31')).toHaveLength(6);
    expect(periodsBetween('quarterly', '2026-03-01', '2026-12-31')).toHaveLength(4);
  });
});

describe('late reports, Asia/Shanghai day boundaries', () => {
  const march = periodOf('monthly', '2026-03-10');
  it('a monthly report is late from 00:00 Beijing time on the first day after the month', () => {
    expect(lateFrom(march).toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(timelinessOf(march, new Date('2026-03-31T15:59:59Z'), new Date('2026-04-02T00:00:00Z'))).toBe(
      'on_time',
    );
    expect(timelinessOf(march, new Date('2026-03-31T16:00:00Z'), new Date('2026-04-02T00:00:00Z'))).toBe(
      'late',
    );
  });
  it('honours grace days', () => {
    expect(timelinessOf(march, new Date('2026-04-03T10:00:00Z'), new Date('2026-04-05T00:00:00Z'), 3)).toBe(
      'on_time',
    );
    expect(timelinessOf(march, new Date('2026-04-03T16:00:00Z'), new Date('2026-04-05T00:00:00Z'), 3)).toBe(
      'late',
    );
  });
  it('a missing report is not due before the deadline and missing after it', () => {
    expect(timelinessOf(march, null, new Date('2026-03-31T15:00:00Z'))).toBe('not_due');
    expect(timelinessOf(march, null, new Date('2026-03-31T16:00:00Z'))).toBe('missing');
  });
  it.each<[Cadence, string, string]>([
    ['weekly', '2026-03-08T15:59:59Z', '2026-03-08T16:00:00Z'], // Sunday night in Beijing
    ['half_monthly', '2026-03-15T15:59:59Z', '2026-03-15T16:00:00Z'],
    ['quarterly', '2026-03-31T15:59:59Z', '2026-03-31T16:00:00Z'],
  ])('%s: %s on time, %s late', (cadence, onTime, late) => {
    const p = periodOf(cadence, '2026-03-04');
    expect(timelinessOf(p, new Date(onTime), new Date('2026-06-01T00:00:00Z'))).toBe('on_time');
    expect(timelinessOf(p, new Date(late), new Date('2026-06-01T00:00:00Z'))).toBe('late');
  });

  it('counts on-time, late and missing reports of a task', () => {
    const received = new Map([
      ['2026-W10', new Date('2026-03-06T02:00:00Z')], // on time
      ['2026-W11', new Date('2026-03-16T02:00:00Z')], // Monday after: late
      // W12 missing
    ]);
    const now = new Date('2026-03-24T04:00:00Z'); // Tuesday of W13: W13 not due yet
    expect(lateReportCount('weekly', { start: '2026-03-02', end: '2026-06-30' }, received, now)).toEqual({
      due: 3,
      onTime: 1,
      late: 1,
      missing: 1,
    });
  });
});
