import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

// Where the CPU went during a run, from /proc (Linux only; elsewhere null).

/** Core-seconds each part used during a run, and how busy the whole machine was. */
export interface CpuUse {
  /** The harness process, which hosts the server under load (the other one idles). */
  serverS: number;
  /** Our PostgreSQL: its postmaster and every backend and worker under it. */
  postgresS: number;
  loadGeneratorS: number;
  /** Everything else busy on the machine meanwhile (other programs: noise in the figures). */
  otherS: number;
  /** Busy share of all CPUs over the run, 0–100. */
  machineBusyPct: number;
}

/** The processes to account for: the load generator and our postmaster. */
export interface CpuPids {
  loadGenerator: number | undefined;
  postmaster: number | undefined;
}

interface Snapshot {
  self: NodeJS.CpuUsage;
  postgresTicks: number;
  loadGenTicks: number;
  machine: { busy: number; total: number };
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

type ProcStat = { comm: string; ppid: number; ticks: number; reapedTicks: number };

/** A process's own CPU (utime + stime) and that of its reaped children, in clock ticks; null when it is gone. */
function procStat(pid: number | string): ProcStat | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    // f[0] is field 3 (state): ppid is field 4, utime/stime 14/15, cutime/cstime 16/17.
    const f = stat
      .slice(close + 2)
      .split(' ')
      .map(Number);
    return {
      comm,
      ppid: f[1] ?? 0,
      ticks: (f[11] ?? 0) + (f[12] ?? 0),
      reapedTicks: (f[13] ?? 0) + (f[14] ?? 0),
    };
  } catch {
    return null;
  }
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const n = line.trim().split(/\s+/).slice(1).map(Number);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * The postmaster, its live children, and what it has reaped from exited ones
 * (a pool closing idle connections must not lose their time).
 */
function postgresTicks(postmaster: number): number {
  const root = procStat(postmaster);
  if (!root) return 0;
  let sum = root.ticks + root.reapedTicks;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const p = procStat(pid);
    if (p?.ppid === postmaster) sum += p.ticks;
  }
  return sum;
}

/** The postmaster's pid, found from one of its backends; undefined off Linux. */
export function postmasterOf(backendPid: number): number | undefined {
  return procStat(backendPid)?.ppid;
}

/** Takes a CPU snapshot, or null where /proc is not available. */
export function cpuSnapshot(pids: CpuPids): Snapshot | null {
  if (process.platform !== 'linux') return null;
  try {
    return {
      self: process.cpuUsage(),
      postgresTicks: pids.postmaster === undefined ? 0 : postgresTicks(pids.postmaster),
      loadGenTicks: pids.loadGenerator === undefined ? 0 : (procStat(pids.loadGenerator)?.ticks ?? 0),
      machine: machineTicks(),
    };
  } catch {
    return null;
  }
}

/** CPU used between two snapshots. */
export function cpuBetween(a: Snapshot | null, b: Snapshot | null): CpuUse | null {
  if (!a || !b) return null;
  const hz = clockTicks();
  const total = b.machine.total - a.machine.total;
  const busyS = (b.machine.busy - a.machine.busy) / hz;
  const serverS = (b.self.user - a.self.user + b.self.system - a.self.system) / 1e6;
  const postgresS = (b.postgresTicks - a.postgresTicks) / hz;
  const loadGeneratorS = (b.loadGenTicks - a.loadGenTicks) / hz;
  return {
    serverS,
    postgresS,
    loadGeneratorS,
    otherS: Math.max(0, busyS - serverS - postgresS - loadGeneratorS),
    machineBusyPct: total > 0 ? (100 * (b.machine.busy - a.machine.busy)) / total : 0,
  };
}
