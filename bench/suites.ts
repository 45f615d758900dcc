import type { BenchSuite } from './lib/types.ts';

/**
 * Every benchmark `npm run bench -- <name>` knows, loaded on demand. To add
 * one (tasks, problems, ranking…), write `bench/<name>.bench.ts` exporting a
 * BenchSuite and list it here.
 */
export const suites: Record<string, () => Promise<BenchSuite>> = {
  session: async () => (await import('./session.bench.ts')).sessionSuite,
  tasks: async () => (await import('./tasks.bench.ts')).tasksSuite,
  problems: async () => (await import('./problems.bench.ts')).problemsSuite,
  ranking: async () => (await import('./ranking.bench.ts')).rankingSuite,
};
