import { type SubmissionResult } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { countryName } from "~/modules/organisations/schema";
import type { OrganisationForReview } from "~/modules/registration/queries.server";
import { rejectDecisionSchema, verifyDecisionSchema } from "~/modules/registration/schema";

/**
 * An organisation as administrators review it. Loaders name the country and format the dates, so the
 * server's words reach the page as they are and hydration never disagrees with the browser's own.
 */
export function presentForReview(organisation: OrganisationForReview, language: string) {
  const date = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
  return {
    ...organisation,
    countryName: countryName(organisation.country, language),
    registeredOn: date.format(organisation.createdAt),
    verifiedOn: organisation.verifiedAt && date.format(organisation.verifiedAt),
  };
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
        {t("admin.organisations.registeredOn", { date: organisation.registeredOn })}
        {organisation.verifiedOn && organisation.verifiedBy ? (
          <>
            {" · "}
            {t("admin.organisations.verifiedOn", {
              date: organisation.verifiedOn,
              name: organisation.verifiedBy.name,
            })}
          </>
        ) : null}
      </p>
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

/**
 * Verify and reject, as two plain forms posting to the organisation's decision page: they work without
 * JavaScript, and a refused post comes back there with the reason as typed.
 */
export function DecisionForms({
  organisationId,
  lastResult,
}: {
  organisationId: string;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const submitted = lastResult?.initialValue?.decision;
  const action = `/admin/organisations/${organisationId}`;
  const describedBy = `organisation-${organisationId}`;
  const [verifyForm, verifyFields] = useSchemaForm(verifyDecisionSchema, {
    id: `verify-${organisationId}`,
    lastResult: submitted === "verify" ? lastResult : null,
  });
  const [rejectForm, rejectFields] = useSchemaForm(rejectDecisionSchema, {
    id: `reject-${organisationId}`,
    lastResult: submitted === "reject" ? lastResult : null,
  });
  return (
    <div className="decision">
      <ValidatedForm form={verifyForm} action={action} className="stack">
        <ErrorList id={verifyForm.errorId} errors={verifyForm.errors} />
        <input type="hidden" name="decision" value="verify" />
        <TextAreaField field={verifyFields.note} label={t("admin.decision.verify.noteLabel")} />
        <p>
          <button type="submit" className="button" aria-describedby={describedBy}>
            {t("admin.decision.verify.submit")}
          </button>
        </p>
      </ValidatedForm>
      <ValidatedForm form={rejectForm} action={action} className="stack">
        <ErrorList id={rejectForm.errorId} errors={rejectForm.errors} />
        <input type="hidden" name="decision" value="reject" />
        <TextAreaField
          field={rejectFields.note}
          label={t("admin.decision.reject.noteLabel")}
          help={t("admin.decision.reject.noteHelp")}
        />
        <p>
          <button type="submit" className="button button--danger" aria-describedby={describedBy}>
            {t("admin.decision.reject.submit")}
          </button>
        </p>
      </ValidatedForm>
    </div>
  );
}
