import { describe, expect, it } from 'vitest';
import { problemDraft } from '../contracts/problems.ts';
import { peopleDirectory, unitDirectory } from '../tasks/task-sheet-names.ts';
import {
  categoryTokens,
  optionDirectory,
  parseSeverity,
  parseYesNo,
  problemCells,
  problemInputFromRow,
  type ProblemSheetDirectories,
} from './problem-sheet.ts';

const dirs: ProblemSheetDirectories = {
  units: unitDirectory([
    { id: 1, name: '清水镇', code: 'QJ-T01' },
    { id: 2, name: '区信访办', code: 'QJ-D012' },
  ]),
  people: peopleDirectory([{ id: 7, name: '张伟', username: 'zw', unitName: '清水镇' }]),
  sources: optionDirectory(
    [
      { id: 1, label: '督查', names: [['督查'], ['Supervision'], ['supervision']] },
      { id: 2, label: '自查自纠', names: [['自查自纠'], ['Self-inspection'], ['self_inspection']] },
    ],
    { zh: '问题来源', en: 'problem source' },
  ),
  categories: optionDirectory(
    [
      {
        id: 10,
        label: '不作为、慢作为、乱作为',
        names: [['不作为、慢作为、乱作为'], ['Inaction, slow action'], ['inaction']],
      },
      {
        id: 11,
        label: '不作为',
        names: [['不作为', '不作为、慢作为、乱作为/不作为'], ['Inaction'], ['inaction_none']],
      },
      { id: 12, label: '慢作为', names: [['慢作为'], ['Slow action'], ['inaction_slow']] },
      { id: 20, label: '四困/好人', names: [['好人', '四困/好人'], ['Nice guy'], ['nice_guy']] },
      { id: 21, label: '其他/好人', names: [['好人', '其他/好人'], ['Nice guy 2'], ['nice_guy_2']] },
    ],
    { zh: '问题类别', en: 'category' },
  ),
};

describe('reading a findings row', () => {
  it('resolves names and words to ids, and the draft validates', () => {
    const { input, problems } = problemInputFromRow(
      {
        description: '窗口推诿扯皮',
        source: 'supervision',
        categories: '不作为、慢作为；Inaction',
        foundOn: '2026年3月5日',
        unit: '清水镇',
        person: '张伟',
        severity: '较重',
        deadline: new Date('2026-04-30T00:00:00Z'),
        longTerm: '是',
        stages: '2026-04-01: 完成一半; 2026-04-30 (100%): 全部完成',
      },
      dirs,
    );
    expect(problems).toEqual([]);
    expect(input).toEqual({
      description: '窗口推诿扯皮',
      sourceId: 1,
      unitId: 1,
      personId: 7,
      categoryIds: [11, 12],
      foundOn: '2026-03-05',
      deadline: '2026-04-30',
      severity: 'major',
      longTerm: true,
      stages: [
        { date: '2026-04-01', title: '完成一半' },
        { date: '2026-04-30', title: '全部完成', percent: 100 },
      ],
    });
    expect(problemDraft.safeParse(input).success).toBe(true);
  });

  it('takes a category name holding 、 whole before splitting on it', () => {
    expect(categoryTokens('不作为、慢作为、乱作为', dirs.categories)).toEqual(['不作为、慢作为、乱作为']);
    expect(categoryTokens('不作为、慢作为；四困/好人', dirs.categories)).toEqual([
      '不作为',
      '慢作为',
      '四困/好人',
    ]);
  });

  it('reports what it cannot read, with suggestions, and asks for the parent of a shared name', () => {
    const { problems } = problemInputFromRow(
      {
        source: '督察',
        categories: '好人',
        foundOn: '2026-02-30',
        unit: '清水真',
        severity: '很重',
        longTerm: '也许',
        stages: '明年: 完成',
      },
      dirs,
    );
    expect(problems.map((p) => p.column)).toEqual([
      'source',
      'unit',
      'categories',
      'foundOn',
      'severity',
      'longTerm',
      'stages',
    ]);
    expect(problems.find((p) => p.column === 'unit')!.suggestions).toContain('清水镇');
    expect(problems.find((p) => p.column === 'source')!.suggestions).toContain('督查');
    expect(problems.find((p) => p.column === 'categories')!.suggestions).toEqual(['四困/好人', '其他/好人']);
  });

  it('writes a draft as cells that read back to the same draft', () => {
    const draft = problemDraft.parse({
      description: '台账造假',
      sourceId: 2,
      categoryIds: [10, 20],
      foundOn: '2026-03-01',
      unitId: 2,
      personId: null,
      severity: 'severe',
      deadline: '2026-06-30',
      longTerm: true,
      stages: [{ date: '2026-06-30', title: '全部整改', percent: 100 }],
    });
    const cells = problemCells(draft, dirs);
    expect(cells).toMatchObject({
      source: '自查自纠',
      categories: '不作为、慢作为、乱作为；四困/好人',
      severity: '严重',
      longTerm: '是',
    });
    const back = problemInputFromRow(cells, dirs);
    expect(back.problems).toEqual([]);
    expect(problemDraft.parse(back.input)).toEqual(draft);
  });

  it.each([
    ['一般', 'general'],
    ['较重', 'major'],
    ['SEVERE', 'severe'],
    ['重大', 'severe'],
    ['x', null],
  ])('severity %s → %s', (text, s) => expect(parseSeverity(text)).toBe(s));

  it.each([
    ['是', true],
    ['否', false],
    ['Yes', true],
    ['长期', true],
    ['?', null],
  ])('long-term %s → %s', (text, b) => expect(parseYesNo(text)).toBe(b));
});
