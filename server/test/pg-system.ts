import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { freePort, type RunningPostgres } from '../db/embedded.ts';

function readPostmasterPid(data: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Finds the machine's PostgreSQL binaries (initdb, postgres), preferring version 15. */
export function findSystemPostgresBin(): string | null {
  const candidates: string[] = [];
  if (process.env.LUOSHI_PG_BIN) candidates.push(process.env.LUOSHI_PG_BIN);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(a) - Number(b));
    const ordered = [...versions.filter((v) => v === '15'), ...versions.filter((v) => v !== '15')];
    for (const v of ordered) candidates.push(path.join(root, v, 'bin'));
  }
  return (
    candidates.find((d) => existsSync(path.join(d, 'initdb')) && existsSync(path.join(d, 'postgres'))) ?? null
  );
}

function runAs(user: string | null, cmd: string, args: string[]): void {
  if (user) execFileSync('runuser', ['-u', user, '--', cmd, ...args], { stdio: 'pipe' });
  else execFileSync(cmd, args, { stdio: 'pipe' });
}

/**
 * Starts the machine's PostgreSQL (15 where present) in a temporary folder on a
 * free 127.0.0.1 port: initdb, start, and on stop remove the folder.
 * Runs as the `postgres` system user when we are root (PostgreSQL refuses root).
 */
export async function startSystemPostgres(binDir: string): Promise<RunningPostgres & { version: string }> {
  const asUser = userInfo().uid === 0 ? 'postgres' : null;
  const dir = mkdtempSync(path.join(tmpdir(), 'luoshi-pg15-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const pwFile = path.join(dir, 'pw');
  writeFileSync(pwFile, 'luoshi-test\n', { mode: 0o644 });
  if (asUser) {
    try {
      execFileSync('id', ['-u', asUser], { stdio: 'pipe' });
    } catch {
      execFileSync('useradd', ['--system', '--no-create-home', asUser], { stdio: 'pipe' });
    }
  }
  runAs(asUser, path.join(binDir, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${pwFile}`,
    '--encoding=UTF8',
    '--locale=C',
  ]);
  const version = execFileSync(path.join(binDir, 'postgres'), ['--version']).toString().trim();
  const port = await freePort();
  const args = [
    '-D',
    data,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dir}`,
    '-c',
    'max_connections=200',
    '-c',
    'fsync=off',
  ];
  const child = asUser
    ? spawn('runuser', ['-u', asUser, '--', path.join(binDir, 'postgres'), ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
      })
    : spawn(path.join(binDir, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start: ${out}`)), 30_000);
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited with ${code}: ${out}`));
    });
  });
  child.stderr?.removeAllListeners('data');
  child.stderr?.resume();
  let stopped = false;
  return {
    url: `postgres://postgres:luoshi-test@127.0.0.1:${port}/postgres`,
    version,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Signal the postmaster itself (runuser does not pass signals on): SIGINT is a fast shutdown.
      const postmaster = readPostmasterPid(data);
      if (postmaster) {
        try {
          process.kill(postmaster, 'SIGINT');
        } catch {
          // already gone
        }
        const deadline = Date.now() + 30_000;
        while (alive(postmaster) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        if (alive(postmaster)) process.kill(postmaster, 'SIGKILL');
      } else {
        child.kill('SIGINT');
      }
      if (child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
