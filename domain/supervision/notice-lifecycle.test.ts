import { describe, expect, it } from 'vitest';
import { itWalksTheLifecycle } from '../lifecycle.testkit.ts';
import { roles } from '../roles.ts';
import { compareLevels, levelRank, maxLevel, nextLevel, noticeLevels } from './notice-levels.ts';
import {
  isNoticeLive,
  nextNoticeStatus,
  noticeActions,
  noticeStatuses,
  noticeTransitions,
  type NoticeAction,
  type NoticeActor,
  type NoticeStatus,
} from './notice-lifecycle.ts';

const actors: NoticeActor[] = [...roles, 'system'];

/** The life cycle written out by hand: the only legal moves. */
const legal: [NoticeStatus, NoticeAction, NoticeStatus, NoticeActor[]][] = [
  ['open', 'answer', 'answered', ['liaison', 'head']],
  ['answered', 'accept', 'accepted', ['office']],
  ['answered', 'return_answer', 'open', ['office']],
  ['open', 'escalate', 'escalated', ['system', 'office']],
  ['answered', 'escalate', 'escalated', ['system', 'office']],
  ['open', 'resolve', 'resolved', ['system']],
  ['answered', 'resolve', 'resolved', ['system']],
  ['open', 'dismiss', 'dismissed', ['system', 'office']],
  ['answered', 'dismiss', 'dismissed', ['system', 'office']],
];

describe('notice levels 提醒 → 催办 → 督办 → 挂牌督办', () => {
  it('climb in order and stop at the top', () => {
    expect(noticeLevels.map(levelRank)).toEqual([0, 1, 2, 3]);
    expect(nextLevel('reminder')).toBe('urge');
    expect(nextLevel('urge')).toBe('supervise');
    expect(nextLevel('supervise')).toBe('listed');
    expect(nextLevel('listed')).toBeNull();
    expect(compareLevels('listed', 'reminder')).toBeGreaterThan(0);
    expect(maxLevel(null, 'urge')).toBe('urge');
    expect(maxLevel('supervise', 'urge')).toBe('supervise');
    expect(maxLevel(null, null)).toBeNull();
  });
});

describe('notice life cycle', () => {
  itWalksTheLifecycle({
    statuses: noticeStatuses,
    actions: noticeActions,
    actors,
    table: noticeTransitions,
    legal,
    guard: nextNoticeStatus,
  });

  it('ends with the answer accepted, a higher level, the object resolved or dismissed', () => {
    expect(noticeStatuses.filter((s) => !isNoticeLive(s))).toEqual([
      'accepted',
      'escalated',
      'resolved',
      'dismissed',
    ]);
    for (const s of ['accepted', 'escalated', 'resolved', 'dismissed'] as const)
      for (const action of noticeActions) expect(nextNoticeStatus(s, action, actors).ok).toBe(false);
  });

  it('never lets the unit accept its own answer, nor a person pose as the job', () => {
    expect(nextNoticeStatus('answered', 'accept', ['liaison', 'head', 'leader']).ok).toBe(false);
    expect(nextNoticeStatus('open', 'resolve', ['office']).ok).toBe(false);
  });
});
