import type { z } from 'zod';
import type { auditEntryResponse, auditVerifyResponse } from '../../../domain/contracts/audit.ts';
import type { GrantResponse } from '../../../domain/contracts/grants.ts';
import type { PersonResponse } from '../../../domain/contracts/people.ts';
import type { SessionResponse } from '../../../domain/contracts/session.ts';
import type { catalogueItem, UnitResponse } from '../../../domain/contracts/units.ts';
import type { Role } from '../../../domain/roles.ts';

// The web speaks the same contracts as the server; only types cross over, no runtime Zod.
export type Session = SessionResponse;
export type Unit = UnitResponse;
export type Person = PersonResponse;
export type Grant = GrantResponse;
export type CatalogueItem = z.infer<typeof catalogueItem>;
export type AuditEntry = z.infer<typeof auditEntryResponse>;
export type AuditVerify = z.infer<typeof auditVerifyResponse>;
export type { Role };

/** One node of `GET /api/v1/units/tree`. */
export interface UnitTreeNode {
  id: number;
  parentId: number | null;
  name: string;
  code: string;
  typeId: number;
  active: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface OneTimePassword {
  person: Person;
  oneTimePassword: string;
}

/** Server-side paging as the tables send it. */
export interface Paging {
  limit: number;
  offset: number;
}
