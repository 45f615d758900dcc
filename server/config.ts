import path from 'node:path';
import { z } from 'zod';
import { parseSm4Key, Sm4KeyError, type Sm4Key } from './lib/sm4.ts';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

/** Every setting Luoshi reads from the environment; this is the only reader of process.env. */
const envSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LUOSHI_DATA_DIR: z.string().min(1).default('./data'),
  LUOSHI_DEMO_PASSWORD: z.string().min(8).optional(),
  LUOSHI_DEMO_SEED: z.string().min(1).default('qingjiang'),
  LUOSHI_SESSION_IDLE_MINUTES: int(30, 1, 24 * 60),
  LUOSHI_SESSION_ABSOLUTE_HOURS: int(12, 1, 24 * 30),
  LUOSHI_SESSION_CACHE_SECONDS: int(5, 0, 60),
  LUOSHI_SESSION_TOUCH_SECONDS: int(60, 1, 600),
  LUOSHI_AUDIT_SEAL_INTERVAL_MS: int(500, 50, 60_000),
  LUOSHI_AUDIT_SEAL_STALE_SECONDS: int(5, 1, 3600),
  LUOSHI_LOCKOUT_THRESHOLD: int(5, 1, 100),
  LUOSHI_LOCKOUT_WINDOW_MINUTES: int(15, 1, 24 * 60),
  LUOSHI_LOCKOUT_MINUTES: int(15, 1, 24 * 60),
  LUOSHI_PBKDF2_ITERATIONS: int(100_000, 1_000, 10_000_000),
  LUOSHI_PUBLIC_ORIGIN: z.url().optional(),
  LUOSHI_COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LUOSHI_DB_POOL_SIZE: int(16, 1, 200),
  LUOSHI_MAX_UPLOAD_MB: int(20, 1, 1024),
  LUOSHI_LIST_CACHE_SECONDS: int(10, 0, 300),
  LUOSHI_SM4_KEY: z.string().optional(),
  LUOSHI_SM4_PREVIOUS_KEYS: z.string().optional(),
  LUOSHI_ESCALATION_INTERVAL_MINUTES: int(30, 1, 24 * 60),
  LUOSHI_STATS_CACHE_QUERIES: int(100, 0, 10_000),
  /** End-to-end tests only: a file holding the milliseconds to add to the server's clock. */
  LUOSHI_TEST_CLOCK_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demoPassword: string | undefined;
  demoSeed: string;
  session: {
    idleMinutes: number;
    absoluteHours: number;
    cookieSecure: boolean;
    /** How long this process trusts a validated session before asking the database again (0: never). */
    cacheSeconds: number;
    /** The idle timeout's last-seen time is written at most this often per session. */
    touchSeconds: number;
  };
  audit: {
    /** How often the sealer links newly committed entries into the SM3 seal chain. */
    sealIntervalMs: number;
    /** `verify` flags entries still waiting for a seal after this long. */
    sealStaleSeconds: number;
  };
  lockout: { threshold: number; windowMinutes: number; lockMinutes: number };
  pbkdf2Iterations: number;
  publicOrigin: string | undefined;
  poolSize: number;
  /** Largest attachment accepted, in bytes. */
  maxUploadBytes: number;
  /** How long a task list answer may be served again while nothing it reads has changed (0: never). */
  listCacheSeconds: number;
  /**
   * SM4 keys for texts stored encrypted (accountability decisions): the current
   * one seals, every one opens. Undefined when LUOSHI_SM4_KEY is not set; the
   * runtime then uses a development key (see `resolveSm4Keys`).
   */
  sm4: Sm4Keys | undefined;
  /** How often the escalation job looks for what slipped. */
  escalationIntervalMinutes: number;
  /** Problem statistics queries each process keeps computed (0: none, every request computes). */
  statsCacheQueries: number;
  /** End-to-end tests only: the server's clock is the real time plus the offset in this file. */
  testClockFile: string | undefined;
  logLevel: Env['LOG_LEVEL'];
}

/** Thrown at start-up when a variable is wrong; the message names the variable. */
export class ConfigError extends Error {}

/** The SM4 keys in use and where the current one came from. */
export interface Sm4Keys {
  /** Seals new texts. */
  current: Sm4Key;
  /** Open texts: the current key first, then LUOSHI_SM4_PREVIOUS_KEYS (for rotation). */
  all: Sm4Key[];
  /** `configured`: LUOSHI_SM4_KEY; `development`: generated for a demo or development data directory. */
  source: 'configured' | 'development';
}

/** Parses the current key and the previous ones (comma-separated); each error names its variable. */
export function sm4KeysOf(current: string, previous: string | undefined, source: Sm4Keys['source']): Sm4Keys {
  const key = parseSm4Key(current, 'LUOSHI_SM4_KEY');
  const old = (previous ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map((k, i) => parseSm4Key(k, `LUOSHI_SM4_PREVIOUS_KEYS[${i}]`));
  return { current: key, all: [key, ...old.filter((k) => k.id !== key.id)], source };
}

/** Parses the environment into a Config, or throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration / 配置有误:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let sm4: Sm4Keys | undefined;
  try {
    if (e.LUOSHI_SM4_KEY !== undefined)
      sm4 = sm4KeysOf(e.LUOSHI_SM4_KEY, e.LUOSHI_SM4_PREVIOUS_KEYS, 'configured');
    else if (e.LUOSHI_SM4_PREVIOUS_KEYS !== undefined)
      throw new Sm4KeyError('LUOSHI_SM4_PREVIOUS_KEYS is set but LUOSHI_SM4_KEY is not');
  } catch (err) {
    if (err instanceof Sm4KeyError)
      throw new ConfigError(`Invalid configuration / 配置有误:\n  ${err.message}`);
    throw err;
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.LUOSHI_DATA_DIR),
    demoPassword: e.LUOSHI_DEMO_PASSWORD,
    demoSeed: e.LUOSHI_DEMO_SEED,
    session: {
      idleMinutes: e.LUOSHI_SESSION_IDLE_MINUTES,
      absoluteHours: e.LUOSHI_SESSION_ABSOLUTE_HOURS,
      cookieSecure: e.LUOSHI_COOKIE_SECURE,
      cacheSeconds: e.LUOSHI_SESSION_CACHE_SECONDS,
      touchSeconds: e.LUOSHI_SESSION_TOUCH_SECONDS,
    },
    audit: {
      sealIntervalMs: e.LUOSHI_AUDIT_SEAL_INTERVAL_MS,
      sealStaleSeconds: e.LUOSHI_AUDIT_SEAL_STALE_SECONDS,
    },
    lockout: {
      threshold: e.LUOSHI_LOCKOUT_THRESHOLD,
      windowMinutes: e.LUOSHI_LOCKOUT_WINDOW_MINUTES,
      lockMinutes: e.LUOSHI_LOCKOUT_MINUTES,
    },
    pbkdf2Iterations: e.LUOSHI_PBKDF2_ITERATIONS,
    publicOrigin: e.LUOSHI_PUBLIC_ORIGIN,
    poolSize: e.LUOSHI_DB_POOL_SIZE,
    maxUploadBytes: e.LUOSHI_MAX_UPLOAD_MB * 1024 * 1024,
    listCacheSeconds: e.LUOSHI_LIST_CACHE_SECONDS,
    sm4,
    escalationIntervalMinutes: e.LUOSHI_ESCALATION_INTERVAL_MINUTES,
    statsCacheQueries: e.LUOSHI_STATS_CACHE_QUERIES,
    testClockFile: e.LUOSHI_TEST_CLOCK_FILE,
    logLevel: e.LOG_LEVEL,
  };
}
