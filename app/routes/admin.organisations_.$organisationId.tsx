import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  DecisionForms,
  OrganisationReview,
  RenameDecisionForms,
} from "~/components/registration/organisation-review";
import { ErrorList } from "~/components/ui/form";
import type { loader, action } from "./admin.organisations_.$organisationId.server";

export { loader, action } from "./admin.organisations_.$organisationId.server";

export default function OrganisationDecisionPage() {
  const { t } = useTranslation();
  const { organisation, canDecide, canDecideRename } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  // Verifying a new organisation, or confirming the new name a verified one asked for.
  const pending = canDecide
    ? { title: t("admin.decision.title"), Forms: DecisionForms, reviewedName: organisation.name }
    : canDecideRename && organisation.requestedName
      ? {
          title: t("admin.rename.title"),
          Forms: RenameDecisionForms,
          reviewedName: organisation.requestedName,
        }
      : null;
  return (
    <div className="stack">
      <p>
        <Link to="/admin/organisations">{t("admin.organisations.backToList")}</Link>
      </p>
      <OrganisationReview organisation={organisation} headingLevel={1} linkToDetails={false} />
      {pending ? (
        <section aria-labelledby="decision-heading" className="stack">
          <h2 id="decision-heading">{pending.title}</h2>
          <pending.Forms
            organisationId={organisation.id}
            reviewedName={pending.reviewedName}
            lastResult={lastResult}
          />
        </section>
      ) : (
        // A decision refused because another one was made meanwhile: the page now shows that one.
        <ErrorList errors={lastResult?.error?.[""] ?? undefined} />
      )}
    </div>
  );
}
