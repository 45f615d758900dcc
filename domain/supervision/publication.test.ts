import { describe, expect, it } from 'vitest';
import { itWalksTheLifecycle } from '../lifecycle.testkit.ts';
import { terminalStatuses } from '../lifecycle.ts';
import { roles } from '../roles.ts';
import {
  isPublished,
  isWarningInForce,
  nextPublicationStatus,
  publicationActions,
  publicationStatuses,
  publicationTransitions,
  validateCircular,
  validateWarning,
} from './publication.ts';

describe('warning and circular life cycle (draft → approved → published)', () => {
  itWalksTheLifecycle({
    statuses: publicationStatuses,
    actions: publicationActions,
    actors: roles,
    table: publicationTransitions,
    guard: (from, action, actors) => nextPublicationStatus(from, action, actors),
    legal: [
      ['draft', 'approve', 'approved', ['office', 'leader']],
      ['approved', 'publish_internal', 'published_internal', ['office']],
      ['approved', 'publish_public', 'published_public', ['office']],
      ['published_internal', 'publish_public', 'published_public', ['office']],
      ['draft', 'withdraw', 'withdrawn', ['office']],
      ['approved', 'withdraw', 'withdrawn', ['office']],
      ['published_internal', 'revoke', 'revoked', ['office']],
      ['published_public', 'revoke', 'revoked', ['office']],
    ],
  });

  it('needs four eyes to approve', () => {
    expect(nextPublicationStatus('draft', 'approve', ['office'], { actorId: 5, draftedBy: 5 })).toEqual({
      ok: false,
      reason: 'same_person',
    });
    expect(nextPublicationStatus('draft', 'approve', ['office'], { actorId: 6, draftedBy: 5 })).toEqual({
      ok: true,
      to: 'approved',
    });
    // the state is still checked first
    expect(nextPublicationStatus('approved', 'approve', ['office'], { actorId: 5, draftedBy: 5 })).toEqual({
      ok: false,
      reason: 'wrong_state',
    });
  });

  it('cannot publish a draft nobody approved, and ends withdrawn or revoked', () => {
    expect(nextPublicationStatus('draft', 'publish_public', ['office']).ok).toBe(false);
    expect(terminalStatuses(publicationStatuses, publicationTransitions)).toEqual(['withdrawn', 'revoked']);
    expect(publicationStatuses.filter(isPublished)).toEqual(['published_internal', 'published_public']);
  });
});

describe('warning cards', () => {
  const card = {
    unitId: 3,
    colour: 'yellow' as const,
    reason: '重点任务连续两月红灯',
    from: '2026-04-01',
    to: '2026-06-30',
  };

  it('need a reason and a period in order', () => {
    expect(validateWarning(card)).toEqual([]);
    expect(
      validateWarning({ ...card, reason: '  ', to: '2026-03-31' }).map((i) => [i.code, i.field]),
    ).toEqual([
      ['required', 'reason'],
      ['period_order', 'to'],
    ]);
  });

  it.each([
    ['published_internal', '2026-04-01', true],
    ['published_public', '2026-06-30', true],
    ['published_public', '2026-07-01', false],
    ['published_internal', '2026-03-31', false],
    ['approved', '2026-05-01', false],
    ['revoked', '2026-05-01', false],
  ] as const)('%s on %s: in force=%s', (status, today, inForce) => {
    expect(isWarningInForce({ ...card, status }, today)).toBe(inForce);
  });
});

describe('circulars', () => {
  it('need a title, a text and someone they name', () => {
    const ok = {
      tone: 'criticism' as const,
      title: '关于…的通报',
      body: '经查…',
      unitIds: [4],
      personIds: [],
    };
    expect(validateCircular(ok)).toEqual([]);
    expect(validateCircular({ ...ok, unitIds: [], personIds: [9] })).toEqual([]);
    expect(
      validateCircular({ ...ok, title: '', body: '', unitIds: [], personIds: [] }).map((i) => i.field),
    ).toEqual(['title', 'body', 'unitIds']);
  });
});
