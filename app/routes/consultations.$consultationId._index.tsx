import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConsultationFields } from "~/components/consultations/consultation-fields";
import { useDateFormat } from "~/components/ui/date";
import { ErrorList, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { consultationSchema } from "~/modules/consultations/schema";
import { useFormReply } from "~/utils/form-reply";
import type { action, loader } from "./consultations.$consultationId._index.server";

export { action, loader } from "./consultations.$consultationId._index.server";

/** What the consultation is about, what it can change and who decides; the conveners edit, open and close it. */
export default function ConsultationOverviewPage() {
  const { consultation, mayManage, mayOpen, editing, confirming } = useLoaderData<typeof loader>();
  const lastResult = useFormReply<typeof action>();
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
      {mayOpen ? (
        <Lifecycle
          status={consultation.status}
          questionCount={consultation.questionCount}
          closesAt={consultation.closesAt}
          feedbackDueAt={consultation.feedbackDueAt}
          confirming={confirming}
        />
      ) : null}
      {editing || (mayManage && lastResult) ? <EditForm /> : null}
    </div>
  );
}

type Consequences = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["confirming"]>;

/** Opening and closing, each asked first and then confirmed with what it will do. */
function Lifecycle({
  status,
  questionCount,
  closesAt,
  feedbackDueAt,
  confirming,
}: {
  status: string;
  questionCount: number;
  closesAt: string;
  feedbackDueAt: string;
  confirming: Consequences | null;
}) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const o = "consultations.builder.overview";
  if (status !== "draft" && status !== "open") return null;
  const move = status === "draft" ? "open" : "close";
  return (
    <section aria-labelledby="lifecycle-heading" className="card stack">
      <h2 id="lifecycle-heading">{t(`${o}.lifecycle`)}</h2>
      {confirming?.kind === "open" ? (
        <div className="notice stack" role="region" aria-labelledby="confirm-heading">
          <h3 id="confirm-heading">{t(`${o}.confirmOpen.title`)}</h3>
          <ul>
            <li>
              {t(`${o}.confirmOpen.notified`, {
                count: confirming.organisations,
                people: t("consultations.people", { count: confirming.people }),
              })}
            </li>
            <li>{t(`${o}.confirmOpen.locked`, { count: confirming.questions })}</li>
            <li>{t(`${o}.confirmOpen.closes`, { date: formatDate(closesAt, "calendar-day") })}</li>
          </ul>
        </div>
      ) : confirming?.kind === "close" ? (
        <div className="notice stack" role="region" aria-labelledby="confirm-heading">
          <h3 id="confirm-heading">{t(`${o}.confirmClose.title`)}</h3>
          <ul>
            <li>{t(`${o}.confirmClose.submitted`, { count: confirming.submitted })}</li>
            {confirming.drafts > 0 ? (
              <li>{t(`${o}.confirmClose.drafts`, { count: confirming.drafts })}</li>
            ) : null}
            {confirming.early ? (
              <li>{t(`${o}.confirmClose.early`, { date: formatDate(closesAt, "calendar-day") })}</li>
            ) : null}
            <li>{t(`${o}.confirmClose.feedback`, { date: formatDate(feedbackDueAt, "calendar-day") })}</li>
          </ul>
        </div>
      ) : (
        <p>{move === "open" ? t(`${o}.openLead`, { count: questionCount }) : t(`${o}.closeLead`)}</p>
      )}
      {confirming ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value={move} />
          <input type="hidden" name="confirmed" value="yes" />
          <button type="submit" className={move === "open" ? "button" : "button button--danger"}>
            {t(`${o}.${move === "open" ? "confirmOpen" : "confirmClose"}.submit`)}
          </button>
          <Link to="." className="button button--quiet">
            {t(`${o}.cancel`)}
          </Link>
        </Form>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value={move} />
          <button type="submit" className={move === "open" ? "button" : "button button--danger"}>
            {t(`${o}.${move}`)}
          </button>
        </Form>
      )}
    </section>
  );
}

function EditForm() {
  const { consultation, candidates, feedbackDays } = useLoaderData<typeof loader>();
  const lastResult = useFormReply<typeof action>();
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
