import { recordAudit } from "~/modules/audit/record.server";
import type { Actor, VerificationStatus } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import type { RenameDecision } from "~/modules/registration/schema";
import { copyOrganisationName } from "~/modules/spaces/participant-copies.server";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import type { Language } from "~/utils/i18n";
import { mailOrganisationContact } from "./mail-contact.server";
import { isNameTaken } from "./names.server";

/**
 * A platform administrator confirms the new name a verified organisation asked for — it then carries the
 * badge under that name — or refuses it with the reason, and it keeps its name. Decided on the name the
 * administrator saw: a request changed meanwhile is refused as out of date. The contact is told by mail
 * (`mailed: false` when that failed).
 */
export async function decideRename(
  actor: Actor,
  organisationId: string,
  { decision, reviewedName, ...rest }: RenameDecision,
  language: Language,
) {
  const note = "note" in rest ? rest.note : null;
  const confirmed = decision === "confirm-rename";
  const organisation = await runCommand(async (tx) => {
    const found = await tx.organisation.findUnique({
      where: { id: organisationId },
      select: {
        id: true,
        name: true,
        verificationStatus: true,
        requestedName: true,
        requestedNameSkeleton: true,
        contactName: true,
        contactEmail: true,
      },
    });
    const resource = found && {
      ...found,
      verificationStatus: found.verificationStatus as VerificationStatus,
    };
    if (
      !resource?.requestedName ||
      !resource.requestedNameSkeleton ||
      resource.requestedName !== reviewedName ||
      !can(actor, "organisation.decide-rename", resource)
    ) {
      throw new DomainError("admin.decision.outdated");
    }
    const { requestedName, requestedNameSkeleton } = resource;
    if (confirmed && (await isNameTaken(tx, requestedNameSkeleton, resource.id))) {
      throw new DomainError("admin.rename.taken", undefined, { name: requestedName });
    }
    await tx.organisation.update({
      where: { id: resource.id },
      data: {
        ...(confirmed ? { name: requestedName, nameSkeleton: requestedNameSkeleton } : {}),
        requestedName: null,
        requestedNameSkeleton: null,
        nameRequestedAt: null,
      },
    });
    if (confirmed) await copyOrganisationName(tx, resource.id, requestedName);
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: resource.id,
      action: confirmed ? "organisation.renamed" : "organisation.rename-refused",
      subjectType: "organisation",
      subjectId: resource.id,
      detail: { from: resource.name, to: requestedName, note },
    });
    return { ...resource, previousName: resource.name, name: confirmed ? requestedName : resource.name };
  });

  const mailed = await mailOrganisationContact(
    organisation,
    confirmed ? "registration.mail.renameConfirmed" : "registration.mail.renameRefused",
    { previousName: organisation.previousName, requestedName: reviewedName, note: note ?? "" },
    language,
  );
  return { name: organisation.name, outcome: confirmed ? "renamed" : "renameRefused", mailed } as const;
}
