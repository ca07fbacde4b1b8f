import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { notify } from "~/modules/notifications/notify.server";
import { actingConvener } from "~/modules/spaces/access.server";
import { runCommand } from "~/utils/command.server";
import { DomainError } from "~/utils/errors";
import { noteKey } from "./answers";
import type { LoadedConsultation } from "./access.server";
import { findPersonalData, redact } from "./personal-data";
import { parseAnswers, readPart } from "./report-findings.server";
import { countSubmittedVersion } from "./tallies.server";

/** What the published text of a redacted finding becomes. */
export const removedText = "[removed]";

/** One finding the convener removes: where it is, and the text as the preview showed it. */
export type Redaction = { submissionId: string; key: string; part: string; start: number; text: string };

/**
 * A convener replaces one finding of personal data in an aggregated input's published text with "[removed]"
 * before publishing (issue 12). The redacted text is kept as a new version of the input, so the version the
 * organisation submitted stays in its history; the results are recounted from it, the change is audited and
 * the organisation's members are told. Refused once published, and when the text no longer has that finding
 * where the preview showed it (it changed since).
 */
export async function redactInput(
  actor: Actor,
  consultation: LoadedConsultation,
  redaction: Redaction,
  preferredOrganisationId: string | null,
) {
  const organisationId = actingConvener(
    actor,
    "consultation.publish-feedback",
    consultation,
    preferredOrganisationId,
  );
  return runCommand(async (tx, emit) => {
    const found = await tx.consultation.findUniqueOrThrow({
      where: { id: consultation.consultationId },
      select: { status: true, title: true },
    });
    if (found.status === "published") throw new DomainError("consultations.review.errors.published");
    const submission = await tx.submission.findFirst({
      where: {
        id: redaction.submissionId,
        consultationId: consultation.consultationId,
        status: "submitted",
        isAggregated: true,
      },
      select: {
        id: true,
        version: true,
        organisationId: true,
        versions: { orderBy: { version: "desc" }, take: 1 },
      },
    });
    const latest = submission?.versions[0];
    if (!submission || !latest) throw new DomainError("consultations.personalData.report.gone");
    const question =
      redaction.key === noteKey
        ? null
        : await tx.consultationQuestion.findFirst({
            where: { id: redaction.key, consultationId: consultation.consultationId },
            select: { kind: true },
          });
    if (redaction.key !== noteKey && !question) throw new DomainError("consultations.personalData.report.gone");
    const answers = parseAnswers(latest.answers);
    const text = readPart(answers, latest.aggregatedNote, question?.kind ?? "", redaction.key, redaction.part);
    const finding = findPersonalData(text ?? "").find(
      (candidate) => candidate.start === redaction.start && candidate.text === redaction.text,
    );
    if (text === null || !finding) throw new DomainError("consultations.personalData.report.gone");
    const redacted = redact(text, [finding], removedText);
    let aggregatedNote = latest.aggregatedNote;
    if (redaction.key === noteKey) aggregatedNote = redacted;
    else if (question?.kind === "paragraph_comments")
      answers[redaction.key] = { ...(answers[redaction.key] as Record<string, string>), [redaction.part]: redacted };
    else answers[redaction.key] = redacted;

    const version = submission.version + 1;
    await tx.submissionVersion.create({
      data: {
        submissionId: submission.id,
        version,
        answers: JSON.stringify(answers),
        aggregatedNote,
        submittedById: actor.personId,
        organisationType: latest.organisationType,
      },
    });
    // The submitted time stays the organisation's; only the version moves on to the redacted one.
    await tx.submission.update({ where: { id: submission.id }, data: { version } });
    await countSubmittedVersion(tx, submission.id, submission.version);
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: consultation.spaceId,
      action: "consultation.input-redacted",
      subjectType: "submission",
      subjectId: submission.id,
      // What kind was removed and where, never the personal data itself.
      detail: {
        consultationId: consultation.consultationId,
        kind: finding.kind,
        key: redaction.key,
        part: redaction.part,
        fromVersion: submission.version,
        version,
      },
    });
    const members = await tx.membership.findMany({
      where: { organisationId: submission.organisationId },
      select: { personId: true },
    });
    notify(emit, {
      personIds: members.map((member) => member.personId),
      spaceId: consultation.spaceId,
      message: "consultations.personalData.report.notification",
      values: { consultation: found.title },
      link: `/consultations/${consultation.consultationId}/respond`,
    });
    emit("space.changed", { spaceId: consultation.spaceId, what: "consultation" });
    return { ok: true as const, version };
  });
}
