import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './cleanup.ts';
import type { LoadReply, LoadRequest } from './load-protocol.ts';
import type { LoadSummary, LoadTarget } from './types.ts';

/** The autocannon process, driven from the harness. */
export interface LoadGenerator {
  pid: number | undefined;
  run(
    baseUrl: string,
    target: LoadTarget,
    opts: { durationS: number; connections: number },
  ): Promise<LoadSummary>;
}

/**
 * Starts autocannon in a child process (same tsx loader, via the inherited
 * execArgv) so it has its own event loop, heap and garbage collector, and the
 * OS can schedule it beside the server rather than inside it.
 */
export function startLoadGenerator(cleanup: Cleanup): LoadGenerator {
  const child: ChildProcess = fork(fileURLToPath(new URL('./load-process.ts', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  cleanup.defer('stop the load generator', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  const pending = new Map<number, { resolve: (s: LoadSummary) => void; reject: (e: Error) => void }>();
  child.on('message', (msg: LoadReply) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.summary);
    else p.reject(new Error(`autocannon: ${msg.message}`));
  });
  child.on('exit', (code, signal) => {
    for (const p of pending.values()) p.reject(new Error(`load generator exited (${signal ?? code})`));
    pending.clear();
  });
  let nextId = 1;
  return {
    pid: child.pid,
    run(baseUrl, target, opts) {
      const id = nextId++;
      const req: LoadRequest = {
        id,
        baseUrl,
        target,
        durationS: opts.durationS,
        connections: opts.connections,
      };
      return new Promise<LoadSummary>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send(req);
      });
    },
  };
}
