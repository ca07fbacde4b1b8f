import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { runCommand } from "~/utils/command.server";
import { DomainError, notFound } from "~/utils/errors";
import type { TagInputValues } from "./review-schema";
import { actingConvener } from "~/modules/spaces/access.server";
import type { LoadedConsultation } from "./access.server";
import { countThemes } from "./tallies.server";

/**
 * A convener tags a submitted input with themes (the route has checked "consultation.manage"); the tags
 * serve the review and the results, so they may change until and after the feedback is published.
 */
export async function tagInput(
  actor: Actor,
  consultation: LoadedConsultation,
  input: Pick<TagInputValues, "submissionId" | "themes">,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingConvener(actor, "consultation.review", consultation, preferredOrganisationId);
  const themes = [...new Set(input.themes)].sort();
  return runCommand(async (tx, emit) => {
    const submission = await tx.submission.findFirst({
      where: { id: input.submissionId, consultationId: consultation.consultationId, status: "submitted" },
      select: { id: true, themes: true, consultation: { select: { status: true } } },
    });
    if (!submission) notFound();
    if (submission.consultation.status !== "closed" && submission.consultation.status !== "published") {
      throw new DomainError("consultations.review.errors.notClosed");
    }
    const before = submission.themes ? submission.themes.split(",") : [];
    if (before.join(",") === themes.join(",")) return { changed: false };
    await tx.submission.update({ where: { id: submission.id }, data: { themes: themes.join(",") } });
    await countThemes(tx, consultation.consultationId, submission.id, before, themes);
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: consultation.spaceId,
      action: "consultation.input-tagged",
      subjectType: "submission",
      subjectId: submission.id,
      detail: { consultationId: consultation.consultationId, from: before, to: themes },
    });
    emit("space.changed", { spaceId: consultation.spaceId, what: "consultation" });
    return { changed: true };
  });
}
