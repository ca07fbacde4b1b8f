import type { Tx } from "~/utils/db.server";

export type AuditEntry = {
  actorId: string | null;
  organisationId?: string | null;
  spaceId?: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
};

/** Writes one audit event inside the command's transaction, so the record and the change commit together. */
export async function recordAudit(tx: Tx, entry: AuditEntry) {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      organisationId: entry.organisationId ?? null,
      spaceId: entry.spaceId ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      detail: JSON.stringify(entry.detail ?? {}),
    },
  });
}
