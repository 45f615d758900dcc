import { attachmentRef } from '../../../domain/contracts/tasks.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { contentDisposition } from '../../http/download.ts';
import { uploadedFile } from '../../http/upload.ts';
import { idParams, route, type RouteDef } from '../../http/route.ts';
import * as service from './attachments.service.ts';

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
