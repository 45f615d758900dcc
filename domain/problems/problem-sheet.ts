import type { ProblemDraft, ProblemSeverity } from '../contracts/problems.ts';
import { buildNameIndex, normalizeName, suggestNames, type NameIndex } from '../text/name-match.ts';
import {
  cellText,
  formatMilestones,
  parseMilestones,
  parseSheetDate,
  type SheetCell,
} from '../tasks/task-sheet.ts';
import { splitNames, type Bilingual, type Directory } from '../tasks/task-sheet-names.ts';

/**
 * The findings sheet (问题清单): one problem per row, as an inspection team
 * writes it, and the reading of each cell. Pure: no workbook, no database.
 * Names are resolved as in the task sheet (closest matches, pinyin).
 */

export type ProblemSheetKey =
  | 'description'
  | 'source'
  | 'categories'
  | 'foundOn'
  | 'foundBy'
  | 'unit'
  | 'person'
  | 'severity'
  | 'deadline'
  | 'longTerm'
  | 'stages';

export interface ProblemSheetColumn {
  key: ProblemSheetKey;
  header: string;
  en: string;
  required: boolean;
  type: 'text' | 'number' | 'date';
  width?: number;
  note: string;
  choices?: readonly string[];
}

/** 严重程度 as written (the first word is what an export writes). */
export const severityWords: Record<ProblemSeverity, readonly string[]> = {
  general: ['一般', 'general', '轻微', '较轻'],
  major: ['较重', 'major', '较大', '重要'],
  severe: ['严重', 'severe', '重大', '特别严重'],
};

const YES = ['是', 'y', 'yes', 'true', '1', '√', '长期'];
const NO = ['否', 'n', 'no', 'false', '0', '×', '短期'];

/** The columns, in the order a template and an export write them. */
export const problemSheetColumns: readonly ProblemSheetColumn[] = [
  {
    key: 'description',
    header: '问题描述',
    en: 'description',
    required: true,
    type: 'text',
    width: 50,
    note: '不超过 4000 字 / at most 4000 characters',
  },
  {
    key: 'source',
    header: '问题来源',
    en: 'source',
    required: true,
    type: 'text',
    width: 16,
    note: '如 巡视、督查、审计、自查自纠 / one of the problem sources',
  },
  {
    key: 'categories',
    header: '问题类别',
    en: 'categories',
    required: false,
    type: 'text',
    width: 24,
    note: '类别名称，多个用 ；或 、 分隔；同名类别写成 上级类别/类别 / category names; for namesakes parent/name',
  },
  {
    key: 'foundOn',
    header: '发现时间',
    en: 'foundOn',
    required: true,
    type: 'date',
    width: 12,
    note: '2026-03-01、2026/3/1、2026年3月1日 或 Excel 日期 / a date',
  },
  {
    key: 'foundBy',
    header: '发现人',
    en: 'foundBy',
    required: false,
    type: 'text',
    width: 20,
    note: '发现问题的督查组或人员 / who found it',
  },
  {
    key: 'unit',
    header: '责任单位',
    en: 'unit',
    required: true,
    type: 'text',
    width: 24,
    note: '单位全称；同名单位写成 名称（单位编码） / the unit name; for namesakes name（unit code）',
  },
  {
    key: 'person',
    header: '责任人',
    en: 'person',
    required: false,
    type: 'text',
    width: 12,
    note: '责任单位的人员姓名 / a person of the responsible unit',
  },
  {
    key: 'severity',
    header: '严重程度',
    en: 'severity',
    required: false,
    type: 'text',
    width: 10,
    note: '一般、较重、严重，空白为一般 / general, major, severe (blank: general)',
    choices: ['一般', '较重', '严重'],
  },
  {
    key: 'deadline',
    header: '整改时限',
    en: 'deadline',
    required: true,
    type: 'date',
    width: 12,
    note: '不早于发现时间 / not before the day found',
  },
  {
    key: 'longTerm',
    header: '长期整改',
    en: 'longTerm',
    required: false,
    type: 'text',
    width: 10,
    note: '是 或 否，空白为否；长期整改须填阶段目标 / yes or no; a long-term problem needs stage targets',
    choices: ['是', '否'],
  },
  {
    key: 'stages',
    header: '阶段目标',
    en: 'stages',
    required: false,
    type: 'text',
    width: 50,
    note: '日期 (计划进度%): 内容，多个用分号分隔：2026-06-30 (50%): 完成主体整改; 2026-12-31: 全面销号 / date (percent): what; separated by ;',
  },
];

/** The column header of a field of the problem draft (`deadline` → 整改时限). */
export const columnOfProblemField: Record<string, ProblemSheetKey> = {
  description: 'description',
  sourceId: 'source',
  categoryIds: 'categories',
  foundOn: 'foundOn',
  foundBy: 'foundBy',
  unitId: 'unit',
  personId: 'person',
  severity: 'severity',
  deadline: 'deadline',
  longTerm: 'longTerm',
  stages: 'stages',
};

export function problemHeaderOf(key: ProblemSheetKey): string {
  return problemSheetColumns.find((c) => c.key === key)!.header;
}

/** 严重程度 from its word; null when it is none of them. */
export function parseSeverity(text: string): ProblemSeverity | null {
  const t = normalizeName(text);
  for (const [s, words] of Object.entries(severityWords) as [ProblemSeverity, readonly string[]][])
    if (words.some((w) => normalizeName(w) === t)) return s;
  return null;
}

/** 是/否 as a boolean; null when it is neither. */
export function parseYesNo(text: string): boolean | null {
  const t = normalizeName(text);
  if (YES.includes(t)) return true;
  if (NO.includes(t)) return false;
  return null;
}

/**
 * A named option (a source, a category): the label that resolves back to it,
 * and the names it answers to in tiers (e.g. Chinese names, then English,
 * then codes): a token is matched against the first tier any option has it in.
 */
export interface NamedOption {
  id: number;
  label: string;
  names: readonly (readonly string[])[];
}

/**
 * A directory of named options: a token resolves when it is one of an
 * option's names (compared as people type them); a name shared by several
 * options asks for the label; anything else gets the closest labels.
 */
export function optionDirectory(options: readonly NamedOption[], what: Bilingual): Directory {
  const tiers = Math.max(0, ...options.map((o) => o.names.length));
  const byName = Array.from({ length: tiers }, () => new Map<string, NamedOption[]>());
  for (const o of options) {
    o.names.forEach((names, tier) => {
      for (const n of new Set(names.map(normalizeName))) {
        const list = byName[tier]!.get(n) ?? [];
        list.push(o);
        byName[tier]!.set(n, list);
      }
    });
  }
  const byId = new Map(options.map((o) => [o.id, o]));
  let index: NameIndex | undefined;
  const lookup = (token: string) => {
    const n = normalizeName(token);
    for (const tier of byName) {
      const found = tier.get(n);
      if (found) return found;
    }
    return [];
  };
  return {
    label: (id) => byId.get(id)?.label,
    resolve(token) {
      const found = lookup(token);
      if (found.length === 1) return { ok: true, id: found[0]!.id };
      if (found.length > 1) {
        return {
          ok: false,
          message: {
            zh: `有 ${found.length} 个${what.zh}名为“${token}”，请写明上级`,
            en: `${found.length} of the ${what.en} list are named “${token}”; give the full name`,
          },
          suggestions: found.map((o) => o.label),
        };
      }
      index ??= buildNameIndex(options.map((o) => o.label));
      return {
        ok: false,
        message: { zh: `找不到${what.zh}“${token}”`, en: `No ${what.en} named “${token}”` },
        suggestions: suggestNames(index, token, 5),
      };
    },
  };
}

/** The tokens of a categories cell: a whole `；`-separated piece when it names a category, else its `、`-separated parts. */
export function categoryTokens(text: string, dir: Directory): string[] {
  return text
    .split(/[;；\n\r]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((piece) => (dir.resolve(piece).ok ? [piece] : splitNames(piece)));
}

/** Who, which units, sources and categories the names of a sheet may mean. */
export interface ProblemSheetDirectories {
  units: Directory;
  people: Directory;
  sources: Directory;
  categories: Directory;
}

export interface ProblemCellProblem {
  column: ProblemSheetKey;
  message: Bilingual;
  suggestions: string[];
}

/**
 * Turns one row's cells into the input of the `problemDraft` schema,
 * resolving names to ids. Cells that cannot be read are reported and left
 * out; everything else (required columns, lengths, dates in order) is the
 * schema's to check.
 */
export function problemInputFromRow(
  cells: Partial<Record<ProblemSheetKey, SheetCell>>,
  dirs: ProblemSheetDirectories,
): { input: Record<string, unknown>; problems: ProblemCellProblem[] } {
  const input: Record<string, unknown> = {};
  const problems: ProblemCellProblem[] = [];
  const text = (k: ProblemSheetKey) => cellText(cells[k] ?? null);
  const problem = (column: ProblemSheetKey, zh: string, en: string, suggestions: string[] = []) =>
    problems.push({ column, message: { zh, en }, suggestions });
  const one = (column: ProblemSheetKey, dir: Directory): number | undefined => {
    const t = text(column);
    if (!t) return undefined;
    const r = dir.resolve(t);
    if (r.ok) return r.id;
    problems.push({ column, message: r.message, suggestions: r.suggestions });
    return undefined;
  };

  if (text('description')) input.description = text('description');
  if (text('foundBy')) input.foundBy = text('foundBy');
  input.sourceId = one('source', dirs.sources);
  input.unitId = one('unit', dirs.units);
  const person = one('person', dirs.people);
  if (person !== undefined) input.personId = person;

  if (text('categories')) {
    const ids: number[] = [];
    let ok = true;
    for (const token of categoryTokens(text('categories'), dirs.categories)) {
      const r = dirs.categories.resolve(token);
      if (r.ok) {
        if (!ids.includes(r.id)) ids.push(r.id);
      } else {
        ok = false;
        problems.push({ column: 'categories', message: r.message, suggestions: r.suggestions });
      }
    }
    if (ok) input.categoryIds = ids;
  }

  for (const k of ['foundOn', 'deadline'] as const) {
    const cell = cells[k] ?? null;
    if (cell === null) continue;
    const date = parseSheetDate(cell);
    if (date) input[k] = date;
    else {
      problem(
        k,
        `日期“${cellText(cell)}”无法识别，请写成 2026-03-01`,
        `“${cellText(cell)}” is not a date; write it as 2026-03-01`,
      );
    }
  }

  if (text('severity')) {
    const s = parseSeverity(text('severity'));
    if (s) input.severity = s;
    else {
      problem(
        'severity',
        `严重程度“${text('severity')}”应为 一般、较重 或 严重`,
        `Severity “${text('severity')}” must be general, major or severe`,
        ['一般', '较重', '严重'],
      );
    }
  }
  if (text('longTerm')) {
    const b = parseYesNo(text('longTerm'));
    if (b === null) {
      problem('longTerm', `长期整改应填“是”或“否”`, 'Long-term must be yes or no', ['是', '否']);
    } else input.longTerm = b;
  }
  if (text('stages')) {
    const r = parseMilestones(text('stages'));
    if (r.ok) input.stages = r.milestones;
    else {
      problem(
        'stages',
        `第 ${r.item} 个阶段目标“${r.text}”：${r.reason.zh}`,
        `Stage ${r.item} “${r.text}”: ${r.reason.en}`,
      );
    }
  }
  for (const [k, v] of Object.entries(input)) if (v === undefined) delete input[k];
  return { input, problems };
}

/** A problem draft as the cells of one sheet row, names written so they resolve back to the same ids. */
export function problemCells(
  d: ProblemDraft,
  dirs: ProblemSheetDirectories,
): Record<ProblemSheetKey, SheetCell> {
  const label = (dir: Directory, id: number) => dir.label(id) ?? `#${id}`;
  return {
    description: d.description,
    source: label(dirs.sources, d.sourceId),
    categories: d.categoryIds.map((id) => label(dirs.categories, id)).join('；'),
    foundOn: d.foundOn,
    foundBy: d.foundBy,
    unit: label(dirs.units, d.unitId),
    person: d.personId === null ? null : label(dirs.people, d.personId),
    severity: severityWords[d.severity][0]!,
    deadline: d.deadline,
    longTerm: d.longTerm ? '是' : '否',
    stages: formatMilestones(d.stages),
  };
}
