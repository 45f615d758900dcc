import type { FastifyRequest } from 'fastify';
import { AppError, fail } from '../../domain/errors.ts';

/** Multipart overhead allowed on top of the file itself before the request is refused unread. */
const ENVELOPE = 64 * 1024;

/**
 * The one file of a multipart upload (field `file`), read into memory up to
 * `maxBytes`: 415 `unsupported_media_type` when the request is not multipart,
 * 413 `payload_too_large` (nothing kept) when the file is larger, 400
 * `validation_failed` on `file` when there is no such part. Used by
 * attachments and by Excel imports.
 */
export async function uploadedFile(
  req: FastifyRequest,
  maxBytes: number,
): Promise<{ filename: string; bytes: Buffer }> {
  if (!req.isMultipart()) throw fail('unsupported_media_type', 'content-type');
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > maxBytes + ENVELOPE) throw fail('payload_too_large', 'file', { maxBytes });
  try {
    const part = await req.file({
      limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 12, fieldSize: 1024 },
    });
    if (!part || part.fieldname !== 'file') throw fail('validation_failed', 'file');
    const bytes = await part.toBuffer();
    return { filename: part.filename ?? '', bytes };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw fail('payload_too_large', 'file', { maxBytes });
    }
    throw fail('validation_failed', 'file');
  }
}
