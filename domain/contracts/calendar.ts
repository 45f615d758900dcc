import { z } from 'zod';
import { isIsoDate } from '../calendar/shanghai-date.ts';
import { displayName } from './common.ts';

export const calendarQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) });

export const calendarDateParams = z.strictObject({
  date: z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD'),
});

export const calendarDayBody = z.strictObject({
  kind: z.enum(['holiday', 'workday']),
  name: displayName(30),
});

export const calendarDay = z.object({
  date: z.string(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
});

export const calendarResponse = z.object({
  year: z.number().int(),
  /** Working days in the year after holidays and make-up days. */
  workingDays: z.number().int(),
  days: z.array(calendarDay),
});
