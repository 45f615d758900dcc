import { gunzipSync, gzipSync } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import type { RankChange } from '../../../domain/evaluation/ranking.ts';
import type { GradeShare } from '../../../domain/evaluation/ranking.ts';
import type { Grade } from '../../../domain/evaluation/scheme.ts';
import { withDates, type Tx } from '../../db/client.ts';
import type { LightLine, LineRecords } from './evaluation-inputs.service.ts';

/** A published board (晾晒), as stored. */
export interface BoardRow extends Record<string, unknown> {
  id: number;
  schemeId: number;
  schemeName: string;
  schemeVersion: number;
  versionName: string;
  period: string;
  revision: number;
  campaignId: number;
  campaignName: string;
  peerGroupId: number;
  peerGroupNameZh: string;
  peerGroupNameEn: string;
  periodKind: 'month' | 'quarter' | 'year';
  asOf: string;
  inputHash: string;
  gradeCounts: Record<Grade, number>;
  aShare: GradeShare;
  unitCount: number;
  reason: string | null;
  publishedBy: string | null;
  publishedAt: Date;
  latestRevision: number;
}

const boardColumns = sql`b.id, b.scheme_id AS "schemeId", s.name AS "schemeName", b.scheme_version AS "schemeVersion",
  v.name AS "versionName", b.period, b.revision, b.campaign_id AS "campaignId", c.name AS "campaignName",
  b.peer_group_id AS "peerGroupId", g.name_zh AS "peerGroupNameZh", g.name_en AS "peerGroupNameEn",
  s.period_kind AS "periodKind", b.as_of AS "asOf", b.input_hash AS "inputHash", b.grade_counts AS "gradeCounts",
  b.a_share AS "aShare", b.unit_count AS "unitCount", b.reason, p.name AS "publishedBy",
  b.published_at AS "publishedAt",
  (SELECT max(x.revision) FROM evaluation_boards x WHERE x.scheme_id = b.scheme_id AND x.period = b.period)::int
    AS "latestRevision"`;

const boardFrom = sql`evaluation_boards b JOIN evaluation_schemes s ON s.id = b.scheme_id
  JOIN evaluation_scheme_versions v ON v.scheme_id = b.scheme_id AND v.version = b.scheme_version
  JOIN campaigns c ON c.id = b.campaign_id JOIN peer_groups g ON g.id = b.peer_group_id
  LEFT JOIN people p ON p.id = b.published_by`;

async function findBoards(db: Tx, where: SQL, order = sql`b.id DESC`): Promise<BoardRow[]> {
  const r = await db.execute<BoardRow>(
    sql`SELECT ${boardColumns} FROM ${boardFrom} WHERE ${where} ORDER BY ${order}`,
  );
  return withDates(r.rows, 'publishedAt');
}

export async function getBoard(db: Tx, id: number): Promise<BoardRow | undefined> {
  return (await findBoards(db, sql`b.id = ${id}`))[0];
}

/** Every revision of one scheme's period, newest first. */
export function revisionsOf(db: Tx, schemeId: number, period: string): Promise<BoardRow[]> {
  return findBoards(db, sql`b.scheme_id = ${schemeId} AND b.period = ${period}`, sql`b.revision DESC`);
}

/** Published boards, newest period first; only the latest revision of each period unless asked. */
export function listBoards(
  db: Tx,
  q: { schemeId?: number | undefined; campaignId?: number | undefined; includeSuperseded?: boolean },
): Promise<BoardRow[]> {
  const conds = [sql`true`];
  if (q.schemeId) conds.push(sql`b.scheme_id = ${q.schemeId}`);
  if (q.campaignId) conds.push(sql`b.campaign_id = ${q.campaignId}`);
  if (!q.includeSuperseded)
    conds.push(sql`NOT EXISTS (SELECT 1 FROM evaluation_boards n
      WHERE n.scheme_id = b.scheme_id AND n.period = b.period AND n.revision > b.revision)`);
  return findBoards(
    db,
    sql.join(conds, sql` AND `),
    sql`b.period DESC, g.sort, b.scheme_id, b.revision DESC`,
  );
}

/** One unit's frozen result. */
export interface ResultRow extends Record<string, unknown> {
  unitId: number;
  unitName: string;
  rank: number;
  grade: Grade;
  total: number;
  totalText: string;
  change: RankChange | null;
  openProblems: number;
  scores: { indicatorId: string; contribution: string; missing: boolean }[];
}

const resultColumns = sql`unit_id AS "unitId", unit_name AS "unitName", rank, grade, total,
  total_text AS "totalText", change, open_problems AS "openProblems", scores`;

/** A board's results by rank, with each indicator's points (not the explanation lines or their records). */
export async function boardResults(db: Tx, boardId: number): Promise<ResultRow[]> {
  const r = await db.execute<ResultRow>(sql`SELECT ${resultColumns}
    FROM evaluation_board_results WHERE board_id = ${boardId} ORDER BY rank, unit_id`);
  return r.rows;
}

/** One unit's result with its explanation lines, and the records of one indicator when asked. */
export async function boardResult(
  db: Tx,
  boardId: number,
  unitId: number,
  recordsOf?: string,
): Promise<(ResultRow & { lines: LightLine[]; records: LineRecords | null }) | undefined> {
  const r = await db.execute<
    ResultRow & { lines: LightLine[]; gz: Buffer | null; legacy: Record<string, LineRecords> | null }
  >(sql`
    SELECT ${resultColumns}, lines, ${
      recordsOf === undefined
        ? sql`NULL::bytea AS gz, NULL::jsonb AS legacy`
        : sql`records_gzip AS gz, records AS legacy`
    }
    FROM evaluation_board_results WHERE board_id = ${boardId} AND unit_id = ${unitId}`);
  const row = r.rows[0];
  if (!row) return undefined;
  const { gz, legacy, ...rest } = row;
  // Boards published before migration 0013 kept their records as jsonb.
  const all = gz ? (JSON.parse(gunzipSync(gz).toString('utf8')) as Record<string, LineRecords>) : legacy;
  return { ...rest, records: recordsOf !== undefined ? (all?.[recordsOf] ?? null) : null };
}

/** The ranks of the latest revision of a scheme's period, for 环比. */
export async function ranksOf(
  db: Tx,
  schemeId: number,
  period: string,
): Promise<{ unitId: number; rank: number }[]> {
  const r = await db.execute<{ unitId: number; rank: number }>(sql`SELECT unit_id AS "unitId", rank
    FROM evaluation_board_results WHERE board_id = (
      SELECT id FROM evaluation_boards WHERE scheme_id = ${schemeId} AND period = ${period}
      ORDER BY revision DESC LIMIT 1)`);
  return r.rows;
}

export interface NewBoard {
  schemeId: number;
  schemeVersion: number;
  period: string;
  revision: number;
  campaignId: number;
  peerGroupId: number;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  inputHash: string;
  inputText: string;
  gradeCounts: Record<Grade, number>;
  aShare: GradeShare;
  unitCount: number;
  reason: string | null;
  by: number;
  at: Date;
}

/** Writes a board, its input text and every unit's result: three statements, the results as one INSERT … SELECT. */
export async function insertBoard(
  tx: Tx,
  b: NewBoard,
  results: readonly Omit<ResultRow, 'scores'>[],
  /** Per result: its scores, lines and records, each already serialised as JSON. */
  detailJson: readonly { scores: string; lines: string; records: string }[],
): Promise<number> {
  const r = await tx.execute<{
    id: number;
  }>(sql`INSERT INTO evaluation_boards (scheme_id, scheme_version, period,
      revision, campaign_id, peer_group_id, period_start, period_end, as_of, input_hash, grade_counts, a_share,
      unit_count, reason, published_by, published_at)
    VALUES (${b.schemeId}, ${b.schemeVersion}, ${b.period}, ${b.revision}, ${b.campaignId}, ${b.peerGroupId},
      ${b.periodStart}::date, ${b.periodEnd}::date, ${b.asOf}::date, ${b.inputHash},
      ${JSON.stringify(b.gradeCounts)}::jsonb, ${JSON.stringify(b.aShare)}::jsonb, ${b.unitCount}, ${b.reason},
      ${b.by}, ${b.at})
    RETURNING id`);
  const id = r.rows[0]!.id;
  await tx.execute(
    sql`INSERT INTO evaluation_board_inputs (board_id, input_gzip)
        VALUES (${id}, ${gzipSync(b.inputText, { level: 1 })})`,
  );
  if (results.length > 0) {
    // One JSON array of rows, each with its details spliced in as already-serialised JSON: parsed once, by PostgreSQL.
    const rows = results.map((x, i) => {
      const head = JSON.stringify({
        unit_id: x.unitId,
        unit_name: x.unitName,
        rank: x.rank,
        grade: x.grade,
        total: x.total,
        total_text: x.totalText,
        change: x.change,
        open_problems: x.openProblems,
      });
      const d = detailJson[i]!;
      return `${head.slice(0, -1)},"n":${i + 1},"scores":${d.scores},"lines":${d.lines}}`;
    });
    // The records go as one text: each unit's JSON gzip-compressed, in base64, split by commas.
    await tx.execute(sql`INSERT INTO evaluation_board_results (board_id, unit_id, unit_name, rank, grade, total,
        total_text, change, open_problems, scores, lines, records_gzip)
      SELECT ${id}, x.unit_id, x.unit_name, x.rank, x.grade, x.total, x.total_text, x.change, x.open_problems,
             x.scores, x.lines, decode(r.records, 'base64')
      FROM jsonb_to_recordset(${`[${rows.join(',')}]`}::jsonb)
             AS x(n int, unit_id int, unit_name text, rank int, grade text, total float8, total_text text,
                  change jsonb, open_problems int, scores jsonb, lines jsonb)
      JOIN unnest(string_to_array(${detailJson
        .map((d) => gzipSync(d.records, { level: 1 }).toString('base64'))
        .join(',')}, ',')) WITH ORDINALITY AS r(records, n) ON r.n = x.n`);
  }
  return id;
}

export async function boardInput(db: Tx, boardId: number): Promise<string | undefined> {
  const r = await db.execute<{ gz: Buffer | null; text: string | null }>(
    sql`SELECT input_gzip AS gz, input_text AS text FROM evaluation_board_inputs WHERE board_id = ${boardId}`,
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return row.gz ? gunzipSync(row.gz).toString('utf8') : (row.text ?? undefined); // text: before migration 0013
}
