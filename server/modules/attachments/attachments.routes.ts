import type { FastifyRequest } from 'fastify';
import { attachmentRef } from '../../../domain/contracts/tasks.ts';
import { AppError, fail } from '../../../domain/errors.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { contentDisposition } from '../../http/download.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import * as service from './attachments.service.ts';

/** Multipart overhead allowed on top of the file itself before the request is refused unread. */
const ENVELOPE = 64 * 1024;

/** The one file of a multipart upload (field `file`), read into memory up to the size limit. */
async function uploadedFile(
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

export function attachmentRoutes(deps: AppDeps): RouteDef[] {
  const maxBytes = deps.config.maxUploadBytes;
  return [
    route({
      method: 'POST',
      url: '/api/v1/attachments',
      summary: 'Upload a file (jpg, png, pdf, docx, xlsx) to attach to a report, task or problem 上传附件',
      tag: 'attachments',
      access: capabilities['attachments.upload'],
      multipart: { field: 'file' },
      response: attachmentRef,
      status: 201,
      async handler({ req, actor, ip, now }) {
        const file = await uploadedFile(req, maxBytes);
        return service.uploadAttachment(deps, { actor: actor!, ip, now }, file);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/attachments/:id',
      summary: 'Download an attachment you may see 下载附件',
      tag: 'attachments',
      access: 'signed-in',
      params: idParams,
      produces: 'application/octet-stream',
      async handler({ reply, actor, params }) {
        const file = await service.openAttachment(deps, actor!, params.id);
        reply
          .type(file.mime)
          .header('Content-Length', file.size)
          .header('Content-Disposition', contentDisposition(file.filename))
          .header('X-Content-Type-Options', 'nosniff')
          .header('Content-Security-Policy', "default-src 'none'; sandbox");
        return file.stream;
      },
    }),
  ];
}
