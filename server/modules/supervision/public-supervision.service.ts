import { sql } from 'drizzle-orm';
import { shanghaiDate } from '../../../domain/calendar/shanghai-date.ts';
import {
  cardColourLabels,
  circularToneLabels,
  isWarningInForce,
  type CardColour,
  type CircularTone,
} from '../../../domain/supervision/publication.ts';
import type { Tx } from '../../db/client.ts';

/** How many of each the public page shows, newest first. */
const PUBLIC_LIMIT = 100;

/**
 * 通报曝光: the circulars and warnings the office published to the public
 * (status `published_public`; a revoked one is gone). Only what the public
 * document says: the tone, the title and text, the units and people named,
 * when it was published. Nothing of who drafted or approved it.
 */
export async function publicSupervision(db: Tx, now: Date) {
  const [circulars, warnings] = await Promise.all([
    db.execute<{
      id: number;
      tone: CircularTone;
      title: string;
      body: string;
      publishedAt: Date | string;
      units: string[];
      people: string[];
    }>(sql`SELECT x.id, x.tone, x.title, x.body, x.published_at AS "publishedAt",
        coalesce((SELECT json_agg(u.name ORDER BY u.sort, u.id) FROM circular_units cu
          JOIN units u ON u.id = cu.unit_id WHERE cu.circular_id = x.id), '[]') AS units,
        coalesce((SELECT json_agg(p.name ORDER BY p.id) FROM circular_people cp
          JOIN people p ON p.id = cp.person_id WHERE cp.circular_id = x.id), '[]') AS people
      FROM circulars x WHERE x.status = 'published_public'
      ORDER BY x.published_at DESC, x.id DESC LIMIT ${PUBLIC_LIMIT}`),
    db.execute<{
      id: number;
      unit: string;
      colour: CardColour;
      reason: string;
      startOn: string;
      endOn: string;
      publishedAt: Date | string;
    }>(sql`SELECT x.id, u.name AS unit, x.colour, x.reason,
        to_char(x.from_on, 'YYYY-MM-DD') AS "startOn", to_char(x.to_on, 'YYYY-MM-DD') AS "endOn",
        x.published_at AS "publishedAt"
      FROM warnings x JOIN units u ON u.id = x.unit_id WHERE x.status = 'published_public'
      ORDER BY x.published_at DESC, x.id DESC LIMIT ${PUBLIC_LIMIT}`),
  ]);
  const iso = (d: Date | string) => new Date(d).toISOString();
  const today = shanghaiDate(now);
  return {
    circulars: circulars.rows.map((c) => ({
      id: c.id,
      tone: c.tone,
      toneLabel: circularToneLabels[c.tone],
      title: c.title,
      body: c.body,
      units: c.units,
      people: c.people,
      publishedAt: iso(c.publishedAt),
    })),
    warnings: warnings.rows.map((w) => ({
      id: w.id,
      unit: w.unit,
      colour: w.colour,
      colourLabel: cardColourLabels[w.colour],
      reason: w.reason,
      startOn: w.startOn,
      endOn: w.endOn,
      inForce: isWarningInForce({ from: w.startOn, to: w.endOn, status: 'published_public' }, today),
      publishedAt: iso(w.publishedAt),
    })),
  };
}
