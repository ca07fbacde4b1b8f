import { recordAudit } from "~/modules/audit/record.server";
import type { Actor, VerificationStatus } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { mailOrganisationContact } from "~/modules/organisations/mail-contact.server";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import type { Language } from "~/utils/i18n";
import type { VerificationDecision } from "./schema";

/**
 * A platform administrator verifies an organisation, or rejects it with the reason; its contact is told by
 * mail. The permission is checked again inside the transaction, so two administrators deciding at once
 * cannot both win, and so is the name the administrator saw: a verification is for that name only, never
 * for one the organisation changed to meanwhile. A mail that cannot be sent does not undo the decision
 * (`mailed: false`).
 *
 * `language` is the administrator's: the mail's language unless the contact has an account with their own.
 */
export async function verifyOrganisation(
  actor: Actor,
  organisationId: string,
  { decision, note, reviewedName }: VerificationDecision,
  language: Language,
) {
  const status: VerificationStatus = decision === "verify" ? "verified" : "rejected";
  const organisation = await runCommand(async (tx, emit) => {
    const found = await tx.organisation.findUnique({
      where: { id: organisationId },
      select: { id: true, name: true, verificationStatus: true, contactName: true, contactEmail: true },
    });
    const allowed =
      found &&
      found.name === reviewedName &&
      can(actor, "organisation.verify", {
        id: found.id,
        verificationStatus: found.verificationStatus as VerificationStatus,
      });
    if (!found || !allowed) throw new DomainError("admin.decision.outdated");
    const verified = status === "verified";
    await tx.organisation.update({
      where: { id: found.id },
      data: {
        verificationStatus: status,
        verificationNote: note ?? null,
        verifiedAt: verified ? new Date() : null,
        verifiedById: verified ? actor.personId : null,
      },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: found.id,
      action: verified ? "organisation.verified" : "organisation.rejected",
      subjectType: "organisation",
      subjectId: found.id,
      detail: { previousStatus: found.verificationStatus, note: note ?? null, name: found.name },
    });
    emit("organisation.verification-changed", { organisationId: found.id, status });
    return found;
  });

  const key = status === "rejected" ? "rejected" : note ? "verifiedWithNote" : "verified";
  const mailed = await mailOrganisationContact(
    organisation,
    `registration.mail.${key}`,
    { note: note ?? "" },
    language,
  );
  return { name: organisation.name, status, mailed };
}
