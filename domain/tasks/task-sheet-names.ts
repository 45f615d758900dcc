import { buildNameIndex, normalizeName, suggestNames, type NameIndex } from '../text/name-match.ts';

/**
 * Names in a task sheet → people and units: exact names, namesakes told apart
 * as `姓名（单位）` or `名称（编码）`, and for a name nobody has, the closest
 * known names as suggestions. Pure: the directories are built from lists.
 */

export interface Bilingual {
  zh: string;
  en: string;
}

export interface UnitRef {
  id: number;
  name: string;
  code: string;
}

export interface PersonRef {
  id: number;
  name: string;
  username: string;
  /** The name of the person's unit, to tell namesakes apart. */
  unitName: string;
}

export type Resolution = { ok: true; id: number } | { ok: false; message: Bilingual; suggestions: string[] };

/** A directory: resolves what was written to an id, and writes the label that resolves back to it. */
export interface Directory {
  resolve(token: string): Resolution;
  label(id: number): string | undefined;
}

const SUGGESTIONS = 5;

/** Splits a list of names written in one cell: `张三、李四，王五; 赵六`. */
export function splitNames(text: string): string[] {
  return text
    .split(/[、，,;；\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `张伟（区财政局）` → name and qualifier; full-width or ASCII brackets. */
export function splitQualifier(token: string): { name: string; qualifier: string | null } {
  const m = /^(.+?)\s*[（(]\s*([^（）()]+?)\s*[)）]$/.exec(token.trim());
  return m ? { name: m[1]!.trim(), qualifier: m[2]!.trim() } : { name: token.trim(), qualifier: null };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

/** The same token resolves the same way: a misspelling repeated over many rows is matched once. */
function memo(resolve: (token: string) => Resolution): (token: string) => Resolution {
  const cache = new Map<string, Resolution>();
  return (token) => {
    let r = cache.get(token);
    if (!r) cache.set(token, (r = resolve(token)));
    return r;
  };
}

/** Lazily built, so a sheet without mistakes never computes pinyin. */
function lazyIndex(names: () => string[]): () => NameIndex {
  let index: NameIndex | undefined;
  return () => (index ??= buildNameIndex(names()));
}

/** People by name: `张伟`, or `张伟（区财政局）` / `张伟（zhangwei2）` for namesakes. */
export function peopleDirectory(people: readonly PersonRef[]): Directory {
  const byName = groupBy(people, (p) => normalizeName(p.name));
  const byUsername = new Map(people.map((p) => [p.username.toLowerCase(), p]));
  const byId = new Map(people.map((p) => [p.id, p]));
  const index = lazyIndex(() => [...new Set(people.map((p) => p.name))]);

  const label = (p: PersonRef): string => {
    const same = byName.get(normalizeName(p.name))!;
    if (same.length === 1) return p.name;
    const sameUnit = same.filter((o) => normalizeName(o.unitName) === normalizeName(p.unitName));
    return `${p.name}（${sameUnit.length === 1 ? p.unitName : p.username}）`;
  };
  const labelsOf = (names: string[]) =>
    names.flatMap((n) => (byName.get(normalizeName(n)) ?? []).map(label)).slice(0, SUGGESTIONS);
  const ambiguous = (name: string, matches: PersonRef[]): Resolution => ({
    ok: false,
    message: {
      zh: `有 ${matches.length} 人名为“${name}”，请写成“姓名（单位）”`,
      en: `${matches.length} people are named “${name}”; write “name（unit）”`,
    },
    suggestions: matches.map(label),
  });

  return {
    label: (id) => {
      const p = byId.get(id);
      return p && label(p);
    },
    resolve: memo((token) => {
      const { name, qualifier } = splitQualifier(token);
      const same = byName.get(normalizeName(name)) ?? [];
      if (qualifier === null) {
        if (same.length === 1) return { ok: true, id: same[0]!.id };
        if (same.length > 1) return ambiguous(name, same);
        const user = byUsername.get(name.toLowerCase());
        if (user) return { ok: true, id: user.id };
      } else if (same.length > 0) {
        const q = normalizeName(qualifier);
        const matches = same.filter((p) => normalizeName(p.unitName) === q || p.username.toLowerCase() === q);
        if (matches.length === 1) return { ok: true, id: matches[0]!.id };
        if (matches.length > 1) return ambiguous(name, matches);
        return {
          ok: false,
          message: {
            zh: `“${name}”不在“${qualifier}”`,
            en: `No “${name}” in “${qualifier}”`,
          },
          suggestions: same.map(label).slice(0, SUGGESTIONS),
        };
      }
      return {
        ok: false,
        message: { zh: `找不到人员“${token}”`, en: `No person named “${token}”` },
        suggestions: labelsOf(suggestNames(index(), name, SUGGESTIONS)),
      };
    }),
  };
}

/** Units by name, by code, or `名称（编码）` where two units share a name (villages often do). */
export function unitDirectory(units: readonly UnitRef[]): Directory {
  const byName = groupBy(units, (u) => normalizeName(u.name));
  const byCode = new Map(units.map((u) => [u.code.toLowerCase(), u]));
  const byId = new Map(units.map((u) => [u.id, u]));
  const index = lazyIndex(() => [...new Set(units.map((u) => u.name))]);

  const label = (u: UnitRef) =>
    byName.get(normalizeName(u.name))!.length === 1 ? u.name : `${u.name}（${u.code}）`;

  return {
    label: (id) => {
      const u = byId.get(id);
      return u && label(u);
    },
    resolve: memo((token) => {
      const { name, qualifier } = splitQualifier(token);
      const same = byName.get(normalizeName(name)) ?? [];
      if (qualifier === null) {
        if (same.length === 1) return { ok: true, id: same[0]!.id };
        if (same.length > 1) {
          return {
            ok: false,
            message: {
              zh: `有 ${same.length} 个单位名为“${name}”，请写成“名称（单位编码）”`,
              en: `${same.length} units are named “${name}”; write “name（unit code）”`,
            },
            suggestions: same.map(label),
          };
        }
        const byItsCode = byCode.get(normalizeName(name));
        if (byItsCode) return { ok: true, id: byItsCode.id };
      }
      const coded = qualifier === null ? undefined : byCode.get(normalizeName(qualifier));
      if (coded && same.includes(coded)) return { ok: true, id: coded.id };
      const suggestions = same.length
        ? same.map(label)
        : coded
          ? [label(coded)]
          : suggestNames(index(), name, SUGGESTIONS).flatMap((n) =>
              (byName.get(normalizeName(n)) ?? []).map(label),
            );
      return {
        ok: false,
        message: { zh: `找不到单位“${token}”`, en: `No unit named “${token}”` },
        suggestions: suggestions.slice(0, SUGGESTIONS),
      };
    }),
  };
}
