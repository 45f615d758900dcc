#!/usr/bin/env node
// `npm test`: every suite, then one line "N passed, N failed" over all of them.
//  1. domain + server tests on the embedded PostgreSQL
//  2. server tests again on the machine's PostgreSQL 15 (started by the harness)
//  3. the web app is built, then the Playwright journeys in Chromium
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from './build-web.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.test-results');
mkdirSync(out, { recursive: true });
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const only = process.argv.slice(2);

function systemPgBin() {
  if (process.env.LUOSHI_PG_BIN) return process.env.LUOSHI_PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const v = readdirSync(base).sort((a, b) => (a === '15' ? -1 : b === '15' ? 1 : Number(a) - Number(b)));
  return v.map((x) => path.join(base, x, 'bin')).find((d) => existsSync(path.join(d, 'initdb'))) ?? null;
}

const runs = [];
function vitestRun(name, projects, env = {}) {
  if (only.length && !only.includes(name)) return;
  const file = path.join(out, `${name}.json`);
  rmSync(file, { force: true });
  process.stdout.write(`\n=== ${name} ===\n`);
  const args = [
    vitest,
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    passed = j.numPassedTests;
    failed = j.numFailedTests + (j.numFailedTestSuites ?? 0);
    skipped = j.numPendingTests + (j.numTodoTests ?? 0);
  }
  if (r.status !== 0 && failed === 0) failed = 1; // crashed before reporting
  if (passed + failed === 0) failed = 1; // a suite that ran nothing is a failure
  runs.push({ name, passed, failed, skipped });
}

vitestRun('embedded', ['domain', 'server']);
const bin = systemPgBin();
if (bin) vitestRun('postgresql-15', ['server'], { LUOSHI_TEST_PG: 'system', LUOSHI_PG_BIN: bin });
else if (!only.length || only.includes('postgresql-15')) {
  process.stdout.write(
    '\n' +
      '!'.repeat(72) +
      '\n!!! SKIPPED: no PostgreSQL binaries (/usr/lib/postgresql/*/bin); the server suite did NOT run on PostgreSQL 15\n' +
      '!'.repeat(72) +
      '\n',
  );
}
if (!only.length || only.includes('e2e')) {
  process.stdout.write('\n=== building the web app for e2e ===\n');
  const status = buildWeb(root);
  if (status !== 0) runs.push({ name: 'web build', passed: 0, failed: 1, skipped: 0 });
  else vitestRun('e2e', ['e2e']);
}

if (process.env.LUOSHI_CHECK_FAILED === '1')
  runs.push({ name: 'npm run check', passed: 0, failed: 1, skipped: 0 });
process.stdout.write('\n');
for (const r of runs)
  process.stdout.write(
    `${r.name.padEnd(16)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}\n`,
  );
const total = runs.reduce(
  (a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
process.stdout.write(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}\n`,
);
process.exit(total.failed > 0 ? 1 : 0);
