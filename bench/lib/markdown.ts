import type { VerifyResult } from '../../server/modules/audit/audit.repository.ts';
import type { BenchReport } from './report.ts';
import type { Check, ScenarioResult, SideResult, Target, Timing } from './types.ts';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** A target as the table shows it: `≥ 0.50` (ratio) or `p99 < 50 ms`. */
export function targetText(t: Target): string {
  return 'ratio' in t ? `≥ ${t.ratio.toFixed(2)}` : `p99 < ${t.p99Ms} ms`;
}

/** The scenario table in Markdown (latencies in ms). */
export function scenarioTable(rows: readonly ScenarioResult[]): string {
  const head = [
    '| scenario | Luoshi req/s | p50 | p99 | baseline req/s | p50 | p99 | ratio | target | result |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  const body = rows.map((r) =>
    [
      r.title,
      int(r.luoshi.requestsPerSec),
      `${ms(r.luoshi.latencyMs.p50)} ms`,
      `${ms(r.luoshi.latencyMs.p99)} ms`,
      int(r.baseline.requestsPerSec),
      `${ms(r.baseline.latencyMs.p50)} ms`,
      `${ms(r.baseline.latencyMs.p99)} ms`,
      r.ratio.toFixed(2),
      targetText(r.target),
      `${r.pass ? 'pass' : '**fail**'}${r.problems.length > 0 ? ` (${r.problems.join('; ')})` : ''}`,
    ].join(' | '),
  );
  return [...head, ...body.map((b) => `| ${b} |`)].join('\n');
}

function cpuCells(side: SideResult): string[] {
  const c = side.cpu;
  if (!c || side.totalRequests === 0) return ['—', '—', '—', '—', '—'];
  const per = (s: number) => ((1000 * s) / side.totalRequests).toFixed(2);
  const cores = (s: number) => (s / side.durationS).toFixed(2);
  return [
    per(c.serverS),
    per(c.postgresS),
    per(c.loadGeneratorS),
    cores(c.otherS),
    `${c.machineBusyPct.toFixed(0)} %`,
  ];
}

/**
 * Where the CPU went, in core-milliseconds per request, for each side: what
 * tells a slow server from a slow database when both share two cores.
 */
export function cpuTable(rows: readonly ScenarioResult[]): string {
  const head = [
    '| scenario | side | server ms/req | postgres ms/req | load gen ms/req | other programs (cores) | machine busy |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  const body = rows.flatMap((r) => [
    `| ${r.title} | Luoshi | ${cpuCells(r.luoshi).join(' | ')} |`,
    `| | baseline | ${cpuCells(r.baseline).join(' | ')} |`,
  ]);
  return [...head, ...body].join('\n');
}

/** A warning when other programs used noticeable CPU during any run, or '' when none did. */
export function noiseNote(rows: readonly ScenarioResult[]): string {
  const worst = Math.max(
    0,
    ...rows.flatMap((r) => [r.luoshi, r.baseline]).map((s) => (s.cpu ? s.cpu.otherS / s.durationS : 0)),
  );
  if (worst < 0.15) return '';
  return `note: other programs used up to ${worst.toFixed(2)} cores during a run; these figures are disturbed (rerun on a quiet machine).`;
}

/** With --sql-stats: each side's heaviest statements, per HTTP request. */
export function statementTables(rows: readonly ScenarioResult[]): string {
  const out: string[] = [];
  for (const r of rows) {
    for (const [side, res] of [
      ['Luoshi', r.luoshi],
      ['baseline', r.baseline],
    ] as const) {
      if (!res.statements) continue;
      out.push(
        `${r.title} — ${side}:`,
        '',
        '| calls/req | plan ms | exec ms | db ms/req | statement |',
        '|---:|---:|---:|---:|---|',
      );
      for (const st of res.statements) {
        const q = st.query.length > 110 ? `${st.query.slice(0, 107)}…` : st.query;
        out.push(
          `| ${st.perRequest.toFixed(2)} | ${st.meanPlanMs.toFixed(3)} | ${st.meanExecMs.toFixed(3)} | ${st.msPerRequest.toFixed(3)} | \`${q.replace(/\|/g, '\\|')}\` |`,
        );
      }
      out.push('');
    }
  }
  return out.join('\n');
}

/** Sequential timings (e.g. sign-in cost) in Markdown. */
export function timingTable(rows: readonly Timing[]): string {
  if (rows.length === 0) return '';
  const head = ['| measurement | n | mean | p50 | min | max |', '|---|---:|---:|---:|---:|---:|'];
  const body = rows.map(
    (t) =>
      `| ${t.label} | ${t.samples} | ${ms(t.meanMs)} ms | ${ms(t.p50Ms)} ms | ${ms(t.minMs)} ms | ${ms(t.maxMs)} ms |`,
  );
  return [...head, ...body].join('\n');
}

/** One line per correctness check. */
export function checkLines(checks: readonly Check[]): string {
  return checks.map((c) => `check: ${c.ok ? 'ok' : '**FAILED**'}: ${c.label} (${c.detail})`).join('\n');
}

/** One line on the audit chain's health after the run. */
export function auditLine(a: VerifyResult): string {
  const pending = `${a.pending.count} waiting for the sealer, ${a.pending.stale} overdue`;
  if (a.ok)
    return `audit seal chain: intact (${a.entries.toLocaleString('en-US')} entries, ${a.sealed.toLocaleString('en-US')} sealed, ${pending})`;
  const b = a.broken;
  return `audit seal chain: **BROKEN** at seal ${b?.seq ?? '—'} (entry ${b?.id ?? '—'}, ${b?.reason}); ${a.entries} entries, ${a.sealed} sealed, ${pending}`;
}

/** The whole report as Markdown, as the run prints it. */
export function renderMarkdown(r: BenchReport): string {
  const s = r.settings;
  return [
    `## ${r.name} — ${r.pgLabel}`,
    '',
    `${s.connections} connections, ${s.durationS} s each after ${s.warmupS} s warm-up; pool ${s.poolSize}; ` +
      `${s.baselineMode} baseline; ${r.machine.cpus} CPUs, Node ${r.machine.node}; ` +
      `load average at start ${r.machine.loadAverageAtStart.toFixed(2)}`,
    '',
    r.notes.join('\n'),
    '',
    scenarioTable(r.scenarios),
    '',
    'CPU (core-ms per request):',
    '',
    cpuTable(r.scenarios),
    noiseNote(r.scenarios),
    '',
    timingTable(r.timings),
    '',
    statementTables(r.scenarios),
    checkLines(r.checks),
    auditLine(r.audit),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
