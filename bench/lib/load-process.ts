// The load generator's own process: autocannon parses every response and keeps
// histograms in JavaScript, so on the server's event loop it would steal the
// very time it is trying to measure.
import autocannon from 'autocannon';
import type { LoadReply, LoadRequest } from './load-protocol.ts';
import type { LoadSummary, LoadTarget } from './types.ts';

/** The request list for autocannon, and a count of the requests it built. */
function requestsOf(target: LoadTarget): { requests: autocannon.Request[]; sent: () => number } {
  let n = 0;
  const base: autocannon.Request = {
    method: target.method,
    path: target.path,
    headers: target.headers,
    body: target.body,
    setupRequest: (req) => {
      n++;
      return req;
    },
  };
  const variants = target.rotate ?? [];
  if (variants.length === 0) return { requests: [base], sent: () => n };
  const from = target.rotateFrom ?? 0;
  return {
    requests: [
      {
        ...base,
        setupRequest: (req) => {
          const v = variants[(from + n++) % variants.length]!;
          return {
            ...req,
            path: v.path ?? req.path,
            body: v.body ?? req.body,
            headers: v.headers ? { ...req.headers, ...v.headers } : req.headers,
          };
        },
      },
    ],
    sent: () => n,
  };
}

/** Runs one autocannon load and condenses its result. */
export async function runLoad(req: LoadRequest): Promise<LoadSummary> {
  const { requests, sent } = requestsOf(req.target);
  const r = await autocannon({
    url: req.baseUrl,
    connections: req.connections,
    duration: req.durationS,
    ...(req.target.timeoutS ? { timeout: req.target.timeoutS } : {}),
    requests,
  });
  return {
    requestsPerSec: r.requests.average,
    totalRequests: r.requests.total,
    durationS: r.duration,
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      mean: r.latency.mean,
      max: r.latency.max,
    },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    sent: sent(),
  };
}

function reply(msg: LoadReply): void {
  process.send?.(msg);
}

if (process.send) {
  process.on('message', (msg: LoadRequest) => {
    runLoad(msg).then(
      (summary) => reply({ id: msg.id, ok: true, summary }),
      (err: unknown) =>
        reply({ id: msg.id, ok: false, message: err instanceof Error ? err.message : String(err) }),
    );
  });
  // The harness is gone (or stopping): so are we.
  process.on('disconnect', () => process.exit(0));
  // Ctrl-C reaches the whole process group; the harness decides when we stop.
  process.on('SIGINT', () => {});
}
