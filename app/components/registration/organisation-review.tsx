import { type SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "~/components/ui/date";
import { DecisionForm as ReasonedDecisionForm } from "~/components/ui/decision-form";
import { countryName } from "~/modules/organisations/schema";
import type { OrganisationForReview } from "~/modules/registration/queries.server";
import {
  confirmRenameSchema,
  refuseRenameSchema,
  rejectDecisionSchema,
  verifyDecisionSchema,
  type Decision,
} from "~/modules/registration/schema";

/** An organisation as administrators review it: loaders name the country in the reader's language. */
export function presentForReview(organisation: OrganisationForReview, language: string) {
  return { ...organisation, countryName: countryName(organisation.country, language) };
}

export type ReviewedOrganisation = ReturnType<typeof presentForReview>;

export function OrganisationReview({
  organisation,
  headingLevel,
  linkToDetails,
}: {
  organisation: ReviewedOrganisation;
  headingLevel: 1 | 2;
  linkToDetails: boolean;
}) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const Heading = headingLevel === 1 ? "h1" : "h2";
  const status = organisation.verificationStatus;
  return (
    <>
      <Heading id={`organisation-${organisation.id}`} className="review__heading">
        {linkToDetails ? (
          <Link
            to={`/admin/organisations/${organisation.id}`}
            aria-label={t("admin.organisations.details", { name: organisation.name })}
          >
            {organisation.name}
          </Link>
        ) : (
          organisation.name
        )}{" "}
        <span className={`badge badge--${status}`}>{t(`admin.organisations.status.${status}`)}</span>
      </Heading>
      <p className="review__meta">
        {t("admin.organisations.registeredOn", { date: formatDate(organisation.createdAt) })}
        {organisation.verifiedAt && organisation.verifiedBy ? (
          <>
            {" · "}
            {t("admin.organisations.verifiedOn", {
              date: formatDate(organisation.verifiedAt),
              name: organisation.verifiedBy.name,
            })}
          </>
        ) : null}
      </p>
      {organisation.requestedName ? (
        <p className="notice">
          {t("admin.rename.requested", {
            name: organisation.requestedName,
            date: organisation.nameRequestedAt ? formatDate(organisation.nameRequestedAt) : "",
          })}
        </p>
      ) : null}
      <dl className="details">
        <dt>{t("organisations.fields.type")}</dt>
        <dd>{t(`organisations.types.${organisation.type}`)}</dd>
        <dt>{t("organisations.fields.governanceLevel")}</dt>
        <dd>{t(`organisations.levels.${organisation.governanceLevel}`)}</dd>
        <dt>{t("admin.organisations.fields.place")}</dt>
        <dd>
          {organisation.place}, {organisation.countryName}
        </dd>
        {organisation.website ? (
          <>
            <dt>{t("organisations.fields.website")}</dt>
            <dd>
              <a href={organisation.website} rel="noopener noreferrer nofollow">
                {organisation.website}
              </a>
            </dd>
          </>
        ) : null}
        {organisation.description ? (
          <>
            <dt>{t("organisations.fields.description")}</dt>
            <dd className="review__text">{organisation.description}</dd>
          </>
        ) : null}
        <dt>{t("admin.organisations.fields.contact")}</dt>
        <dd>
          {organisation.contactName} &lt;
          <a href={`mailto:${organisation.contactEmail}`}>{organisation.contactEmail}</a>&gt;
        </dd>
        <dt>{t("admin.organisations.fields.admins")}</dt>
        <dd>{organisation.memberships.map(({ person }) => `${person.name} <${person.email}>`).join(", ")}</dd>
        {organisation.verificationNote ? (
          <>
            <dt>{t("admin.organisations.fields.note")}</dt>
            <dd className="review__text">{organisation.verificationNote}</dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

type DecisionFormProps = {
  organisationId: string;
  /** The name the administrator decides on (ADR 0012): the organisation's name, or the one it asked for. */
  reviewedName: string;
  lastResult?: SubmissionResult<string[]> | null;
};

/**
 * Verify and reject, as two plain forms posting to the organisation's decision page: they work without
 * JavaScript, and a refused post comes back there with the reason as typed.
 */
export function DecisionForms(props: DecisionFormProps) {
  const { t } = useTranslation();
  return (
    <div className="decision">
      <DecisionForm
        {...props}
        decision="verify"
        schema={verifyDecisionSchema}
        note={{ label: t("admin.decision.verify.noteLabel") }}
        submit={t("admin.decision.verify.submit")}
      />
      <DecisionForm
        {...props}
        decision="reject"
        schema={rejectDecisionSchema}
        note={{ label: t("admin.decision.reject.noteLabel"), help: t("admin.decision.reject.noteHelp") }}
        submit={t("admin.decision.reject.submit")}
        danger
      />
    </div>
  );
}

/** Confirm or refuse the new name a verified organisation asked for, like DecisionForms. */
export function RenameDecisionForms(props: DecisionFormProps) {
  const { t } = useTranslation();
  return (
    <div className="decision">
      <DecisionForm
        {...props}
        decision="confirm-rename"
        schema={confirmRenameSchema}
        submit={t("admin.rename.confirm.submit", { name: props.reviewedName })}
      />
      <DecisionForm
        {...props}
        decision="refuse-rename"
        schema={refuseRenameSchema}
        note={{ label: t("admin.rename.refuse.noteLabel"), help: t("admin.rename.refuse.noteHelp") }}
        submit={t("admin.rename.refuse.submit")}
        danger
      />
    </div>
  );
}

function DecisionForm({
  organisationId,
  reviewedName,
  lastResult,
  decision,
  schema,
  note,
  submit,
  danger = false,
}: DecisionFormProps & {
  decision: Decision["decision"];
  schema:
    | typeof verifyDecisionSchema
    | typeof rejectDecisionSchema
    | typeof confirmRenameSchema
    | typeof refuseRenameSchema;
  note?: { label: string; help?: string };
  submit: string;
  danger?: boolean;
}) {
  return (
    <ReasonedDecisionForm
      schema={schema}
      id={`${decision}-${organisationId}`}
      lastResult={lastResult?.initialValue?.decision === decision ? lastResult : null}
      action={`/admin/organisations/${organisationId}`}
      hidden={{ decision, reviewedName }}
      reason={note && { name: "note", ...note }}
      submit={{ label: submit, describedBy: `organisation-${organisationId}` }}
      tone={danger ? "danger" : "default"}
    />
  );
}
