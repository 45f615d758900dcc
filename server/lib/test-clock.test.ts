import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileClock } from './test-clock.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'luoshi-clock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the e2e test clock', () => {
  const real = () => Date.UTC(2026, 2, 2, 2);

  it('is the real time while the file does not exist', () => {
    expect(fileClock(path.join(dir, 'none'), real)().toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });

  it('adds the offset the file holds, and follows the file when it changes', () => {
    const file = path.join(dir, 'clock');
    writeFileSync(file, String(3 * 86_400_000));
    const clock = fileClock(file, real);
    expect(clock().toISOString()).toBe('2026-03-05T02:00:00.000Z');
    writeFileSync(file, String(30 * 86_400_000) + '\n');
    expect(clock().toISOString()).toBe('2026-04-01T02:00:00.000Z');
    rmSync(file);
    expect(clock().toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });

  it('ignores a file that is not a whole number of milliseconds', () => {
    const file = path.join(dir, 'bad');
    writeFileSync(file, 'next tuesday');
    expect(fileClock(file, real)().toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });
});
