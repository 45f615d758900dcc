import { isIsoDate, type IsoDate } from '../calendar/shanghai-date.ts';
import { cadences, type Cadence } from './cadence.ts';
import { splitNames, type Bilingual, type Directory } from './task-sheet-names.ts';

/**
 * The task sheet (任务清单): one task per row, the columns an office writes,
 * and the reading of each cell's text. Pure: no workbook, no database.
 */

/** A cell as read from a sheet: text, number, a date (UTC midnight of the day shown) or blank. */
export type SheetCell = string | number | Date | null;

export interface TaskSheetColumn {
  key: TaskSheetKey;
  header: string;
  en: string;
  required: boolean;
  type: 'text' | 'number' | 'date';
  width?: number;
  note: string;
  choices?: readonly string[];
}

export type TaskSheetKey =
  | 'code'
  | 'title'
  | 'category'
  | 'targetText'
  | 'targetValue'
  | 'targetUnit'
  | 'leaders'
  | 'leadUnit'
  | 'cooperatingUnits'
  | 'start'
  | 'deadline'
  | 'milestones'
  | 'cadence'
  | 'description';

/** 报送周期 as written in a sheet (the first word of each is what an export writes). */
export const cadenceWords: Record<Cadence, readonly string[]> = {
  weekly: ['每周', '周报', '每周一报', '周', 'weekly', 'week'],
  half_monthly: [
    '每半月',
    '半月报',
    '半月',
    '每半个月',
    'half-monthly',
    'half_monthly',
    'halfmonthly',
    'semimonthly',
  ],
  monthly: ['每月', '月报', '月', '每月一报', 'monthly', 'month'],
  quarterly: ['每季度', '季报', '季度', '每季', '每季一报', 'quarterly', 'quarter'],
};

/** The zh word an export writes for a cadence. */
export function cadenceLabel(c: Cadence): string {
  return cadenceWords[c][0]!;
}

/** The columns, in the order a template and an export write them. */
export const taskSheetColumns: readonly TaskSheetColumn[] = [
  {
    key: 'code',
    header: '编号',
    en: 'code',
    required: true,
    type: 'text',
    width: 12,
    note: '本行动内唯一，如 1.1、A-03；字母、数字和 . _ - / unique in the campaign',
  },
  {
    key: 'title',
    header: '任务名称',
    en: 'title',
    required: true,
    type: 'text',
    width: 40,
    note: '不超过 200 字 / at most 200 characters',
  },
  {
    key: 'category',
    header: '类别',
    en: 'category',
    required: false,
    type: 'text',
    width: 16,
    note: '如 项目建设、作风建设 / e.g. project, conduct',
  },
  {
    key: 'targetText',
    header: '目标任务',
    en: 'targetText',
    required: false,
    type: 'text',
    width: 40,
    note: '如 完成投资 73.89 亿元 / the target in words',
  },
  {
    key: 'targetValue',
    header: '目标值',
    en: 'targetValue',
    required: false,
    type: 'number',
    width: 12,
    note: '数字，如 73.89 / a number',
  },
  {
    key: 'targetUnit',
    header: '计量单位',
    en: 'targetUnit',
    required: false,
    type: 'text',
    width: 10,
    note: '如 亿元、公里、% / unit of the target value',
  },
  {
    key: 'leaders',
    header: '包保领导',
    en: 'leaders',
    required: true,
    type: 'text',
    width: 24,
    note: '人员姓名，多人用 、，,; 分隔；同名时写成 姓名（单位） / names; several separated by 、，,; — for namesakes write name（unit）',
  },
  {
    key: 'leadUnit',
    header: '牵头单位',
    en: 'leadUnit',
    required: true,
    type: 'text',
    width: 24,
    note: '单位全称；同名单位写成 名称（单位编码） / the unit name; for namesakes name（unit code）',
  },
  {
    key: 'cooperatingUnits',
    header: '配合单位',
    en: 'cooperatingUnits',
    required: false,
    type: 'text',
    width: 32,
    note: '单位全称，多个用 、，,; 分隔 / unit names, separated by 、，,;',
  },
  {
    key: 'start',
    header: '开始日期',
    en: 'start',
    required: true,
    type: 'date',
    width: 12,
    note: '2026-03-01、2026/3/1、2026年3月1日、2026.3.1 或 Excel 日期 / a date',
  },
  {
    key: 'deadline',
    header: '完成时限',
    en: 'deadline',
    required: true,
    type: 'date',
    width: 12,
    note: '不早于开始日期 / not before the start',
  },
  {
    key: 'milestones',
    header: '时间节点',
    en: 'milestones',
    required: false,
    type: 'text',
    width: 50,
    note: '日期: 内容，可加计划进度，多个用分号分隔：2026-05-31 (40%): 完成设计; 2026-08-31: 主体完工 / date: what, optionally (percent), separated by ;',
  },
  {
    key: 'cadence',
    header: '报送周期',
    en: 'cadence',
    required: true,
    type: 'text',
    width: 10,
    note: '每周、每半月、每月、每季度 / weekly, half-monthly, monthly, quarterly',
    choices: cadences.map(cadenceLabel),
  },
  {
    key: 'description',
    header: '任务描述',
    en: 'description',
    required: false,
    type: 'text',
    width: 50,
    note: '不超过 4000 字 / at most 4000 characters',
  },
];

/** The column header of a field of the task draft (`deadline` → 完成时限). */
export const columnOfDraftField: Record<string, TaskSheetKey> = {
  code: 'code',
  title: 'title',
  description: 'description',
  category: 'category',
  targetText: 'targetText',
  targetValue: 'targetValue',
  targetUnit: 'targetUnit',
  leaderIds: 'leaders',
  leadUnitId: 'leadUnit',
  cooperatingUnitIds: 'cooperatingUnits',
  start: 'start',
  deadline: 'deadline',
  milestones: 'milestones',
  cadence: 'cadence',
};

export function headerOf(key: TaskSheetKey): string {
  return taskSheetColumns.find((c) => c.key === key)!.header;
}

/** A cell as text: numbers without float noise, dates as `YYYY-MM-DD`, blank as ''. */
export function cellText(v: SheetCell): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return String(Number(v.toPrecision(15)));
  return v.trim();
}

const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const pad2 = (s: string) => s.padStart(2, '0');
const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/**
 * A date cell or text as `YYYY-MM-DD`, or null when it is not a real date.
 * Accepts Excel dates and serial numbers, `2026-03-01`, `2026/3/1`,
 * `2026年3月1日`, `2026.3.1` and `20260301`.
 */
export function parseSheetDate(v: SheetCell): IsoDate | null {
  if (v === null) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v >= 2_958_466) return null;
    return new Date(EXCEL_EPOCH + Math.floor(v) * DAY_MS).toISOString().slice(0, 10);
  }
  const t = v.normalize('NFKC').trim();
  const m = DATE_TEXT.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const iso = `${m[1]}-${pad2(m[2]!)}-${pad2(m[3]!)}`;
  return isIsoDate(iso) ? iso : null;
}

const cadenceByWord = new Map<string, Cadence>(
  cadences.flatMap((c) => cadenceWords[c].map((w) => [w.toLowerCase(), c] as const)),
);

/** 报送周期 from its word (每周/周报/weekly, 每半月/半月报/half-monthly, 每月/月报/monthly, 每季度/季报/quarterly). */
export function parseCadence(text: string): Cadence | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return cadenceByWord.get(t) ?? null;
}

/** A number cell, or a text such as `1,234.5`; null when it is not a number. */
export function parseSheetNumber(v: SheetCell): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.normalize('NFKC').replace(/[,\s]/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

export interface MilestoneText {
  date: IsoDate;
  title: string;
  percent?: number;
}

const MILESTONE =
  /^(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)\s*(?:[(（]\s*(\d+(?:\.\d+)?)\s*[%％]\s*[)）])?\s*[:：]?\s*(.*)$/s;

/**
 * 时间节点 from `2026-05-31: 完成设计; 2026-08-31 (40%): 主体完工`. Items are
 * separated by `;`, `；` or line breaks before a date, so a title may itself
 * hold a semicolon.
 */
export function parseMilestones(
  text: string,
): { ok: true; milestones: MilestoneText[] } | { ok: false; item: number; text: string; reason: Bilingual } {
  const t = text.normalize('NFC').trim();
  if (!t) return { ok: true, milestones: [] };
  const items = t
    .split(/[;；\n\r]+(?=\s*\d{4}\s*[-/.年])/)
    .map((s) =>
      s
        .trim()
        .replace(/[;；]+$/, '')
        .trim(),
    )
    .filter(Boolean);
  const milestones: MilestoneText[] = [];
  for (const [i, item] of items.entries()) {
    const m = MILESTONE.exec(item);
    const date = m ? parseSheetDate(m[1]!.replace(/\s+/g, '')) : null;
    const bad = (reason: Bilingual) => ({ ok: false as const, item: i + 1, text: item, reason });
    if (!m || !date) {
      return bad({ zh: '应写成“2026-05-31: 完成设计”', en: 'write it as “2026-05-31: design done”' });
    }
    const title = m[3]!.trim();
    if (!title) return bad({ zh: '缺少节点内容', en: 'the milestone has no title' });
    const percent = m[2] === undefined ? undefined : Number(m[2]);
    if (percent !== undefined && percent > 100) {
      return bad({ zh: '计划进度不能超过 100%', en: 'the planned percent cannot exceed 100%' });
    }
    milestones.push(percent === undefined ? { date, title } : { date, title, percent });
  }
  return { ok: true, milestones };
}

/** 时间节点 as an export writes them; `parseMilestones` reads this back to the same list. */
export function formatMilestones(ms: readonly MilestoneText[]): string {
  return ms
    .map((m) => `${m.date}${m.percent === undefined ? '' : ` (${m.percent}%)`}: ${m.title}`)
    .join('; ');
}

/** One thing wrong in one cell of a row. */
export interface CellProblem {
  column: TaskSheetKey;
  message: Bilingual;
  suggestions: string[];
}

/** Who and which units the names of a sheet may mean. */
export interface TaskSheetDirectories {
  people: Directory;
  units: Directory;
}

/**
 * Turns one row's cells into the input of the `taskDraft` schema, resolving
 * names to ids. Cells that cannot be read are reported and left out (so the
 * schema does not report them a second time); everything else — required
 * columns, lengths, dates in order — is the schema's to check.
 */
export function taskInputFromRow(
  cells: Partial<Record<TaskSheetKey, SheetCell>>,
  dirs: TaskSheetDirectories,
): { input: Record<string, unknown>; problems: CellProblem[] } {
  const input: Record<string, unknown> = {};
  const problems: CellProblem[] = [];
  const text = (k: TaskSheetKey) => cellText(cells[k] ?? null);
  const problem = (column: TaskSheetKey, zh: string, en: string, suggestions: string[] = []) =>
    problems.push({ column, message: { zh, en }, suggestions });

  for (const k of ['code', 'title', 'category', 'targetText', 'targetUnit', 'description'] as const) {
    if (text(k)) input[k] = text(k);
  }

  const value = cells.targetValue ?? null;
  if (value !== null) {
    const n = parseSheetNumber(value);
    if (n === null)
      problem('targetValue', `“${cellText(value)}”不是数字`, `“${cellText(value)}” is not a number`);
    else input.targetValue = n;
  }

  const resolveAll = (column: TaskSheetKey, dir: Directory, tokens: string[]): number[] | undefined => {
    const ids: number[] = [];
    for (const token of tokens) {
      const r = dir.resolve(token);
      if (r.ok) ids.push(r.id);
      else problems.push({ column, message: r.message, suggestions: r.suggestions });
    }
    return ids.length === tokens.length ? ids : undefined;
  };

  const leaders = splitNames(text('leaders'));
  if (leaders.length) input.leaderIds = resolveAll('leaders', dirs.people, leaders);
  const lead = splitNames(text('leadUnit'));
  if (lead.length > 1) {
    problem('leadUnit', '牵头单位只能填一个', 'Give one lead unit only; put the others under 配合单位');
  } else if (lead.length === 1) {
    input.leadUnitId = resolveAll('leadUnit', dirs.units, lead)?.[0];
  }
  const cooperating = splitNames(text('cooperatingUnits'));
  if (cooperating.length) input.cooperatingUnitIds = resolveAll('cooperatingUnits', dirs.units, cooperating);

  for (const k of ['start', 'deadline'] as const) {
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

  if (text('milestones')) {
    const r = parseMilestones(text('milestones'));
    if (r.ok) input.milestones = r.milestones;
    else {
      problem(
        'milestones',
        `第 ${r.item} 个节点“${r.text}”：${r.reason.zh}`,
        `Milestone ${r.item} “${r.text}”: ${r.reason.en}`,
      );
    }
  }

  if (text('cadence')) {
    const c = parseCadence(text('cadence'));
    if (c) input.cadence = c;
    else {
      problem(
        'cadence',
        `报送周期“${text('cadence')}”应为 每周、每半月、每月 或 每季度`,
        `Cadence “${text('cadence')}” must be weekly, half-monthly, monthly or quarterly`,
        cadences.map(cadenceLabel),
      );
    }
  }
  // Leave out what could not be read: its problem is already reported.
  for (const [k, v] of Object.entries(input)) if (v === undefined) delete input[k];
  return { input, problems };
}
