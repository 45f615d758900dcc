import { z } from 'zod';
import { auditEntryResponse, auditListQuery, auditVerifyResponse } from '../../../domain/contracts/audit.ts';
import { pageOf } from '../../../domain/contracts/common.ts';
import { capabilities } from '../../../domain/roles.ts';
import type { AppDeps } from '../../deps.ts';
import { route, type RouteDef } from '../../http/route.ts';
import { listAudit, listAuditActions, verifyAudit, type AuditRow } from './audit.repository.ts';

export function presentAudit(r: AuditRow): z.infer<typeof auditEntryResponse> {
  return {
    id: Number(r.id),
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorName: r.actorName,
    ip: r.ip,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    before: r.before,
    after: r.after,
    seal: r.sealSeq === null || r.sealHash === null ? null : { seq: Number(r.sealSeq), hash: r.sealHash },
  };
}

export function auditRoutes(deps: AppDeps): RouteDef[] {
  const read = capabilities['audit.read'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/audit',
      summary: 'Read the audit log 审计日志',
      tag: 'audit',
      access: read,
      query: auditListQuery,
      response: pageOf(auditEntryResponse),
      async handler({ query }) {
        const { limit, offset, from, to, ...f } = query;
        const page = await listAudit(
          deps.database.db,
          { ...f, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
          { limit, offset },
        );
        return { items: page.items.map(presentAudit), total: page.total };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/audit/actions',
      summary: 'The actions seen in the log',
      tag: 'audit',
      access: read,
      response: z.object({ items: z.array(z.string()) }),
      handler: async () => ({ items: await listAuditActions(deps.database.db) }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/audit/verify',
      summary: 'Verify the SM3 seal chain 校验审计日志',
      tag: 'audit',
      access: read,
      response: auditVerifyResponse,
      handler: () => verifyAudit(deps.database.db, { staleSeconds: deps.config.audit.sealStaleSeconds }),
    }),
  ];
}
