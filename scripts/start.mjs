#!/usr/bin/env node
// `npm start`: builds the web app when its sources are newer than the build, then runs `luoshi serve`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from './build-web.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = path.join(root, 'web/dist/index.html');
const sources = Math.max(
  newest(path.join(root, 'web/src')),
  statSync(path.join(root, 'web/index.html')).mtimeMs,
  newest(path.join(root, 'domain')),
);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  process.stderr.write('building the web app…\n');
  const status = buildWeb(root);
  if (status !== 0) process.exit(status);
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(root, 'server/cli.ts'), 'serve', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
