import { sql } from 'drizzle-orm';
import type { SheetProblem } from '../../../domain/contracts/tasks.ts';
import { fail, type FieldIssue } from '../../../domain/errors.ts';
import { periodLabel, type EvaluationPeriod } from '../../../domain/evaluation/period.ts';
import { Ratio } from '../../../domain/evaluation/ratio.ts';
import { grades, type Indicator, type WeightedIndicator } from '../../../domain/evaluation/scheme.ts';
import { withDates, type Db, type Transaction, type Tx } from '../../db/client.ts';
import { readSheet, writeSheet, type CellValue, type SheetColumn } from '../../lib/xlsx/index.ts';
import { recordChange } from '../audit/audit.repository.ts';
import { resolvePeriod } from './boards.service.ts';
import { loadScheme, type Call } from './schemes.service.ts';
import { membersOf, type SchemeRow } from './schemes.repository.ts';

/** Most rows a score sheet may hold. */
export const VALUES_SHEET_MAX_ROWS = 5000;

const enteredOf = (s: SchemeRow) =>
  (s.content.indicators as Indicator[]).filter((i): i is WeightedIndicator => i.source === 'entered');

/** A value as stored: a grade letter for a graded indicator, a decimal for a score; null when it does not fit. */
export function normaliseValue(ind: WeightedIndicator, v: string | number): string | null {
  if (ind.gradePoints) {
    const g = String(v).trim().toUpperCase();
    return (grades as readonly string[]).includes(g) ? g : null;
  }
  const r = Ratio.tryOf(typeof v === 'string' ? v.trim() : v);
  return r ? (r.toDecimal() ?? null) : null;
}

interface ValueRow extends Record<string, unknown> {
  id: number;
  unitId: number;
  unitName: string;
  indicatorId: string;
  value: string;
  note: string;
  origin: 'typed' | 'import';
  enteredAt: Date;
  enteredBy: string | null;
}

async function valueRows(db: Tx, schemeId: number, period: string): Promise<ValueRow[]> {
  const r = await db.execute<ValueRow>(sql`SELECT v.id, v.unit_id AS "unitId", u.name AS "unitName",
      v.indicator_id AS "indicatorId", v.value, v.note, v.origin, v.entered_at AS "enteredAt", p.name AS "enteredBy"
    FROM evaluation_values v JOIN units u ON u.id = v.unit_id LEFT JOIN people p ON p.id = v.entered_by
    WHERE v.scheme_id = ${schemeId} AND v.period = ${period} ORDER BY u.sort, u.id, v.indicator_id`);
  return withDates(r.rows, 'enteredAt');
}

/** 录入得分: the entered scores and grades of a period, with the units and indicators they are for. */
export async function listValues(db: Tx, schemeId: number, periodKey: string) {
  const scheme = await loadScheme(db, schemeId);
  const period = resolvePeriod(scheme.periodKind, periodKey, 'query.period');
  const [members, rows] = await Promise.all([
    membersOf(db, scheme.peerGroupId),
    valueRows(db, schemeId, period.key),
  ]);
  return {
    period: {
      kind: period.kind,
      key: period.key,
      start: period.start,
      end: period.end,
      label: periodLabel(period),
    },
    indicators: enteredOf(scheme).map((i) => ({
      id: i.id,
      name: i.name,
      graded: i.gradePoints !== undefined,
    })),
    units: members.map((m) => ({ id: m.id, name: m.name })),
    items: rows.map((r) => ({
      unitId: r.unitId,
      unitName: r.unitName,
      indicatorId: r.indicatorId,
      value: r.value,
      note: r.note,
      origin: r.origin,
      enteredAt: r.enteredAt.toISOString(),
      enteredBy: r.enteredBy,
    })),
  };
}

interface ValueChange {
  unitId: number;
  indicatorId: string;
  /** Null clears the value. */
  value: string | null;
  note: string;
}

/** Writes checked values: upserts, clears; one audit entry listing every change. Returns [written, cleared]. */
async function writeValues(
  tx: Transaction,
  c: Call,
  scheme: SchemeRow,
  period: EvaluationPeriod,
  changes: readonly ValueChange[],
  origin: 'typed' | 'import',
): Promise<[number, number]> {
  const before = new Map(
    (await valueRows(tx, scheme.id, period.key)).map((r) => [`${r.unitId}:${r.indicatorId}`, r.value]),
  );
  const set = changes.filter((x) => x.value !== null);
  const clear = changes.filter((x) => x.value === null);
  if (set.length > 0)
    await tx.execute(sql`INSERT INTO evaluation_values (scheme_id, period, unit_id, indicator_id, value, note, origin,
        entered_by, entered_at)
      SELECT ${scheme.id}, ${period.key}, x.unit_id, x.indicator_id, x.value, x.note, ${origin}, ${c.actor.id}, ${c.now}
      FROM jsonb_to_recordset(${JSON.stringify(
        set.map((x) => ({ unit_id: x.unitId, indicator_id: x.indicatorId, value: x.value, note: x.note })),
      )}::jsonb) AS x(unit_id int, indicator_id text, value text, note text)
      ON CONFLICT (scheme_id, period, unit_id, indicator_id) DO UPDATE
        SET value = EXCLUDED.value, note = EXCLUDED.note, origin = EXCLUDED.origin,
            entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at`);
  let cleared = 0;
  for (const x of clear) {
    const r = await tx.execute(sql`DELETE FROM evaluation_values WHERE scheme_id = ${scheme.id}
      AND period = ${period.key} AND unit_id = ${x.unitId} AND indicator_id = ${x.indicatorId}`);
    cleared += r.rowCount ?? 0;
  }
  await recordChange(
    tx,
    c,
    'evaluation_scheme',
    origin === 'import' ? 'evaluation.values.import' : 'evaluation.values.set',
    scheme.id,
    null,
    {
      period: period.key,
      changes: changes.map((x) => ({
        unitId: x.unitId,
        indicatorId: x.indicatorId,
        before: before.get(`${x.unitId}:${x.indicatorId}`) ?? null,
        after: x.value,
      })),
    },
  );
  return [set.length, cleared];
}

/**
 * 录入得分: sets (or clears, with null) entered values of a period, all or
 * nothing: every value is checked against its indicator (a grade A–D for a
 * graded one, a decimal for a score) and its unit against the peer group;
 * 400 `value_invalid` lists every offending field.
 */
export async function setValues(
  db: Db,
  c: Call,
  schemeId: number,
  body: {
    period: string;
    values: { unitId: number; indicatorId: string; value: string | number | null; note: string }[];
  },
): Promise<{ imported: number; cleared: number }> {
  return db.transaction(async (tx) => {
    const scheme = await loadScheme(tx, schemeId, true);
    if (scheme.archived) throw fail('wrong_state', 'params.id', { archived: true });
    const period = resolvePeriod(scheme.periodKind, body.period, 'body.period');
    const indicators = new Map(enteredOf(scheme).map((i) => [i.id, i]));
    const members = new Set((await membersOf(tx, scheme.peerGroupId)).map((m) => m.id));
    const issues: FieldIssue[] = [];
    const changes: ValueChange[] = [];
    const seen = new Set<string>();
    body.values.forEach((v, i) => {
      const f = `body.values[${i}]`;
      const ind = indicators.get(v.indicatorId);
      if (!ind)
        issues.push({
          field: `${f}.indicatorId`,
          code: 'not_entered',
          message: {
            zh: `方案中没有录入类指标“${v.indicatorId}”`,
            en: `No entered indicator “${v.indicatorId}”`,
          },
        });
      if (!members.has(v.unitId))
        issues.push({
          field: `${f}.unitId`,
          code: 'not_in_peer_group',
          message: { zh: '该单位不在本方案的赛道中', en: 'The unit is not in the scheme’s peer group' },
        });
      const k = `${v.unitId}:${v.indicatorId}`;
      if (seen.has(k))
        issues.push({
          field: f,
          code: 'duplicate',
          message: { zh: '同一单位、同一指标重复填写', en: 'The same unit and indicator appear twice' },
        });
      seen.add(k);
      if (!ind || v.value === null) {
        changes.push({ unitId: v.unitId, indicatorId: v.indicatorId, value: null, note: v.note });
        return;
      }
      const value = normaliseValue(ind, v.value);
      if (value === null)
        issues.push({
          field: `${f}.value`,
          code: 'value_invalid',
          message: ind.gradePoints
            ? { zh: `“${ind.name}”须填写 A、B、C、D 档次`, en: `“${ind.name}” takes a grade A, B, C or D` }
            : { zh: `“${ind.name}”须填写数值`, en: `“${ind.name}” takes a number` },
        });
      changes.push({ unitId: v.unitId, indicatorId: v.indicatorId, value, note: v.note });
    });
    if (issues.length > 0) throw fail('value_invalid', issues[0]!.field, undefined, issues);
    const [imported, cleared] = await writeValues(tx, c, scheme, period, changes, 'typed');
    return { imported, cleared };
  });
}

const sheetColumns = (scheme: SchemeRow): SheetColumn[] => [
  {
    key: 'unitCode',
    header: '单位编码',
    en: 'Unit code',
    required: true,
    width: 16,
    note: '单位编码，不要修改',
  },
  { key: 'unitName', header: '单位名称', en: 'Unit', width: 24, note: '仅供核对，导入时不读取' },
  ...enteredOf(scheme).map((i): SheetColumn => ({
    key: `ind:${i.id}`,
    header: i.name,
    en: i.id,
    type: i.gradePoints ? 'text' : 'number',
    width: 14,
    ...(i.gradePoints ? { choices: grades } : {}),
    note: i.gradePoints ? '填写 A、B、C、D 档次；留空则不改变' : '填写得分（数值）；留空则不改变',
  })),
];

/** 得分导入模板: one row per unit of the peer group, one column per entered indicator, filled with what is stored. */
export async function valuesSheet(
  db: Tx,
  schemeId: number,
  periodKey: string,
): Promise<{ name: string; bytes: Buffer }> {
  const scheme = await loadScheme(db, schemeId);
  const period = resolvePeriod(scheme.periodKind, periodKey, 'query.period');
  const members = await db.execute<{ id: number; code: string; name: string }>(
    sql`SELECT id, code, name FROM units WHERE peer_group_id = ${scheme.peerGroupId} AND active ORDER BY sort, id`,
  );
  const stored = new Map(
    (await valueRows(db, schemeId, period.key)).map((r) => [`${r.unitId}:${r.indicatorId}`, r.value]),
  );
  const columns = sheetColumns(scheme);
  const bytes = await writeSheet({
    sheetName: '得分录入',
    columns,
    markRequired: true,
    choiceRows: members.rows.length,
    rows: members.rows.map((u) => ({
      unitCode: u.code,
      unitName: u.name,
      ...Object.fromEntries(
        enteredOf(scheme).map((i) => {
          const v = stored.get(`${u.id}:${i.id}`);
          return [`ind:${i.id}`, v === undefined ? null : i.gradePoints ? v : Number(v)];
        }),
      ),
    })),
    notes: {
      lines: [
        `${scheme.name} · ${periodLabel(period).zh}：每行一个单位，每列一项录入类指标（如八张报表档次）。`,
        'One row per unit, one column per entered indicator: grades A–D or numbers. A blank cell leaves the stored value as it is.',
        '留空的单元格不改变已录入的得分（如需清除，请在页面上操作）。只要有一处错误，整张表都不导入，并列出每个错误所在的行和列。',
        'All or nothing: if any row has an error nothing is imported, and every error is listed by row and column.',
      ],
    },
  });
  return { name: `${scheme.name}-${period.key}-得分录入.xlsx`, bytes };
}

const cellText = (v: CellValue): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim() || null;

/**
 * 导入得分: reads a score sheet, all or nothing: every row's unit must be in
 * the peer group and every value fit its indicator, else 422
 * `sheet_rows_invalid` lists each problem by row and column and nothing is
 * written. A blank cell leaves the stored value as it is (clear values on the page).
 */
export async function importValues(
  db: Db,
  c: Call,
  schemeId: number,
  periodKey: string,
  file: Buffer,
): Promise<{ imported: number; cleared: number }> {
  const pre = await loadScheme(db, schemeId);
  const period = resolvePeriod(pre.periodKind, periodKey, 'query.period');
  const columns = sheetColumns(pre);
  const sheet = await readSheet(file, { columns, maxRows: VALUES_SHEET_MAX_ROWS });
  return db.transaction(async (tx) => {
    const scheme = await loadScheme(tx, schemeId, true);
    if (scheme.archived) throw fail('wrong_state', 'params.id', { archived: true });
    const indicators = enteredOf(scheme);
    const units = await tx.execute<{ id: number; code: string }>(
      sql`SELECT id, code FROM units WHERE peer_group_id = ${scheme.peerGroupId} AND active`,
    );
    const byCode = new Map(units.rows.map((u) => [u.code.toUpperCase(), u.id]));
    const problems: SheetProblem[] = [];
    const changes: ValueChange[] = [];
    const seenUnits = new Set<number>();
    for (const { row, cells } of sheet.rows) {
      const code = cellText(cells.unitCode ?? null);
      const unitId = code ? byCode.get(code.toUpperCase()) : undefined;
      if (unitId === undefined) {
        problems.push({
          row,
          column: '单位编码',
          message: code
            ? {
                zh: `单位编码“${code}”不在本方案的赛道中`,
                en: `Unit code “${code}” is not in the scheme’s peer group`,
              }
            : { zh: '单位编码必填', en: 'The unit code is required' },
          suggestions: [],
        });
        continue;
      }
      if (seenUnits.has(unitId)) {
        problems.push({
          row,
          column: '单位编码',
          message: { zh: `单位编码“${code}”重复`, en: `Unit code “${code}” appears twice` },
          suggestions: [],
        });
        continue;
      }
      seenUnits.add(unitId);
      for (const ind of indicators) {
        const text = cellText(cells[`ind:${ind.id}`] ?? null);
        if (text === null) continue; // blank: left as it is
        const value = normaliseValue(ind, text);
        if (value === null)
          problems.push({
            row,
            column: ind.name,
            message: ind.gradePoints
              ? { zh: `“${text}”不是 A、B、C、D 档次`, en: `“${text}” is not a grade A, B, C or D` }
              : { zh: `“${text}”不是数值`, en: `“${text}” is not a number` },
            suggestions: ind.gradePoints ? [...grades] : [],
          });
        else changes.push({ unitId, indicatorId: ind.id, value, note: '' });
      }
    }
    if (problems.length > 0) throw fail('sheet_rows_invalid', 'file', { problems, total: problems.length });
    const [imported, cleared] = await writeValues(tx, c, scheme, period, changes, 'import');
    return { imported, cleared };
  });
}
