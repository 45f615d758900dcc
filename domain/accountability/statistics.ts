import type { IsoDate } from '../calendar/shanghai-date.ts';
import type { Form } from './forms.ts';
import { formOfRecord, isHeldToAccount, type AccountabilityRecord } from './record.ts';

/** 回访教育记录: one visit to one person. */
export interface FollowUpVisit {
  personId: number;
  /** The case the visit follows, when known (people sanctioned before Luoshi have none). */
  caseId: number | null;
  visitedOn: IsoDate;
  /** 提出“不影响使用”意见: the visit ended with the opinion that the person may be appointed or promoted. */
  noEffectOnUseOpinion: boolean;
}

/** 问责统计 */
export interface AccountabilityStats {
  /** 件: distinct cases decided in the period. */
  cases: number;
  /** 人: distinct people held to account (exempt people are not counted here). */
  people: number;
  /** Distinct units (党组织) held to account. */
  units: number;
  /** People by the heaviest form each received in the period; sums to `people`. */
  byForm: Record<Form, number>;
  /** Distinct people treated leniently, by kind; `lenientOrReduced` is "从轻或减轻处理 N 人". */
  leniency: { lenient: number; reduced: number; exempt: number; lenientOrReduced: number };
  /** 回访教育 N 人: distinct people visited in the period, whatever year they were sanctioned. */
  visited: number;
  /** 回访 N 人次: visits made in the period. */
  visits: number;
  /** 提出不影响使用意见 N 人次: visits in the period that ended with that opinion. */
  opinions: number;
}

/** An inclusive range of Shanghai dates; either end may be open. */
export interface DateRange {
  from?: IsoDate;
  to?: IsoDate;
}

const within = (d: IsoDate, r: DateRange) => (!r.from || d >= r.from) && (!r.to || d <= r.to);

/**
 * Aggregates accountability records (by decision date) and visits (by visit
 * date) in a period, the way the discipline commission reports them:
 * "查处 14 件 21 人；回访教育 123 人；从轻或减轻处理 7 人；提出不影响使用意见 20 人次".
 * People are counted once however many records they have; visits and opinions
 * are counted per occasion (人次). A person both exempted and sanctioned in the
 * period counts among the people held to account.
 */
export function accountabilityStatistics(
  records: readonly AccountabilityRecord[],
  visits: readonly FollowUpVisit[],
  period: DateRange = {},
): AccountabilityStats {
  const cases = new Set<number>();
  const people = new Set<number>();
  const units = new Set<number>();
  const heaviest = new Map<number, Form>();
  const lenient = new Set<number>();
  const reduced = new Set<number>();
  const exempt = new Set<number>();
  for (const r of records) {
    if (!within(r.decidedOn, period)) continue;
    cases.add(r.caseId);
    const held = isHeldToAccount(r);
    if (r.subject.kind === 'unit') {
      if (held) units.add(r.subject.unitId);
      continue;
    }
    const id = r.subject.personId;
    if (r.leniency?.kind === 'lenient') lenient.add(id);
    if (r.leniency?.kind === 'reduced') reduced.add(id);
    if (r.leniency?.kind === 'exempt') exempt.add(id);
    if (!held) continue;
    people.add(id);
    const form = formOfRecord(r);
    if (form !== null && form > (heaviest.get(id) ?? 0)) heaviest.set(id, form);
  }
  const byForm: Record<Form, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const f of heaviest.values()) byForm[f]++;
  const visited = new Set<number>();
  let visitCount = 0;
  let opinions = 0;
  for (const v of visits) {
    if (!within(v.visitedOn, period)) continue;
    visited.add(v.personId);
    visitCount++;
    if (v.noEffectOnUseOpinion) opinions++;
  }
  for (const id of people) exempt.delete(id);
  return {
    cases: cases.size,
    people: people.size,
    units: units.size,
    byForm,
    leniency: {
      lenient: lenient.size,
      reduced: reduced.size,
      exempt: exempt.size,
      lenientOrReduced: new Set([...lenient, ...reduced]).size,
    },
    visited: visited.size,
    visits: visitCount,
    opinions,
  };
}
