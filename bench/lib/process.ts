/** Does a process with this pid exist (a zombie counts)? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends SIGINT (PostgreSQL's fast shutdown), then waits up to `limitMs` for the process to go. */
export async function stopProcess(pid: number, limitMs = 15_000): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + limitMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) throw new Error(`process ${pid} did not stop within ${limitMs / 1000} s`);
}
