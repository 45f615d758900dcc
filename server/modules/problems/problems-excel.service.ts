import type { z } from 'zod';
import {
  problemDraft,
  type ProblemDraft,
  type ProblemSourceResponse,
  type ProblemSummary,
  type StatisticsQuery,
  type StatisticsResponse,
} from '../../../domain/contracts/problems.ts';
import type { SheetProblem } from '../../../domain/contracts/tasks.ts';
import { fail } from '../../../domain/errors.ts';
import {
  optionDirectory,
  problemCells,
  problemHeaderOf,
  problemInputFromRow,
  problemSheetColumns,
  columnOfProblemField,
  type ProblemSheetDirectories,
  type ProblemSheetKey,
} from '../../../domain/problems/problem-sheet.ts';
import { peopleDirectory, unitDirectory } from '../../../domain/tasks/task-sheet-names.ts';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { scopeOf, type Actor } from '../../http/actor.ts';
import { fieldErrorOf } from '../../http/errors.ts';
import { exportList, readSheet, writeSheet, type CellValue } from '../../lib/xlsx/index.ts';
import type { CategoryRow } from '../problem-settings/problem-settings.repository.ts';
import * as settings from '../problem-settings/problem-settings.repository.ts';
import * as repo from './problems-excel.repository.ts';

/** Most problem rows one sheet may hold. */
export const PROBLEM_SHEET_MAX_ROWS = 5000;
/** Most problems listed; a last entry says how many more there were. */
const MAX_LISTED = 500;
const SHEET_NAME = '问题清单';

const statusZh: Record<ProblemSummary['status'], string> = {
  assigned: '已交办',
  rectifying: '整改中',
  closing_claimed: '申请销号',
  returned: '退回重改',
  closed: '已销号',
  dismissed: '不属实',
  merged: '已合并',
};
const scheduleZh: Record<ProblemSummary['schedule'], string> = {
  on_schedule: '按序时推进',
  behind: '滞后',
  overdue: '超期',
  rectified: '已整改',
  void: '—',
};

/** What the names of a problem sheet are checked against. */
export interface ProblemSheetLookups {
  units: readonly { id: number; name: string; code: string }[];
  people: readonly { id: number; name: string; username: string; unitName: string; unitId: number }[];
  sources: readonly ProblemSourceResponse[];
  categories: readonly CategoryRow[];
}

/**
 * The units (those in the recording scope of the importer: office or
 * inspector), people, active sources and active categories a sheet may name.
 * With `actor` null every unit is named (exports).
 */
export async function loadProblemSheetLookups(db: Tx, actor: Actor | null): Promise<ProblemSheetLookups> {
  const scope = actor ? scopeOf(actor, ['office', 'inspector']) : ['/'];
  const [units, people, sources, categories] = await Promise.all([
    repo.unitsIn(db, scope),
    repo.activePeople(db),
    settings.listSources(db),
    settings.listCategories(db),
  ]);
  return { units, people, sources, categories };
}

/** The directories of a sheet: `all` names inactive sources and categories too (to write an export). */
function directories(l: ProblemSheetLookups, all = false): ProblemSheetDirectories {
  const sources = l.sources.filter((s) => all || s.active);
  const cats = l.categories.filter((c) => all || c.active);
  const byId = new Map(l.categories.map((c) => [c.id, c]));
  const sameName = (c: CategoryRow) => cats.filter((o) => o.nameZh === c.nameZh).length;
  const catLabel = (c: CategoryRow) => {
    const parent = c.parentId === null ? undefined : byId.get(c.parentId);
    return sameName(c) > 1 && parent ? `${parent.nameZh}/${c.nameZh}` : c.nameZh;
  };
  return {
    units: unitDirectory(l.units),
    people: peopleDirectory(l.people),
    sources: optionDirectory(
      sources.map((s) => ({ id: s.id, label: s.nameZh, names: [[s.nameZh], [s.nameEn], [s.code]] })),
      { zh: '问题来源', en: 'problem source' },
    ),
    categories: optionDirectory(
      cats.map((c) => {
        const parent = c.parentId === null ? undefined : byId.get(c.parentId);
        return {
          id: c.id,
          label: catLabel(c),
          names: [[c.nameZh, ...(parent ? [`${parent.nameZh}/${c.nameZh}`] : [])], [c.nameEn], [c.code]],
        };
      }),
      { zh: '问题类别', en: 'category' },
    ),
  };
}

const zhOfMessage: Record<string, string> = {
  'must not be before the day it was found': '不能早于发现时间',
  'only a long-term problem has stage targets': '只有长期整改问题才填写阶段目标',
  'a long-term problem needs at least one stage target': '长期整改问题至少要有一个阶段目标',
  'every stage must fall between the day found and the deadline': '阶段目标须在发现时间和整改时限之间',
  'must not contain control characters': '不能包含控制字符',
  'must be a calendar date YYYY-MM-DD': '日期无效',
};

const columnIndex = (header: string | null) => {
  const i = problemSheetColumns.findIndex((c) => c.header === header);
  return i < 0 ? problemSheetColumns.length : i;
};

function problemOfIssue(row: number, issue: z.core.$ZodIssue): SheetProblem {
  const key = columnOfProblemField[String(issue.path[0] ?? '')];
  const fe = fieldErrorOf(issue, '');
  const required = issue.code === 'invalid_type' && issue.input === undefined;
  return {
    row,
    column: key ? problemHeaderOf(key) : null,
    message: { zh: zhOfMessage[issue.message] ?? fe.message.zh, en: required ? 'Required' : issue.message },
    suggestions: [],
  };
}

/** Values that pass every cross-field rule of `problemDraft`, standing in for fields already found wrong. */
const neutral: Record<string, unknown> = {
  description: 'X',
  sourceId: 2_147_483_647,
  categoryIds: [],
  foundOn: '1000-01-01',
  foundBy: '',
  unitId: 2_147_483_647,
  personId: null,
  severity: 'general',
  deadline: '9999-12-31',
  longTerm: false,
  stages: [],
};

/**
 * Validates one row's input with `problemDraft`. Zod checks the cross-field
 * rules (deadline after the day found, stages of long-term problems) only once
 * every field is valid, so a second pass puts neutral values in place of the
 * fields found wrong to report the cross-field problems among the rest too.
 * Fields whose cells were already reported (`failed`) are not reported again.
 */
function validateDraft(
  input: Record<string, unknown>,
  failed: ReadonlySet<ProblemSheetKey>,
): { draft?: ProblemDraft; issues: z.core.$ZodIssue[] } {
  const first = problemDraft.safeParse(input);
  if (first.success) return { draft: first.data, issues: [] };
  const fieldOf = (issue: z.core.$ZodIssue) => String(issue.path[0] ?? '');
  const reported = (issue: z.core.$ZodIssue) => {
    const key = columnOfProblemField[fieldOf(issue)];
    return key !== undefined && failed.has(key);
  };
  const issues = first.error.issues.filter((i) => !reported(i));
  const bad = new Set(first.error.issues.map(fieldOf));
  const patched = { ...input };
  for (const [field, key] of Object.entries(columnOfProblemField)) {
    if (bad.has(field) || failed.has(key)) patched[field] = neutral[field];
  }
  const second = problemDraft.safeParse(patched);
  if (!second.success) {
    const seen = new Set(issues.map((i) => `${i.path.join('.')}|${i.message}`));
    for (const i of second.error.issues) {
      if (!reported(i) && !seen.has(`${i.path.join('.')}|${i.message}`)) issues.push(i);
    }
  }
  return { issues };
}

export type ProblemSheetParse =
  | { ok: true; rows: { row: number; draft: ProblemDraft }[] }
  | { ok: false; problems: SheetProblem[]; total: number };

/**
 * Reads an uploaded findings sheet into problem drafts, all or nothing.
 * Sheet-level failures (not xlsx, encrypted, zip bomb, bad header, formulas,
 * empty, too many rows) throw their catalogue code. Otherwise every row is
 * checked — names resolved with suggestions, the responsible person a member
 * of the responsible unit, each row validated with `problemDraft` — and every
 * problem of every row is listed (at most 500, then how many more).
 */
export async function parseProblemSheet(
  buffer: Buffer,
  lookups: ProblemSheetLookups,
): Promise<ProblemSheetParse> {
  const sheet = await readSheet(buffer, { columns: problemSheetColumns, maxRows: PROBLEM_SHEET_MAX_ROWS });
  const dirs = directories(lookups);
  const unitOfPerson = new Map(lookups.people.map((p) => [p.id, p.unitId]));
  const problems: SheetProblem[] = [];
  const rows: { row: number; draft: ProblemDraft }[] = [];
  for (const { row, cells } of sheet.rows) {
    const { input, problems: cellProblems } = problemInputFromRow(cells, dirs);
    const failed = new Set<ProblemSheetKey>(cellProblems.map((p) => p.column));
    const rowProblems: SheetProblem[] = cellProblems.map((p) => ({
      row,
      column: problemHeaderOf(p.column),
      message: p.message,
      suggestions: p.suggestions,
    }));
    if (
      typeof input.personId === 'number' &&
      typeof input.unitId === 'number' &&
      unitOfPerson.get(input.personId) !== input.unitId
    ) {
      rowProblems.push({
        row,
        column: problemHeaderOf('person'),
        message: {
          zh: `“${String(cells.person)}”不是“${String(cells.unit)}”的人员`,
          en: `“${String(cells.person)}” is not in “${String(cells.unit)}”`,
        },
        suggestions: [],
      });
    }
    const { draft, issues } = validateDraft(input, failed);
    if (draft && rowProblems.length === 0) rows.push({ row, draft });
    rowProblems.push(...issues.map((issue) => problemOfIssue(row, issue)));
    problems.push(...rowProblems.sort((a, b) => columnIndex(a.column) - columnIndex(b.column)));
  }
  if (problems.length === 0) return { ok: true, rows };
  const total = problems.length;
  const listed = problems.slice(0, MAX_LISTED);
  if (total > MAX_LISTED) {
    const more = total - MAX_LISTED;
    listed.push({
      row: null,
      column: null,
      message: { zh: `另有 ${more} 个问题未列出`, en: `${more} more problems are not listed` },
      suggestions: [],
    });
  }
  return { ok: false, problems: listed, total };
}

/** `parseProblemSheet` for an import: the drafts, or 422 `sheet_rows_invalid` with `detail.problems`. */
export async function readProblemSheet(buffer: Buffer, lookups: ProblemSheetLookups) {
  const r = await parseProblemSheet(buffer, lookups);
  if (!r.ok) throw fail('sheet_rows_invalid', 'file', { problems: r.problems, total: r.total });
  return r.rows;
}

const NOTES = [
  '每行填写一个问题，带 * 的列必填。表头文字不要修改；列的顺序可以调整，其他列在导入时忽略。',
  'One problem per row; columns marked * are required. Keep the header texts; columns may be reordered and extra columns are ignored.',
  '问题来源填来源名称（如 巡视、督查、审计、自查自纠）；问题类别可填多个，用 ；分隔。',
  '日期可写成 2026-03-01、2026/3/1、2026年3月1日，或使用 Excel 日期格式。',
  '长期整改填“是”时须填写阶段目标，写成“日期 (计划进度%): 内容”，多个用分号分隔，例如：2026-06-30 (50%): 完成主体整改; 2026-12-31: 全面销号。',
  '表中不能有公式（请“粘贴为数值”）。只要有一处错误，整张表都不导入，并列出每个错误所在的行和列及可能的正确写法。',
  'No formulas (paste values). If any row has an error nothing is imported, and every error is listed by row and column with suggestions.',
];

/** The columns with the sources of the installation as the source column's drop-down. */
function columnsWithSources(sources: readonly ProblemSourceResponse[]) {
  return problemSheetColumns.map((c) =>
    c.key === 'source' ? { ...c, choices: sources.filter((s) => s.active).map((s) => s.nameZh) } : c,
  );
}

/** The blank findings sheet: headers (required marked *), one example row, drop-downs, and the notes sheet. */
export function problemTemplate(lookups: ProblemSheetLookups): Promise<Buffer> {
  const example: Record<ProblemSheetKey, CellValue> = {
    description: '（示例，导入前请删除此行）群众反映办事窗口推诿扯皮，一件事跑多次',
    source: '督查',
    categories: '不作为；形式主义',
    foundOn: '2026-03-15',
    foundBy: '区委第一督查组',
    unit: '区政务服务办',
    person: null,
    severity: '较重',
    deadline: '2026-05-31',
    longTerm: '否',
    stages: null,
  };
  return writeSheet({
    sheetName: SHEET_NAME,
    columns: columnsWithSources(lookups.sources),
    rows: [example],
    notes: {
      lines: [...NOTES, '第 2 行是示例，导入前请删除。 Row 2 is an example: delete it before importing.'],
    },
    markRequired: true,
    choiceRows: 1000,
  });
}

/** A problem as it is exported: its draft, and the read-only facts written after the import columns. */
export interface ExportedProblem {
  draft: ProblemDraft;
  summary: ProblemSummary;
  measures: string;
}

/**
 * Exports problems in the columns and formats the import reads (so the sheet
 * imports back to the same drafts), followed by read-only columns the import
 * ignores: number, status, schedule, measures, returns and rebounds.
 */
export function writeProblemSheet(items: readonly ExportedProblem[], lookups: ProblemSheetLookups) {
  const dirs = directories(lookups, true);
  const extra = [
    { key: 'id', header: '编号', en: 'number', type: 'number' as const, width: 10 },
    { key: 'status', header: '状态', en: 'status', width: 10 },
    { key: 'schedule', header: '整改进度', en: 'schedule', width: 12 },
    { key: 'measures', header: '整改措施', en: 'measures', width: 50 },
    { key: 'returns', header: '退回次数', en: 'returns', type: 'number' as const, width: 10 },
    { key: 'rebounds', header: '反弹次数', en: 'rebounds', type: 'number' as const, width: 10 },
  ];
  return writeSheet({
    sheetName: SHEET_NAME,
    columns: [...problemSheetColumns, ...extra],
    rows: items.map((p) => ({
      ...problemCells(p.draft, dirs),
      id: p.summary.id,
      status: statusZh[p.summary.status],
      schedule: scheduleZh[p.summary.schedule],
      measures: p.measures,
      returns: p.summary.returnCount,
      rebounds: p.summary.reboundCount,
    })),
    notes: { lines: NOTES },
  });
}

/** Drafts of stored problems, in the order given. */
export async function draftsOf(db: Tx, ids: readonly number[]): Promise<Map<number, ProblemDraft>> {
  const rows = await repo.draftRows(db, ids);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        description: r.description,
        sourceId: r.sourceId,
        categoryIds: r.categoryIds,
        foundOn: r.foundOn,
        foundBy: r.foundBy,
        unitId: r.unitId,
        personId: r.personId,
        severity: r.severity,
        deadline: r.deadline,
        longTerm: r.longTerm,
        stages: r.stages,
      },
    ]),
  );
}

/** 负面清单 as a workbook: one row per open problem, measures written one per line. */
export function writeNegativeList(list: {
  unit: { name: string };
  asOf: string;
  items: readonly {
    id: number;
    description: string;
    unit: { name: string };
    source: { name: string };
    categories: readonly { name: string }[];
    foundOn: string;
    deadline: string;
    status: ProblemSummary['status'];
    overdue: boolean;
    person: { name: string } | null;
    measures: readonly { text: string; owner: string; dueOn: string; done: boolean }[];
  }[];
}): Promise<Buffer> {
  type Item = (typeof list.items)[number];
  return exportList<Item>(
    list.items,
    [
      { header: '编号', en: 'number', type: 'number', width: 10, value: (p) => p.id },
      { header: '责任单位', en: 'unit', width: 20, value: (p) => p.unit.name },
      { header: '问题描述', en: 'description', width: 50, value: (p) => p.description },
      { header: '问题来源', en: 'source', width: 14, value: (p) => p.source.name },
      {
        header: '问题类别',
        en: 'categories',
        width: 20,
        value: (p) => p.categories.map((c) => c.name).join('；'),
      },
      { header: '发现时间', en: 'found on', type: 'date', value: (p) => p.foundOn },
      {
        header: '整改措施',
        en: 'measures',
        width: 50,
        value: (p) => p.measures.map((m, i) => `${i + 1}. ${m.text}${m.done ? '（已完成）' : ''}`).join('\n'),
      },
      {
        header: '措施责任人',
        en: 'owners',
        width: 16,
        value: (p) => [...new Set(p.measures.map((m) => m.owner))].join('、'),
      },
      { header: '责任人', en: 'person', width: 10, value: (p) => p.person?.name ?? '' },
      { header: '整改时限', en: 'deadline', type: 'date', value: (p) => p.deadline },
      { header: '状态', en: 'status', width: 10, value: (p) => statusZh[p.status] },
      { header: '是否超期', en: 'overdue', width: 10, value: (p) => (p.overdue ? '超期' : '') },
    ],
    {
      sheetName: `${list.unit.name}负面清单`,
      notes: {
        lines: [
          `${list.unit.name} 负面清单（截至 ${list.asOf}）：未销号的问题，每个问题的整改措施、责任人和整改时限。`,
          `Negative list of ${list.unit.name} as of ${list.asOf}: its open problems with measures, owners and deadlines.`,
        ],
      },
    },
  );
}

/** Measures as one cell of an export. */
export function measuresText(ms: readonly { text: string; owner: string; dueOn: string; done: boolean }[]) {
  return ms
    .map((m, i) => `${i + 1}. ${m.text}（${m.owner}，${m.dueOn}${m.done ? '，已完成' : ''}）`)
    .join('\n');
}

const statisticsGroupZh: Record<StatisticsResponse['groupBy'], string> = {
  unit: '单位',
  category: '问题类别',
  source: '问题来源',
  campaign: '专项行动',
  month: '月份',
};

/**
 * 问题统计导出: the statistics as they are shown, one row per group and a
 * total row last, with a notes sheet naming the grouping, the filters and the
 * date overdue and on-schedule were judged on.
 */
export function writeStatistics(s: StatisticsResponse, filters: readonly string[]): Promise<Buffer> {
  type Row = StatisticsResponse['rows'][number];
  const n = (header: string, en: string, value: (r: Row) => number | null) =>
    ({ header, en, type: 'number', width: 10, value }) as const;
  const totalRow: Row = { ...s.total, key: { id: null, name: '合计' } };
  return exportList<Row>(
    [...s.rows, totalRow],
    [
      { header: statisticsGroupZh[s.groupBy], en: s.groupBy, width: 24, value: (r) => r.key.name },
      n('发现问题', 'found', (r) => r.found),
      n('已整改销号', 'closed', (r) => r.closed),
      n('整改销号率(%)', 'closing rate (%)', (r) => r.closingRate),
      n('未销号', 'open', (r) => r.open),
      n('超期', 'overdue', (r) => r.overdue),
      n('按序时推进', 'on schedule', (r) => r.onSchedule),
      n('滞后', 'behind', (r) => r.behind),
      n('退回重改(个)', 'returned', (r) => r.returned),
      n('退回次数', 'returns', (r) => r.returns),
      n('反弹(个)', 'rebound', (r) => r.rebound),
      n('反弹次数', 'rebounds', (r) => r.rebounds),
      n('不属实', 'dismissed', (r) => r.dismissed),
      n('合并重复', 'merged', (r) => r.merged),
    ],
    {
      sheetName: `问题统计（按${statisticsGroupZh[s.groupBy]}）`,
      notes: {
        lines: [
          `问题统计，按${statisticsGroupZh[s.groupBy]}分组，截至 ${s.asOf}（超期、按序时推进按此日判断）。` +
            '发现问题不含不属实和合并重复的问题；整改销号率 = 已整改销号 ÷ 发现问题。',
          `Problem statistics grouped by ${s.groupBy}, as of ${s.asOf} (overdue and on schedule are judged on that day). ` +
            'Found excludes dismissed and merged duplicates; closing rate = closed ÷ found.',
          ...(filters.length > 0 ? [`筛选条件 Filters: ${filters.join('；')}`] : []),
        ],
      },
    },
  );
}

/** The filters of a statistics query in words (names, not ids), for the export's notes. */
export async function statisticsFilterWords(db: Tx, q: StatisticsQuery): Promise<string[]> {
  const r = await db.execute<{
    campaign: string | null;
    source: string | null;
    category: string | null;
    unit: string | null;
    under: string | null;
  }>(sql`
    SELECT (SELECT name FROM campaigns WHERE id = ${q.campaignId ?? null}::int) AS campaign,
           (SELECT name_zh FROM problem_sources WHERE id = ${q.sourceId ?? null}::int) AS source,
           (SELECT name_zh FROM problem_categories WHERE id = ${q.categoryId ?? null}::int) AS category,
           (SELECT name FROM units WHERE id = ${q.unitId ?? null}::int) AS unit,
           (SELECT name FROM units WHERE id = ${q.underUnitId ?? null}::int) AS under`);
  const x = r.rows[0]!;
  const out: string[] = [];
  if (x.campaign) out.push(`专项行动 ${x.campaign}`);
  if (x.source) out.push(`问题来源 ${x.source}`);
  if (x.category) out.push(`问题类别 ${x.category}`);
  if (x.unit) out.push(`单位 ${x.unit}（含下级）`);
  if (x.under) out.push(`${x.under}的直属下级单位`);
  if (q.foundFrom || q.foundTo) out.push(`发现时间 ${q.foundFrom ?? '…'} 至 ${q.foundTo ?? '…'}`);
  return out;
}
