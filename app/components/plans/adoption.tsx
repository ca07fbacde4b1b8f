import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextAreaField, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { adoptSchema, editableStatuses, type PlanStatus } from "~/modules/action-plans/schema";
import type { action, loader } from "~/routes/spaces.$spaceId.plan.server";

/**
 * The plan's adoption: who co-signed, the co-signature button for an organisation that may give it, and the
 * conveners' adoption form (or, once adopted, review and closing).
 */
export function AdoptionSection() {
  const { t } = useTranslation();
  const { overview, may, currentOrganisationId } = useLoaderData<typeof loader>();
  if (!overview) return null;
  const { plan, signatures } = overview;
  const open = editableStatuses.includes(plan.status as PlanStatus);
  const signed = signatures.some((signature) => signature.organisationId === currentOrganisationId);
  return (
    <section aria-labelledby="adoption-heading" className="card stack">
      <h3 id="adoption-heading">{t("plans.adoption.title")}</h3>
      {plan.adoptedOn ? (
        <p className="prewrap">
          <strong>{t("plans.adoption.decision")}</strong> <span dir="auto">{plan.adoptionDecision}</span>
          {plan.adoptedBy ? ` (${t("plans.adoption.adoptedBy", { name: plan.adoptedBy })})` : null}
        </p>
      ) : null}
      {signatures.length === 0 ? (
        <p>{t("plans.adoption.noSignatures")}</p>
      ) : (
        <>
          <p>{t("plans.adoption.signatures")}</p>
          <ul>
            {signatures.map((signature) => (
              <li key={signature.organisationId}>
                <span dir="auto">{signature.organisation}</span> ({signature.person}, {signature.signedAt})
              </li>
            ))}
          </ul>
        </>
      )}
      {open && may.coSign && !signed ? (
        <Form method="post">
          <input type="hidden" name="intent" value="co-sign" />
          <p className="field__help">{t("plans.adoption.coSignHelp")}</p>
          <button type="submit" className="button">
            {t("plans.adoption.coSign")}
          </button>
        </Form>
      ) : null}
      {open && may.adopt ? <AdoptForm /> : null}
      {may.adopt && plan.status !== "closed" ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="status" />
          {plan.status === "adopted" ? (
            <button type="submit" name="status" value="under_review" className="button button--quiet">
              {t("plans.adoption.putUnderReview")}
            </button>
          ) : null}
          <button type="submit" name="status" value="closed" className="button button--quiet">
            {t("plans.adoption.close")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

function AdoptForm() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(adoptSchema, {
    id: "adopt-plan",
    lastResult:
      actionData && "formId" in actionData && actionData.formId === "adopt-plan"
        ? actionData.result
        : undefined,
  });
  return (
    <ValidatedForm form={form} className="stack" aria-label={t("plans.adoption.adopt")}>
      <input type="hidden" name="intent" value="adopt" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <TextField field={fields.adoptedOn} type="date" label={t("plans.fields.adoptedOn")} />
      <TextAreaField
        field={fields.decision}
        label={t("plans.fields.decision")}
        help={t("plans.fields.decisionHelp")}
      />
      <p className="actions">
        <button type="submit" className="button">
          {t("plans.adoption.adopt")}
        </button>
      </p>
    </ValidatedForm>
  );
}
