import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { VerifyResult } from '../../server/modules/audit/audit.repository.ts';
import type { BaselineMode, Check, ScenarioResult, Timing } from './types.ts';

export interface BenchReport {
  name: string;
  pg: string;
  pgLabel: string;
  startedAt: string;
  finishedAt: string;
  settings: {
    durationS: number;
    warmupS: number;
    connections: number;
    poolSize: number;
    pbkdf2Iterations: number;
    baselineMode: BaselineMode;
  };
  machine: { cpus: number; node: string; platform: string; loadAverageAtStart: number };
  loadGenerator: string;
  /** The suite's notes, e.g. how long its data set took to load. */
  notes: string[];
  scenarios: ScenarioResult[];
  timings: Timing[];
  checks: Check[];
  audit: VerifyResult;
  pass: boolean;
}

/** Writes the report to `bench/results/<name>-<pg>-<timestamp>.json` and returns the path. */
export async function writeReport(report: BenchReport): Promise<string> {
  const dir = path.join(import.meta.dirname, '..', 'results');
  await mkdir(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const file = path.join(dir, `${report.name}-${report.pg}-${stamp}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
