import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { composeMail, sendMail } from "~/modules/mail/outbox.server";
import { notify } from "~/modules/notifications/notify.server";
import { runCommand } from "~/utils/command.server";
import { env } from "~/utils/env.server";
import { DomainError } from "~/utils/errors";
import { defaultLanguage, isLanguage, type Language } from "~/utils/i18n";
import { mayPublish } from "./lifecycle";
import { personalDataInReport } from "./report-findings.server";
import { actingConvener } from "~/modules/spaces/access.server";
import type { LoadedConsultation } from "./access.server";

/**
 * Publishes the feedback report ("you said, we did"): refused while any submitted input has no response,
 * and while an aggregated input or a response in it holds personal data (see report-findings.server.ts).
 * Every member of every organisation that submitted input is told in the app and by mail, in their own
 * language. A mail that cannot be sent does not undo the publication (`mailed` counts the ones sent).
 */
export async function publishFeedback(
  actor: Actor,
  consultation: LoadedConsultation,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingConvener(
    actor,
    "consultation.publish-feedback",
    consultation,
    preferredOrganisationId,
  );
  const consultationId = consultation.consultationId;
  const link = `/consultations/${consultationId}/report`;
  const published = await runCommand(async (tx, emit) => {
    const found = await tx.consultation.findUniqueOrThrow({
      where: { id: consultationId },
      select: { status: true, title: true, languages: true },
    });
    if (found.status === "published") throw new DomainError("consultations.review.errors.published");
    const [inputs, answered] = await Promise.all([
      tx.submission.count({ where: { consultationId, status: "submitted" } }),
      tx.submission.count({ where: { consultationId, status: "submitted", responseId: { not: null } } }),
    ]);
    if (!mayPublish(found, inputs, answered)) {
      if (found.status !== "closed") throw new DomainError("consultations.review.errors.notClosed");
      throw new DomainError("consultations.review.errors.unanswered", undefined, {
        missing: inputs - answered,
      });
    }
    // Nothing is published while the report would show personal data (issue 12): the preview lists it.
    if ((await personalDataInReport(tx, consultationId)).length > 0)
      throw new DomainError("consultations.personalData.report.error");
    const publishedAt = new Date();
    const updated = await tx.consultation.updateMany({
      where: { id: consultationId, status: "closed" },
      data: { status: "published", publishedAt },
    });
    if (updated.count === 0) throw new DomainError("consultations.review.errors.published");
    const respondents = await tx.submission.findMany({
      where: { consultationId, status: "submitted" },
      distinct: ["organisationId"],
      select: { organisationId: true },
    });
    const members = await tx.membership.findMany({
      where: { organisationId: { in: respondents.map((row) => row.organisationId) } },
      distinct: ["personId"],
      select: { person: { select: { id: true, email: true, locale: true } } },
    });
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: consultation.spaceId,
      action: "consultation.feedback-published",
      subjectType: "consultation",
      subjectId: consultationId,
      detail: { inputs, respondentOrganisations: respondents.length },
    });
    notify(emit, {
      personIds: members.map(({ person }) => person.id),
      spaceId: consultation.spaceId,
      message: "consultations.review.notification",
      values: { consultation: found.title },
      link,
    });
    emit("space.changed", { spaceId: consultation.spaceId, what: "consultation" });
    const offered = found.languages.split(",").find(isLanguage) ?? defaultLanguage;
    return { title: found.title, inputs, people: members.map(({ person }) => person), offered };
  });

  const values = { consultation: published.title, link: new URL(link, env().PUBLIC_ORIGIN).href };
  let mailed = 0;
  for (const person of published.people) {
    const language: Language = isLanguage(person.locale) ? person.locale : published.offered;
    try {
      await sendMail({ to: person.email, ...composeMail(language, "consultations.review.mail", values) });
      mailed += 1;
    } catch (error) {
      console.error("A feedback-published mail could not be sent", error);
    }
  }
  return { inputs: published.inputs, notified: published.people.length, mailed };
}
