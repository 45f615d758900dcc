import { describe, expect, it } from 'vitest';
import { taskDraft } from '../contracts/tasks.ts';
import {
  cadenceLabel,
  cellText,
  formatMilestones,
  parseCadence,
  parseMilestones,
  parseSheetDate,
  parseSheetNumber,
  taskInputFromRow,
  taskSheetColumns,
  type SheetCell,
} from './task-sheet.ts';
import { peopleDirectory, splitNames, splitQualifier, unitDirectory } from './task-sheet-names.ts';

describe('task sheet columns', () => {
  it('has the 14 columns in order, the required ones marked', () => {
    expect(taskSheetColumns.map((c) => c.header)).toEqual([
      '编号',
      '任务名称',
      '类别',
      '目标任务',
      '目标值',
      '计量单位',
      '包保领导',
      '牵头单位',
      '配合单位',
      '开始日期',
      '完成时限',
      '时间节点',
      '报送周期',
      '任务描述',
    ]);
    expect(taskSheetColumns.filter((c) => c.required).map((c) => c.key)).toEqual([
      'code',
      'title',
      'leaders',
      'leadUnit',
      'start',
      'deadline',
      'cadence',
    ]);
  });
});

describe('cadence words', () => {
  it.each([
    ['每周', 'weekly'],
    ['周报', 'weekly'],
    ['Weekly', 'weekly'],
    [' 每 周 ', 'weekly'],
    ['每半月', 'half_monthly'],
    ['半月报', 'half_monthly'],
    ['half-monthly', 'half_monthly'],
    ['每月', 'monthly'],
    ['月报', 'monthly'],
    ['MONTHLY', 'monthly'],
    ['每季度', 'quarterly'],
    ['季报', 'quarterly'],
    ['quarterly', 'quarterly'],
    ['每年', null],
    ['', null],
    ['weekly-ish', null],
  ] as const)('%s → %s', (word, cadence) => {
    expect(parseCadence(word)).toBe(cadence);
  });

  it('writes the word it reads', () => {
    for (const c of ['weekly', 'half_monthly', 'monthly', 'quarterly'] as const) {
      expect(parseCadence(cadenceLabel(c))).toBe(c);
    }
  });
});

describe('dates', () => {
  it.each<[SheetCell, string | null]>([
    ['2026-03-01', '2026-03-01'],
    ['2026-3-1', '2026-03-01'],
    ['2026/3/1', '2026-03-01'],
    ['2026/03/01', '2026-03-01'],
    ['2026年3月1日', '2026-03-01'],
    ['2026年3月1', '2026-03-01'],
    ['2026 年 3 月 1 日', '2026-03-01'],
    ['2026.3.1', '2026-03-01'],
    ['２０２６－０３－０１', '2026-03-01'],
    ['20260301', '2026-03-01'],
    [new Date('2026-03-01T00:00:00Z'), '2026-03-01'],
    [46082, '2026-03-01'],
    [46082.75, '2026-03-01'],
    ['2026-02-30', null],
    ['2026-13-01', null],
    ['3/1/2026', null],
    ['明天', null],
    ['', null],
    [null, null],
    [0, null],
    [new Date(Number.NaN), null],
  ])('%s → %s', (cell, iso) => {
    expect(parseSheetDate(cell)).toBe(iso);
  });
});

describe('numbers and text', () => {
  it.each<[SheetCell, number | null]>([
    [73.89, 73.89],
    ['73.89', 73.89],
    ['1,234.5', 1234.5],
    [' -2 ', -2],
    ['１２', 12],
    ['1e3', 1000],
    ['73.89亿元', null],
    ['', null],
    [null, null],
    [new Date(0), null],
  ])('number %s → %s', (cell, n) => {
    expect(parseSheetNumber(cell)).toBe(n);
  });

  it.each<[SheetCell, string]>([
    [1, '1'],
    [0.1 + 0.2, '0.3'],
    [1.1, '1.1'],
    [' a ', 'a'],
    [null, ''],
    [new Date('2026-03-01T00:00:00Z'), '2026-03-01'],
  ])('text of %s is %s', (cell, text) => {
    expect(cellText(cell)).toBe(text);
  });
});

describe('milestones', () => {
  it.each([
    ['', []],
    ['2026-05-31: 完成设计', [{ date: '2026-05-31', title: '完成设计' }]],
    [
      '2026-05-31: 完成设计; 2026-08-31: 主体完工',
      [
        { date: '2026-05-31', title: '完成设计' },
        { date: '2026-08-31', title: '主体完工' },
      ],
    ],
    [
      '2026-05-31 (40%): 完成设计；2026/8/31（80％）：主体完工;',
      [
        { date: '2026-05-31', title: '完成设计', percent: 40 },
        { date: '2026-08-31', title: '主体完工', percent: 80 },
      ],
    ],
    [
      '2026年5月31日 完成设计\n2026.8.31：主体完工; 验收',
      [
        { date: '2026-05-31', title: '完成设计' },
        { date: '2026-08-31', title: '主体完工; 验收' },
      ],
    ],
    ['2026-05-31 (33.5%): a', [{ date: '2026-05-31', title: 'a', percent: 33.5 }]],
  ] as const)('reads %j', (text, milestones) => {
    expect(parseMilestones(text)).toEqual({ ok: true, milestones });
  });

  it.each([
    ['完成设计', 1],
    ['2026-05-31: 完成设计; 2026-02-30: 错日期', 2],
    ['2026-05-31:', 1],
    ['2026-05-31 (140%): 超额', 1],
  ] as const)('refuses %j at item %i', (text, item) => {
    const r = parseMilestones(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.item).toBe(item);
  });

  it('writes what it reads', () => {
    const ms = [
      { date: '2026-05-31', title: '完成设计; 含评审', percent: 40 },
      { date: '2026-08-31', title: '主体完工' },
    ];
    expect(formatMilestones(ms)).toBe('2026-05-31 (40%): 完成设计; 含评审; 2026-08-31: 主体完工');
    expect(parseMilestones(formatMilestones(ms))).toEqual({ ok: true, milestones: ms });
  });
});

describe('names', () => {
  it.each([
    ['张三、李四，王五,赵六;钱七；孙八\n周九', ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九']],
    ['  张三 、、 李四 ', ['张三', '李四']],
    ['张伟（区财政局）、王芳', ['张伟（区财政局）', '王芳']],
    ['', []],
  ] as const)('splits %j', (text, names) => {
    expect(splitNames(text)).toEqual(names);
  });

  it.each([
    ['张伟（区财政局）', { name: '张伟', qualifier: '区财政局' }],
    ['张伟 (zhangwei2)', { name: '张伟', qualifier: 'zhangwei2' }],
    ['张伟', { name: '张伟', qualifier: null }],
  ] as const)('qualifier of %s', (token, parts) => {
    expect(splitQualifier(token)).toEqual(parts);
  });

  const people = peopleDirectory([
    { id: 1, name: '张伟', username: 'zhangwei', unitName: '区财政局' },
    { id: 2, name: '张伟', username: 'zhangwei2', unitName: '清水镇' },
    { id: 3, name: '张伟', username: 'zhangwei3', unitName: '清水镇' },
    { id: 4, name: '王芳', username: 'wangfang', unitName: '区财政局' },
  ]);

  it('resolves people, and tells namesakes apart by unit or username', () => {
    expect(people.resolve('王芳')).toEqual({ ok: true, id: 4 });
    expect(people.resolve('张伟（区财政局）')).toEqual({ ok: true, id: 1 });
    expect(people.resolve('张伟(zhangwei3)')).toEqual({ ok: true, id: 3 });
    const ambiguous = people.resolve('张伟');
    expect(ambiguous).toMatchObject({
      ok: false,
      message: { zh: '有 3 人名为“张伟”，请写成“姓名（单位）”' },
    });
    expect(ambiguous.ok ? [] : ambiguous.suggestions).toEqual([
      '张伟（区财政局）',
      '张伟（zhangwei2）',
      '张伟（zhangwei3）',
    ]);
    expect(people.resolve('张伟（清水镇）')).toMatchObject({
      ok: false,
      suggestions: ['张伟（zhangwei2）', '张伟（zhangwei3）'],
    });
    expect(people.resolve('张伟（区教委）')).toMatchObject({
      ok: false,
      message: { zh: '“张伟”不在“区教委”' },
    });
    expect(people.resolve('王方')).toMatchObject({ ok: false, suggestions: ['王芳'] });
    expect(people.resolve('张玮')).toMatchObject({
      ok: false,
      suggestions: expect.arrayContaining(['张伟（区财政局）']),
    });
    for (const id of [1, 2, 3, 4]) expect(people.resolve(people.label(id)!)).toEqual({ ok: true, id });
  });

  const units = unitDirectory([
    { id: 10, name: '清水镇', code: 'QJ-T34' },
    { id: 11, name: '白坪村', code: 'QJ-T01-V003' },
    { id: 12, name: '白坪村', code: 'QJ-T09-V007' },
    { id: 13, name: '区发展改革委', code: 'QJ-D003' },
  ]);

  it('resolves units by name or code, and namesakes by 名称（编码）', () => {
    expect(units.resolve('清水镇')).toEqual({ ok: true, id: 10 });
    expect(units.resolve('qj-t34')).toEqual({ ok: true, id: 10 });
    expect(units.resolve('白坪村（QJ-T09-V007）')).toEqual({ ok: true, id: 12 });
    expect(units.resolve('白坪村')).toMatchObject({
      ok: false,
      suggestions: ['白坪村（QJ-T01-V003）', '白坪村（QJ-T09-V007）'],
    });
    expect(units.resolve('青水镇')).toMatchObject({
      ok: false,
      message: { zh: '找不到单位“青水镇”' },
      suggestions: ['清水镇'],
    });
    expect(units.resolve('qingshuizhen')).toMatchObject({ ok: false, suggestions: ['清水镇'] });
    expect(units.resolve('发改委')).toMatchObject({ ok: false, suggestions: ['区发展改革委'] });
    expect(units.resolve('别名（QJ-T34）')).toMatchObject({ ok: false, suggestions: ['清水镇'] });
    for (const id of [10, 11, 12, 13]) expect(units.resolve(units.label(id)!)).toEqual({ ok: true, id });
  });

  it('turns a row into the draft schema input, reporting what cannot be read', () => {
    const dirs = { people, units };
    const ok = taskInputFromRow(
      {
        code: 1.1,
        title: '建设大桥',
        targetValue: '73.89',
        leaders: '王芳、张伟（区财政局）',
        leadUnit: '清水镇',
        cooperatingUnits: '区发展改革委',
        start: new Date('2026-03-01T00:00:00Z'),
        deadline: '2026年12月31日',
        milestones: '2026-06-30 (50%): 过半',
        cadence: '月报',
      },
      dirs,
    );
    expect(ok.problems).toEqual([]);
    expect(taskDraft.parse(ok.input)).toEqual({
      code: '1.1',
      title: '建设大桥',
      description: '',
      category: '',
      targetText: '',
      targetValue: 73.89,
      targetUnit: null,
      leaderIds: [4, 1],
      leadUnitId: 10,
      cooperatingUnitIds: [13],
      start: '2026-03-01',
      deadline: '2026-12-31',
      milestones: [{ date: '2026-06-30', title: '过半', percent: 50 }],
      cadence: 'monthly',
    });

    const bad = taskInputFromRow(
      {
        code: 'A',
        leaders: '王方、张伟',
        leadUnit: '清水镇、区发展改革委',
        cooperatingUnits: '青水镇',
        start: '2026-02-30',
        deadline: 'soon',
        milestones: 'x',
        targetValue: '很多',
        cadence: '每年',
      },
      dirs,
    );
    expect(bad.problems.map((p) => p.column)).toEqual([
      'targetValue',
      'leaders',
      'leaders',
      'leadUnit',
      'cooperatingUnits',
      'start',
      'deadline',
      'milestones',
      'cadence',
    ]);
    expect(Object.keys(bad.input)).toEqual(['code']);
  });
});
