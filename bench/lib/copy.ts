import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type pg from 'pg';

// Bulk loading with COPY … FROM STDIN on a plain `pg` client, without a
// dependency: a Submittable (the interface pg-cursor and pg-copy-streams use)
// that streams COPY text-format rows and waits for the server's answer.

/** The parts of pg's connection a COPY needs. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: Writable;
}

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const escape = (c: string) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t');

/** A value in COPY text format: `\N` for null, backslash escapes for the rest. */
function field(v: unknown): string {
  if (typeof v === 'string') return SPECIAL.test(v) ? v.replace(SPECIALS, escape) : v;
  if (typeof v === 'number') return String(v);
  if (v === null || v === undefined) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = String(v);
  return SPECIAL.test(s) ? s.replace(SPECIALS, escape) : s;
}

const CHUNK = 1 << 20;

class CopyIn {
  readonly done: Promise<number>;
  private resolve!: (rows: number) => void;
  private reject!: (err: Error) => void;
  private rows = 0;
  private failed = false;

  constructor(
    private readonly text: string,
    private readonly source: Iterable<readonly unknown[]>,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    this.pump(connection).catch((err: unknown) => {
      this.failed = true;
      connection.sendCopyFail(err instanceof Error ? err.message : String(err));
    });
  }

  private async pump(connection: CopyConnection): Promise<void> {
    let buf = '';
    for (const row of this.source) {
      buf += row.map(field).join('\t') + '\n';
      if (buf.length < CHUNK) continue;
      if (this.failed) return;
      connection.sendCopyFromChunk(Buffer.from(buf, 'utf8'));
      buf = '';
      if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
    }
    if (this.failed) return;
    if (buf) connection.sendCopyFromChunk(Buffer.from(buf, 'utf8'));
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.rows = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
  }

  handleError(err: Error): void {
    this.failed = true;
    this.reject(err);
  }

  handleReadyForQuery(): void {
    if (!this.failed) this.resolve(this.rows);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleEmptyQuery(): void {}
  handleCopyData(): void {}
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Loads rows into `table` with `COPY … FROM STDIN` on one client (inside the
 * client's transaction, if it has one) and returns how many the server took.
 * Rows are read lazily, so a generator can stream millions without holding them.
 */
export async function copyRows(
  client: pg.PoolClient | pg.Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<number> {
  const copy = new CopyIn(`COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM STDIN`, rows);
  client.query(copy as unknown as pg.Submittable);
  return copy.done;
}
