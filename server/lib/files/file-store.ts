import { randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { sm3Hex } from '../crypto.ts';

/**
 * Content-addressed file storage outside the web root:
 * `<dataDir>/files/<first 2 hex>/<SM3 digest>`. The same bytes are stored
 * once; a file appears under its name only when completely written (a
 * temporary file, flushed, then renamed).
 */

const DIGEST = /^[0-9a-f]{64}$/;

/** Where the file with this SM3 digest lives. */
export function storedPath(dataDir: string, digest: string): string {
  if (!DIGEST.test(digest)) throw new Error('not an SM3 digest');
  return path.join(dataDir, 'files', digest.slice(0, 2), digest);
}

/** Stores bytes (once per content) and returns their SM3 digest. */
export async function storeBytes(
  dataDir: string,
  bytes: Buffer,
): Promise<{ digest: string; created: boolean }> {
  const digest = sm3Hex(bytes);
  const final = storedPath(dataDir, digest);
  const existing = await stat(final).catch(() => null);
  if (existing?.isFile() && existing.size === bytes.length) return { digest, created: false };
  await mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
  const tmp = `${path.dirname(final)}/.${digest}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, final);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { digest, created: true };
}

/** A stored file to stream, or null when it is missing. */
export async function openStored(
  dataDir: string,
  digest: string,
): Promise<{ stream: ReadStream; size: number } | null> {
  const file = storedPath(dataDir, digest);
  const st = await stat(file).catch(() => null);
  if (!st?.isFile()) return null;
  return { stream: createReadStream(file), size: st.size };
}
