import { pinyin } from 'pinyin-pro';

/**
 * Finding the name a person meant: typed with a homophone (青水镇 for 清水镇),
 * in pinyin (`qingshuizhen`), by initials (`qsz`), abbreviated (发改委 for
 * 区发展改革委) or with a slip of the keyboard.
 */

interface IndexedName {
  name: string;
  norm: string;
  /** Full pinyin without tones, e.g. `qingshuizhen`. */
  py: string;
  /** Pinyin initials, e.g. `qsz`. */
  initials: string;
}

export interface NameIndex {
  readonly entries: readonly IndexedName[];
}

const HAN = /\p{Script=Han}/u;

/** A name compared without spaces, zero-width characters, full-width forms or case. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
    .toLowerCase();
}

function pinyinOf(s: string, pattern: 'pinyin' | 'first'): string {
  if (!HAN.test(s)) return s.replace(/[^a-z0-9]/g, '');
  return pinyin(s, { pattern, toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Builds the index of the known names once, for many look-ups. */
export function buildNameIndex(names: Iterable<string>): NameIndex {
  const seen = new Set<string>();
  const entries: IndexedName[] = [];
  for (const name of names) {
    const norm = normalizeName(name);
    if (!norm || seen.has(norm)) continue;
    seen.add(norm);
    entries.push({ name, norm, py: pinyinOf(norm, 'pinyin'), initials: pinyinOf(norm, 'first') });
  }
  return { entries };
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

function similarity(a: string, b: string): number {
  const len = Math.max([...a].length, [...b].length);
  return len === 0 ? 0 : 1 - editDistance(a, b) / len;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  const s = [...short];
  for (const ch of long) if (ch === s[i]) i++;
  return i === s.length;
}

/** How likely `query` was meant as `c`, from 0 to 1. */
function score(q: { norm: string; py: string; initials: string; han: boolean }, c: IndexedName): number {
  let best = similarity(q.norm, c.norm);
  if (q.py && c.py) {
    if (q.py === c.py) best = Math.max(best, 0.97);
    best = Math.max(best, similarity(q.py, c.py) * 0.9);
    if (!q.han && q.py.length >= 4 && c.py.startsWith(q.py)) best = Math.max(best, 0.75);
  }
  if (!q.han && q.py.length >= 2 && q.py === c.initials) best = Math.max(best, 0.9);
  const ql = [...q.norm].length;
  const cl = [...c.norm].length;
  if (ql >= 2) {
    // Part of the name (or the name within what was typed): closer when it covers more of it.
    const cover = Math.min(ql, cl) / Math.max(ql, cl);
    if (c.norm.includes(q.norm) || q.norm.includes(c.norm)) best = Math.max(best, 0.7 + 0.2 * cover);
    else if (q.han && isSubsequence(q.norm, c.norm)) best = Math.max(best, 0.6 + 0.2 * cover);
  }
  return best;
}

/**
 * The known names closest to what was typed, best first (at most `limit`,
 * only those reasonably close). Exact matches are the caller's business.
 */
export function suggestNames(index: NameIndex, query: string, limit = 5): string[] {
  const norm = normalizeName(query);
  if (!norm) return [];
  const han = HAN.test(norm);
  const q = { norm, han, py: pinyinOf(norm, 'pinyin'), initials: pinyinOf(norm, 'first') };
  return index.entries
    .map((c) => ({ name: c.name, s: score(q, c) }))
    .filter((x) => x.s >= 0.55)
    .sort((a, b) => b.s - a.s || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, limit)
    .map((x) => x.name);
}
