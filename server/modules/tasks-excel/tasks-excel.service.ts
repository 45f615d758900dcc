import type { z } from 'zod';
import { taskDraft, type SheetProblem, type TaskDraft } from '../../../domain/contracts/tasks.ts';
import { fail } from '../../../domain/errors.ts';
import {
  peopleDirectory,
  unitDirectory,
  type PersonRef,
  type UnitRef,
} from '../../../domain/tasks/task-sheet-names.ts';
import {
  cadenceLabel,
  columnOfDraftField,
  formatMilestones,
  headerOf,
  taskInputFromRow,
  taskSheetColumns,
  type TaskSheetKey,
} from '../../../domain/tasks/task-sheet.ts';
import type { Tx } from '../../db/client.ts';
import { fieldErrorOf } from '../../http/errors.ts';
import { readSheet } from '../../lib/xlsx/read-sheet.ts';
import type { CellValue } from '../../lib/xlsx/sheet-column.ts';
import { writeSheet } from '../../lib/xlsx/write-sheet.ts';
import * as repo from './tasks-excel.repository.ts';

/** What the names and codes of a task sheet are checked against. */
export interface TaskSheetLookups {
  units: readonly UnitRef[];
  people: readonly PersonRef[];
  /** Codes already used in the campaign the sheet is imported into. */
  existingCodes: ReadonlySet<string>;
}

export type TaskSheetParse =
  | { ok: true; rows: { row: number; draft: TaskDraft }[] }
  | { ok: false; problems: SheetProblem[]; total: number };

/** Most task rows one sheet may hold. */
export const TASK_SHEET_MAX_ROWS = 5000;
/** Most problems listed; a last entry says how many more there were. */
export const MAX_LISTED_PROBLEMS = 500;

const SHEET_NAME = '任务清单';

/** zh for the refinement messages of the task contracts (their en is the message itself). */
const zhOfMessage: Record<string, string> = {
  'must not be before the start': '不能早于开始日期',
  'every milestone must fall between the start and the deadline': '时间节点须在开始日期和完成时限之间',
  'the lead unit cannot also cooperate': '牵头单位不能同时是配合单位',
  'must not repeat an id': '不能重复填写同一个人或单位',
  'letters, digits, . _ - only': '只能包含字母、数字和 . _ -',
  'must not contain control characters': '不能包含控制字符',
  'must be a calendar date YYYY-MM-DD': '日期无效',
};

const columnIndex = (header: string | null) => {
  const i = taskSheetColumns.findIndex((c) => c.header === header);
  return i < 0 ? taskSheetColumns.length : i;
};

function problemOfIssue(row: number, issue: z.core.$ZodIssue): SheetProblem {
  const field = String(issue.path[0] ?? '');
  const key = columnOfDraftField[field];
  const fe = fieldErrorOf(issue, '');
  const required = issue.code === 'invalid_type' && issue.input === undefined;
  let zh = zhOfMessage[issue.message] ?? fe.message.zh;
  let en = required ? 'Required' : issue.message;
  if (field === 'milestones' && typeof issue.path[1] === 'number') {
    zh = `第 ${issue.path[1] + 1} 个节点：${zh}`;
    en = `Milestone ${issue.path[1] + 1}: ${en}`;
  }
  return { row, column: key ? headerOf(key) : null, message: { zh, en }, suggestions: [] };
}

/** Values that pass every cross-field rule of `taskDraft`, standing in for fields already found wrong. */
const neutral: Record<string, unknown> = {
  code: 'X',
  title: 'X',
  description: '',
  category: '',
  targetText: '',
  targetValue: null,
  targetUnit: null,
  leaderIds: [2_147_483_647],
  leadUnitId: 2_147_483_647,
  cooperatingUnitIds: [],
  start: '1000-01-01',
  deadline: '9999-12-31',
  milestones: [],
  cadence: 'monthly',
};

/**
 * Validates one row's input with `taskDraft`. Zod checks cross-field rules
 * (deadline after start, milestones inside the period…) only once every
 * field is valid, so when some are not, a second pass puts neutral values in
 * their place to report the cross-field problems among the rest too. Fields
 * whose cells were already reported (`failed`) are not reported again.
 */
function validateDraft(
  input: Record<string, unknown>,
  failed: ReadonlySet<TaskSheetKey>,
): { draft?: TaskDraft; issues: z.core.$ZodIssue[] } {
  const first = taskDraft.safeParse(input);
  if (first.success) return { draft: first.data, issues: [] };
  const fieldOf = (issue: z.core.$ZodIssue) => String(issue.path[0] ?? '');
  const reported = (issue: z.core.$ZodIssue) => {
    const key = columnOfDraftField[fieldOf(issue)];
    return key !== undefined && failed.has(key);
  };
  const issues = first.error.issues.filter((i) => !reported(i));
  const patched = { ...input };
  const bad = new Set(first.error.issues.map(fieldOf));
  for (const [field, key] of Object.entries(columnOfDraftField)) {
    if (bad.has(field) || failed.has(key)) patched[field] = neutral[field];
  }
  const second = taskDraft.safeParse(patched);
  if (!second.success) {
    const seen = new Set(issues.map((i) => `${i.path.join('.')}|${i.message}`));
    for (const i of second.error.issues) {
      if (!reported(i) && !seen.has(`${i.path.join('.')}|${i.message}`)) issues.push(i);
    }
  }
  return { issues };
}

/**
 * Reads an uploaded task sheet into task drafts, all or nothing. Sheet-level
 * failures (not xlsx, encrypted, bad header, formulas, empty, too many rows,
 * too large) throw their catalogue code. Otherwise every row of the sheet is
 * checked — names resolved (with suggestions for unknown names and
 * namesakes), each row validated with `taskDraft`, codes unique within the
 * file and unused in the campaign — and every problem of every row is listed
 * (at most 500, then one line saying how many more).
 */
export async function parseTaskSheet(buffer: Buffer, lookups: TaskSheetLookups): Promise<TaskSheetParse> {
  const sheet = await readSheet(buffer, { columns: taskSheetColumns, maxRows: TASK_SHEET_MAX_ROWS });
  const dirs = { people: peopleDirectory(lookups.people), units: unitDirectory(lookups.units) };
  const problems: SheetProblem[] = [];
  const rows: { row: number; draft: TaskDraft }[] = [];
  const firstRowOfCode = new Map<string, number>();

  for (const { row, cells } of sheet.rows) {
    const { input, problems: cellProblems } = taskInputFromRow(cells, dirs);
    const failed = new Set<TaskSheetKey>(cellProblems.map((p) => p.column));
    const rowProblems: SheetProblem[] = cellProblems.map((p) => ({
      row,
      column: headerOf(p.column),
      message: p.message,
      suggestions: p.suggestions,
    }));
    const code = typeof input.code === 'string' ? input.code : null;
    if (code !== null) {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) {
        rowProblems.push({
          row,
          column: headerOf('code'),
          message: { zh: `编号“${code}”与第 ${first} 行重复`, en: `Code “${code}” repeats row ${first}` },
          suggestions: [],
        });
      } else firstRowOfCode.set(code, row);
      if (lookups.existingCodes.has(code)) {
        rowProblems.push({
          row,
          column: headerOf('code'),
          message: {
            zh: `编号“${code}”在本行动中已被使用`,
            en: `Code “${code}” is already used in this campaign`,
          },
          suggestions: [],
        });
      }
    }
    const { draft, issues } = validateDraft(input, failed);
    if (draft && rowProblems.length === 0) rows.push({ row, draft });
    rowProblems.push(...issues.map((issue) => problemOfIssue(row, issue)));
    problems.push(...rowProblems.sort((a, b) => columnIndex(a.column) - columnIndex(b.column)));
  }
  if (problems.length === 0) return { ok: true, rows };
  const total = problems.length;
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  if (total > MAX_LISTED_PROBLEMS) {
    const more = total - MAX_LISTED_PROBLEMS;
    listed.push({
      row: null,
      column: null,
      message: { zh: `另有 ${more} 个问题未列出`, en: `${more} more problems are not listed` },
      suggestions: [],
    });
  }
  return { ok: false, problems: listed, total };
}

/**
 * `parseTaskSheet` for a caller that imports: the drafts, or the 422
 * `sheet_rows_invalid` whose problem+json carries `detail.problems` and `detail.total`.
 */
export async function readTaskSheet(
  buffer: Buffer,
  lookups: TaskSheetLookups,
): Promise<{ row: number; draft: TaskDraft }[]> {
  const r = await parseTaskSheet(buffer, lookups);
  if (!r.ok) throw fail('sheet_rows_invalid', 'file', { problems: r.problems, total: r.total });
  return r.rows;
}

/**
 * The units, people and used codes a sheet for `campaignId` is checked
 * against. With `leadersOnly`, 包保领导 must hold the `leader` role.
 */
export async function loadTaskSheetLookups(
  db: Tx,
  campaignId: number | null,
  opts: { leadersOnly?: boolean } = {},
): Promise<TaskSheetLookups> {
  const [units, people, codes] = await Promise.all([
    repo.activeUnits(db),
    repo.activePeople(db, opts.leadersOnly ?? false),
    campaignId === null ? Promise.resolve([]) : repo.campaignTaskCodes(db, campaignId),
  ]);
  return { units, people, existingCodes: new Set(codes) };
}

const NOTES = [
  '每行填写一项任务，带 * 的列必填。表头文字不要修改；列的顺序可以调整，其他列在导入时忽略。',
  'One task per row; columns marked * are required. Keep the header texts; columns may be reordered and extra columns are ignored.',
  '日期可写成 2026-03-01、2026/3/1、2026年3月1日、2026.3.1，或使用 Excel 日期格式。',
  '包保领导填人员姓名，配合单位填单位全称，多个用 、，,; 分隔；同名人员写成“姓名（单位）”，同名单位写成“名称（单位编码）”。',
  '时间节点写成“日期: 内容”，可在日期后加计划进度“(40%)”，多个节点用分号分隔，例如：2026-05-31 (40%): 完成设计; 2026-08-31: 主体完工。',
  '报送周期：每周、每半月、每月、每季度（也可写周报、半月报、月报、季报）。',
  '表中不能有公式（请“粘贴为数值”）。只要有一处错误，整张表都不导入，并列出每个错误所在的行和列及可能的正确写法。',
  'No formulas (paste values). If any row has an error nothing is imported, and every error is listed by row and column with suggestions.',
];

/** A task draft as the cells of one sheet row, names written so they resolve back to the same ids. */
function cellsOf(
  t: TaskDraft,
  dirs: { people: ReturnType<typeof peopleDirectory>; units: ReturnType<typeof unitDirectory> },
): Record<TaskSheetKey, CellValue> {
  const person = (id: number) => dirs.people.label(id) ?? `#${id}`;
  const unit = (id: number) => dirs.units.label(id) ?? `#${id}`;
  return {
    code: t.code,
    title: t.title,
    category: t.category,
    targetText: t.targetText,
    targetValue: t.targetValue,
    targetUnit: t.targetUnit,
    leaders: t.leaderIds.map(person).join('、'),
    leadUnit: unit(t.leadUnitId),
    cooperatingUnits: t.cooperatingUnitIds.map(unit).join('、'),
    start: t.start,
    deadline: t.deadline,
    milestones: formatMilestones(t.milestones),
    cadence: cadenceLabel(t.cadence),
    description: t.description,
  };
}

/**
 * Exports tasks in exactly the columns and formats the import reads, so an
 * exported sheet imports back to the same drafts. Namesakes are written as
 * `姓名（单位）` / `名称（编码）`.
 */
export function writeTaskSheet(
  tasks: readonly TaskDraft[],
  lookups: Pick<TaskSheetLookups, 'units' | 'people'>,
): Promise<Buffer> {
  const dirs = { people: peopleDirectory(lookups.people), units: unitDirectory(lookups.units) };
  return writeSheet({
    sheetName: SHEET_NAME,
    columns: taskSheetColumns,
    rows: tasks.map((t) => cellsOf(t, dirs)),
    notes: { lines: NOTES },
  });
}

/** The blank task sheet: headers (required ones marked *), one example row, drop-downs, and the notes sheet. */
export function taskTemplate(): Promise<Buffer> {
  const example: Record<TaskSheetKey, CellValue> = {
    code: '1.1',
    title: '（示例，导入前请删除此行）完成城市更新项目主体工程',
    category: '项目建设',
    targetText: '完成投资 73.89 亿元',
    targetValue: 73.89,
    targetUnit: '亿元',
    leaders: '张三、李四（区政府办公室）',
    leadUnit: '区住房城乡建委',
    cooperatingUnits: '区财政局、区规划自然资源局',
    start: '2026-03-01',
    deadline: '2026-12-31',
    milestones: '2026-05-31 (40%): 完成设计; 2026-08-31: 主体完工',
    cadence: '每月',
    description: '按倒排工期推进，每月报送进度。',
  };
  return writeSheet({
    sheetName: SHEET_NAME,
    columns: taskSheetColumns,
    rows: [example],
    notes: {
      lines: [...NOTES, '第 2 行是示例，导入前请删除。 Row 2 is an example: delete it before importing.'],
    },
    markRequired: true,
    choiceRows: 1000,
  });
}
