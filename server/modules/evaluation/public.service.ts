import type { PublicBoardResponse } from '../../../domain/contracts/evaluation.ts';
import { fail } from '../../../domain/errors.ts';
import { parsePeriod, periodLabel } from '../../../domain/evaluation/period.ts';
import type { Indicator } from '../../../domain/evaluation/scheme.ts';
import type { Tx } from '../../db/client.ts';
import * as boards from './boards.repository.ts';
import { getVersion } from './schemes.repository.ts';

const periodOf = (b: boards.BoardRow) => {
  const p = parsePeriod(b.periodKind, b.period)!;
  return { kind: p.kind, key: p.key, start: p.start, end: p.end, label: periodLabel(p) };
};

/** 公开晾晒: the latest revision of every published period, for anyone, without signing in. */
export async function publicBoardList(db: Tx) {
  const rows = await boards.listBoards(db, {});
  return {
    items: rows.slice(0, 200).map((b) => ({
      id: b.id,
      title: b.versionName,
      campaign: b.campaignName,
      peerGroup: { zh: b.peerGroupNameZh, en: b.peerGroupNameEn },
      period: periodOf(b),
      revision: b.revision,
      publishedAt: b.publishedAt.toISOString(),
    })),
  };
}

/**
 * One published board for the public: names, ranks, totals, grades, 环比, the
 * open problems beside each result (双晒双亮) and each indicator's points —
 * never the records behind them. Only what was published exists here: there
 * is no address for a preview.
 */
export async function publicBoard(db: Tx, id: number): Promise<PublicBoardResponse> {
  const b = await boards.getBoard(db, id);
  if (!b) throw fail('not_found', 'params.id');
  const [results, version, revisions] = await Promise.all([
    boards.boardResults(db, id),
    getVersion(db, b.schemeId, b.schemeVersion),
    boards.revisionsOf(db, b.schemeId, b.period),
  ]);
  const indicators = version!.content.indicators as Indicator[];
  return {
    id: b.id,
    title: b.versionName,
    campaign: b.campaignName,
    peerGroup: { zh: b.peerGroupNameZh, en: b.peerGroupNameEn },
    period: periodOf(b),
    revision: b.revision,
    publishedAt: b.publishedAt.toISOString(),
    correctionReason: b.reason,
    supersededBy: b.revision === b.latestRevision ? null : (revisions[0]?.id ?? null),
    indicators: indicators.map((i) => ({
      id: i.id,
      name: i.name,
      weight: i.source === 'events' ? null : String(i.weight),
    })),
    gradeCounts: b.gradeCounts,
    aShare: b.aShare.text,
    results: results.map((r) => ({
      unitName: r.unitName,
      rank: r.rank,
      totalText: r.totalText,
      grade: r.grade,
      change: r.change,
      openProblems: r.openProblems,
      scores: r.scores.map((x) => ({ indicatorId: x.indicatorId, contribution: x.contribution })),
    })),
  };
}
