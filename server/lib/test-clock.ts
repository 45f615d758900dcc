import { readFileSync, statSync } from 'node:fs';

/**
 * A clock for end-to-end tests only (`LUOSHI_TEST_CLOCK_FILE`): the real time
 * plus an offset in milliseconds read from the file, so a journey can move the
 * server's "now" forward (an overdue problem escalating over weeks) without
 * touching its data. No file, or a file that does not hold a whole number,
 * means no offset. The file is read again only when it changes.
 */
export function fileClock(file: string, realNow: () => number = Date.now): () => Date {
  let seen = '';
  let offset = 0;
  return () => {
    let stamp: string;
    try {
      const s = statSync(file);
      stamp = `${s.mtimeMs}:${s.size}`;
    } catch {
      stamp = 'none';
    }
    if (stamp !== seen) {
      seen = stamp;
      offset = 0;
      if (stamp !== 'none') {
        const text = readFileSync(file, 'utf8').trim();
        if (/^-?\d{1,15}$/.test(text)) offset = Number(text);
      }
    }
    return new Date(realNow() + offset);
  };
}
