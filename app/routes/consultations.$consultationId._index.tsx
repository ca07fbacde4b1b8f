import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsultationFields } from "~/components/consultations/consultation-fields";
import { ErrorList, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { readConsultation, requireConsultation } from "~/modules/consultations/access.server";
import { closeConsultation } from "~/modules/consultations/close-consultation.server";
import { openConsultation } from "~/modules/consultations/open-consultation.server";
import {
  audienceCandidates,
  consultationOverview,
  promisedFeedbackDays,
} from "~/modules/consultations/queries.server";
import { backgroundLinks, consultationSchema, dayValue } from "~/modules/consultations/schema";
import { updateConsultation } from "~/modules/consultations/update-consultation.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { DomainError } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, resource } = await readConsultation(request, params.consultationId ?? "");
  const mayManage = can(actor, "consultation.build", resource);
  const consultation = await consultationOverview(actor, resource);
  const editing = mayManage && consultation.status === "draft";
  // Conveners get the edit form's lists; a refused edit (opened meanwhile) shows the form again with what was typed.
  const [candidates, feedbackDays] = mayManage
    ? await Promise.all([
        audienceCandidates(consultation.spaceId),
        promisedFeedbackDays(consultation.spaceId),
      ])
    : [[], 0];
  return {
    consultation: {
      ...consultation,
      languages: consultation.languages.split(",").filter(Boolean),
      backgroundLinks: backgroundLinks(consultation.background),
      opensAt: dayValue(consultation.opensAt),
      closesAt: dayValue(consultation.closesAt),
      feedbackDueAt: dayValue(consultation.feedbackDueAt),
    },
    mayManage,
    mayOpen: can(actor, "consultation.open", resource),
    editing,
    candidates,
    feedbackDays,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const consultationId = params.consultationId ?? "";
  await requireConsultation(actor, consultationId, "consultation.view");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const lifecycle = intent === "open" || intent === "close";
  const consultation = await requireConsultation(
    actor,
    consultationId,
    lifecycle ? "consultation.open" : "consultation.build",
  );
  const organisationId = await currentOrganisationId(request, actor);
  const here = `/consultations/${consultation.consultationId}`;

  if (lifecycle) {
    try {
      if (intent === "open") await openConsultation(actor, consultation, organisationId);
      else await closeConsultation(actor, consultation, organisationId);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return redirectWithToast(here, { kind: "error", message: error.messageKey });
    }
    return redirectWithToast(here, {
      kind: "success",
      message:
        intent === "open" ? "consultations.builder.overview.opened" : "consultations.builder.overview.closed",
    });
  }

  const submission = parseWithZod(formData, { schema: consultationSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await attempt(submission, () =>
    updateConsultation(actor, consultation, submission.value, organisationId),
  );
  if (!result.ok) return result.reply;
  return redirectWithToast(here, { kind: "success", message: "consultations.builder.overview.saved" });
}

/** What the consultation is about, what it can change and who decides; the conveners edit, open and close it. */
export default function ConsultationOverviewPage() {
  const { consultation, mayManage, mayOpen, editing } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const o = "consultations.builder.overview";
  const section = (key: string, text: string) =>
    text ? (
      <section aria-labelledby={`overview-${key}`} className="stack">
        <h3 id={`overview-${key}`}>{t(`consultations.builder.fields.${key}`)}</h3>
        <p className="prewrap">{text}</p>
      </section>
    ) : null;
  return (
    <div className="stack">
      <section aria-labelledby="overview-purpose" className="stack">
        <h2 id="overview-purpose">{t(`${o}.purpose`)}</h2>
        <p className="prewrap">{consultation.purpose}</p>
      </section>
      {section("openToChange", consultation.openToChange)}
      {section("notOpenToChange", consultation.notOpenToChange)}
      {consultation.decision || consultation.decisionMaker ? (
        <section aria-labelledby="overview-decision" className="stack">
          <h3 id="overview-decision">{t("consultations.builder.fields.decision")}</h3>
          {consultation.decision ? <p className="prewrap">{consultation.decision}</p> : null}
          {consultation.decisionMaker ? (
            <p>{t(`${o}.decisionMaker`, { decisionMaker: consultation.decisionMaker })}</p>
          ) : null}
        </section>
      ) : null}
      {consultation.backgroundLinks.length > 0 ? (
        <section aria-labelledby="overview-background" className="stack">
          <h3 id="overview-background">{t("consultations.builder.fields.background")}</h3>
          <ul>
            {consultation.backgroundLinks.map((link) => (
              <li key={link}>
                <a href={link} rel="nofollow ugc noopener">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <dl className="stack">
        <div>
          <dt>{t("consultations.builder.fields.languages")}</dt>
          <dd>
            {consultation.languages
              .map((language) => t(`consultations.common.languages.${language}`))
              .join(", ")}
          </dd>
        </div>
        <div>
          <dt>{t("consultations.builder.fields.audience")}</dt>
          <dd>
            {t(`consultations.common.audiences.${consultation.audience}`)}
            {consultation.audience === "chosen"
              ? `: ${consultation.chosenOrganisations.map((organisation) => organisation.name).join(", ")}`
              : null}
          </dd>
        </div>
      </dl>
      {mayOpen ? <Lifecycle status={consultation.status} questionCount={consultation.questionCount} /> : null}
      {editing || (mayManage && lastResult) ? <EditForm /> : null}
    </div>
  );
}

function Lifecycle({ status, questionCount }: { status: string; questionCount: number }) {
  const { t } = useTranslation();
  const o = "consultations.builder.overview";
  if (status !== "draft" && status !== "open") return null;
  return (
    <section aria-labelledby="lifecycle-heading" className="card stack">
      <h2 id="lifecycle-heading">{t(`${o}.lifecycle`)}</h2>
      {status === "draft" ? (
        <>
          <p>{t(`${o}.openLead`, { count: questionCount })}</p>
          <Form method="post">
            <button type="submit" name="intent" value="open" className="button">
              {t(`${o}.open`)}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>{t(`${o}.closeLead`)}</p>
          <Form method="post">
            <button type="submit" name="intent" value="close" className="button button--danger">
              {t(`${o}.close`)}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

function EditForm() {
  const { consultation, candidates, feedbackDays } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(consultationSchema, {
    id: "edit-consultation",
    lastResult,
    defaultValue: {
      title: consultation.title,
      purpose: consultation.purpose,
      openToChange: consultation.openToChange,
      notOpenToChange: consultation.notOpenToChange,
      decision: consultation.decision,
      decisionMaker: consultation.decisionMaker,
      background: consultation.background,
      languages: consultation.languages,
      audience: consultation.audience,
      organisationIds: consultation.chosenOrganisations.map((organisation) => organisation.id),
      opensAt: consultation.opensAt,
      closesAt: consultation.closesAt,
      feedbackDueAt: consultation.feedbackDueAt,
    },
  });
  return (
    <section aria-labelledby="edit-heading" className="card stack">
      <h2 id="edit-heading">{t("consultations.builder.overview.edit")}</h2>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="update" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <ConsultationFields fields={fields} candidates={candidates} feedbackDays={feedbackDays} />
        <p className="actions">
          <button type="submit" className="button">
            {t("consultations.builder.overview.save")}
          </button>
        </p>
      </ValidatedForm>
    </section>
  );
}
