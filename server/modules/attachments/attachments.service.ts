import type { ReadStream } from 'node:fs';
import { fail } from '../../../domain/errors.ts';
import type { AppDeps } from '../../deps.ts';
import type { Actor } from '../../http/actor.ts';
import { allowedKinds, detectFileKind } from '../../lib/files/file-kind.ts';
import { openStored, storeBytes } from '../../lib/files/file-store.ts';
import { sanitizeFilename } from '../../lib/files/filename.ts';
import { DamagedImageError, stripJpegMetadata, stripPngMetadata } from '../../lib/files/strip-metadata.ts';
import { readZipDirectory, verifyZipSizes, ZipTooLargeError } from '../../lib/zip/zip-reader.ts';
import { recordChange, type CallContext } from '../audit/audit.repository.ts';
import { canSeeAttachment } from './attachments.policy.ts';
import * as repo from './attachments.repository.ts';

/** Most bytes a docx or xlsx attachment may unpack to: a zip bomb is refused, not stored. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

/**
 * A Word or Excel file must unpack to its declared sizes, in all at most
 * `MAX_UNPACKED_BYTES`: anyone who opens it later (or a preview) would
 * otherwise unpack a bomb. 413 for too much, 415 for a zip that lies.
 */
async function checkUnpackedSize(bytes: Buffer): Promise<void> {
  try {
    await verifyZipSizes(bytes, readZipDirectory(bytes, 20_000), MAX_UNPACKED_BYTES);
  } catch (err) {
    if (err instanceof ZipTooLargeError)
      throw fail('payload_too_large', 'file', { reason: 'unpacked size', maxBytes: MAX_UNPACKED_BYTES });
    throw fail('file_type_not_allowed', 'file', { reason: 'damaged document' });
  }
}

/**
 * 上传附件: checks the file by its bytes (jpg, png, pdf, docx, xlsx only; a
 * docx or xlsx must not be a zip bomb), strips location and other metadata
 * from photos, stores it once per content under its SM3 digest, and records
 * the upload, unowned until a report, task or problem claims it. Nothing is
 * stored when the file is refused.
 */
export async function uploadAttachment(
  deps: AppDeps,
  c: CallContext,
  file: { filename: string; bytes: Buffer },
): Promise<repo.AttachmentRef> {
  if (file.bytes.length === 0) throw fail('file_empty', 'file');
  const kind = await detectFileKind(file.bytes);
  if (!kind) throw fail('file_type_not_allowed', 'file');
  let bytes = file.bytes;
  if (kind === 'docx' || kind === 'xlsx') await checkUnpackedSize(bytes);
  try {
    if (kind === 'jpg') bytes = stripJpegMetadata(bytes);
    if (kind === 'png') bytes = stripPngMetadata(bytes);
  } catch (err) {
    if (err instanceof DamagedImageError)
      throw fail('file_type_not_allowed', 'file', { reason: 'damaged image' });
    throw err;
  }
  const filename = sanitizeFilename(file.filename, kind);
  const mime = allowedKinds[kind].mime;
  const { digest } = await storeBytes(deps.config.dataDir, bytes);
  return deps.database.db.transaction(async (tx) => {
    const id = await repo.insertAttachment(tx, {
      digest,
      filename,
      mime,
      size: bytes.length,
      uploadedBy: c.actor.id,
      now: c.now,
    });
    const ref = { id, filename, size: bytes.length, mime };
    await recordChange(tx, c, 'attachment', 'attachment.upload', id, null, { ...ref, digest });
    return ref;
  });
}

/**
 * 下载附件: the file and how to send it, when the actor may see it (the
 * uploader, or whoever the owner's module allows); otherwise `not_found`, the
 * same as for an id that does not exist.
 */
export async function openAttachment(
  deps: AppDeps,
  actor: Actor,
  id: number,
): Promise<{ filename: string; mime: string; size: number; stream: ReadStream }> {
  const db = deps.database.db;
  const a = await repo.getAttachment(db, id);
  if (!a || !(await canSeeAttachment(db, actor, a))) throw fail('not_found', 'id');
  const file = await openStored(deps.config.dataDir, a.digest);
  if (!file) throw fail('not_found', 'id');
  return { filename: a.filename, mime: a.mime, size: file.size, stream: file.stream };
}
