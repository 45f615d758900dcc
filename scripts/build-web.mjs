// Builds the web app into web/dist with Vite; shared by `npm start` and `npm test`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Runs `vite build` for web/; returns the exit status (0 on success). */
export function buildWeb(root) {
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  return r.status ?? 1;
}
