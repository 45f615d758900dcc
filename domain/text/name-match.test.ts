import { describe, expect, it } from 'vitest';
import { buildNameIndex, editDistance, normalizeName, suggestNames } from './name-match.ts';

const units = buildNameIndex([
  '清水镇',
  '清江区',
  '青龙镇',
  '城北街道',
  '区发展改革委',
  '区财政局',
  '区住房城乡建委',
  '国网清江供电公司',
  '白鹤镇',
]);
const people = buildNameIndex(['张伟', '王芳', '吕超磊', '赵磊泽', '欧阳娜娜']);

describe('name matching', () => {
  it.each([
    ['a homophone', units, '青水镇', '清水镇'],
    ['full pinyin', units, 'qingshuizhen', '清水镇'],
    ['pinyin with spaces and capitals', units, 'Qing Shui Zhen', '清水镇'],
    ['initials', units, 'qsz', '清水镇'],
    ['a wrong character', units, '清水乡', '清水镇'],
    ['an abbreviation', units, '发改委', '区发展改革委'],
    ['a missing prefix', units, '财政局', '区财政局'],
    ['a part of the name', units, '城北', '城北街道'],
    ['a person typed with a homophone', people, '张玮', '张伟'],
    ['a person in pinyin', people, 'lvchaolei', '吕超磊'],
    ['a full-width space', people, '王\u3000芳', '王芳'],
  ] as const)('finds the name for %s', (_, index, typed, meant) => {
    expect(suggestNames(index, typed)[0]).toBe(meant);
  });

  it('suggests nothing for a name that resembles nothing', () => {
    expect(suggestNames(units, '纽约市政厅')).toEqual([]);
    expect(suggestNames(units, '')).toEqual([]);
  });

  it('gives at most the asked number of suggestions, best first', () => {
    const s = suggestNames(units, '镇', 2);
    expect(s.length).toBeLessThanOrEqual(2);
    expect(suggestNames(units, '清江', 5)[0]).toBe('清江区');
  });

  it('normalises and measures', () => {
    expect(normalizeName(' ＡＢ  c\u200b')).toBe('abc');
    expect(editDistance('清水镇', '青水镇')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
