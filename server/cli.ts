import { loadConfig, ConfigError, type Config } from './config.ts';
import { buildApp, loggerOptions } from './app.ts';
import { seedDemoCampaign } from './db/seed-demo-campaign.ts';
import { seedDemoEvaluation } from './db/seed-demo-evaluation.ts';
import { seedDemoProblems } from './db/seed-demo-problems.ts';
import { seedDemoSupervision } from './db/seed-demo-supervision.ts';
import { isEmpty, seedDemo, type DemoAccount } from './db/seed-demo.ts';
import { startEscalationJob } from './jobs/escalation.job.ts';
import { startLightsJob } from './jobs/lights.job.ts';
import { openRuntime, resolveSm4Keys } from './runtime.ts';
import { runEscalationLocked } from './modules/supervision/escalation.service.ts';
import { startAuditSealerJob } from './jobs/audit-sealer.job.ts';
import { sealPending, verifyAudit } from './modules/audit/audit-seal.repository.ts';
import { resetPassword } from './modules/session/session.service.ts';
import { findLogin } from './modules/session/session.repository.ts';
import { fileClock } from './lib/test-clock.ts';
import { roleLabels, type Role } from '../domain/roles.ts';

const usage = `luoshi — 落实 campaign platform

Usage:
  luoshi serve                          start the server (migrates; seeds the demo district into an empty database)
  luoshi migrate                        apply database migrations
  luoshi seed-demo                      load the demo district into an empty database
  luoshi audit verify                   verify the audit log's SM3 seal chain and report unsealed entries
  luoshi audit seal                     seal pending audit entries now (the server does this every second)
  luoshi escalation run                 run the escalation job now (raise and end supervision notices)
  luoshi user reset-password <username> print a one-time password for a user
`;

const log = (m: string) => process.stderr.write(`${m}\n`);

function printAccounts(accounts: DemoAccount[], shared: boolean): void {
  const rows = accounts.filter((a) => a.password !== null);
  log('');
  log(
    '演示账号 Demo accounts' +
      (shared ? ' (password from LUOSHI_DEMO_PASSWORD)' : ' — shown once, change at first sign-in'),
  );
  log('─'.repeat(78));
  for (const a of rows) {
    const roles = a.roles.map((r) => roleLabels[r as Role]?.zh ?? r).join('、');
    log(
      `  ${a.username.padEnd(18)} ${(shared ? '(shared)' : a.password!).padEnd(16)} ${a.name}  ${a.unit}  ${roles}`,
    );
  }
  log('─'.repeat(78));
  log('');
}

async function seedIfEmpty(config: Config, rt: Awaited<ReturnType<typeof openRuntime>>, force: boolean) {
  if (!(await isEmpty(rt.database.db))) {
    if (force)
      log('the database already holds data; the demo district is loaded only into an empty database');
    return;
  }
  log(`loading the demo district (seed "${config.demoSeed}")…`);
  const accounts = await seedDemo(rt.database.db, {
    seed: config.demoSeed,
    password: config.demoPassword,
    iterations: config.pbkdf2Iterations,
    now: new Date(),
  });
  await seedDemoCampaign(rt.database.db, new Date());
  await seedDemoProblems(rt.database.db, new Date());
  const keyed = { ...config, sm4: resolveSm4Keys(config, log) };
  await seedDemoSupervision({ database: rt.database, config: keyed, clock: () => new Date() }, new Date());
  await seedDemoEvaluation(rt.database.db, new Date());
  await sealPending(rt.database.db); // so a freshly loaded database verifies before the server ever ran
  printAccounts(accounts, config.demoPassword !== undefined);
}

async function serve(base: Config): Promise<void> {
  const config: Config = { ...base, sm4: resolveSm4Keys(base, log) };
  const rt = await openRuntime(config, log);
  await seedIfEmpty(config, rt, false);
  let clock = () => new Date();
  if (config.testClockFile) {
    log(
      `TEST CLOCK: the server's time is moved by the offset in ${config.testClockFile} (never in production)`,
    );
    clock = fileClock(config.testClockFile);
  }
  const deps = { database: rt.database, config, clock };
  const app = await buildApp(deps, { logger: loggerOptions(config.logLevel) });
  const lights = startLightsJob(deps, (m, err) => (err ? app.log.error({ err }, m) : app.log.info(m)));
  const sealer = startAuditSealerJob(deps, (m, err) => (err ? app.log.error({ err }, m) : app.log.info(m)));
  const escalation = startEscalationJob(deps, (m, err) =>
    err ? app.log.error({ err }, m) : app.log.info(m),
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await lights.stop();
    await escalation.stop();
    await app.close();
    await sealer.stop();
    await rt.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  log(
    `落实 Luoshi is running at http://${config.host}:${config.port} (${rt.embedded ? 'embedded PostgreSQL in ' + config.dataDir : 'DATABASE_URL'})`,
  );
}

/** Runs the `luoshi` command line. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, sub, arg] = argv;
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      log(e.message);
      return 2;
    }
    throw e;
  }
  switch (cmd) {
    case 'serve':
    case undefined:
      await serve(config);
      return -1; // keep running
    case 'migrate': {
      const rt = await openRuntime(config, log);
      await rt.stop();
      log('migrations applied');
      return 0;
    }
    case 'seed-demo': {
      const rt = await openRuntime(config, log);
      try {
        await seedIfEmpty(config, rt, true);
      } finally {
        await rt.stop();
      }
      return 0;
    }
    case 'audit': {
      if (sub !== 'verify' && sub !== 'seal') break;
      const rt = await openRuntime(config, log);
      try {
        if (sub === 'seal') {
          log(`${await sealPending(rt.database.db)} audit entries sealed`);
          return 0;
        }
        const r = await verifyAudit(rt.database.db, { staleSeconds: config.audit.sealStaleSeconds });
        process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        return r.ok ? 0 : 1;
      } finally {
        await rt.stop();
      }
    }
    case 'escalation': {
      if (sub !== 'run') break;
      const rt = await openRuntime(config, log);
      try {
        const r = await runEscalationLocked(rt.database, new Date());
        process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        if (!r.ran) log('another instance is running the escalation job; nothing done');
        return 0;
      } finally {
        await rt.stop();
      }
    }
    case 'user': {
      if (sub !== 'reset-password' || !arg) break;
      const rt = await openRuntime(config, log);
      try {
        const person = await findLogin(rt.database.db, arg);
        if (!person) {
          log(`no such user: ${arg}`);
          return 1;
        }
        const deps = { database: rt.database, config, clock: () => new Date() };
        const pw = await resetPassword(
          deps,
          person.id,
          { actorId: null, actorName: 'cli', ip: null },
          new Date(),
        );
        process.stdout.write(`${pw}\n`);
        log(`one-time password for ${person.username}; it must be changed at the next sign-in`);
        return 0;
      } finally {
        await rt.stop();
      }
    }
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(usage);
      return 0;
    default:
      break;
  }
  process.stderr.write(usage);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    log(`luoshi: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
