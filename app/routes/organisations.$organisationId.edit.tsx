import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  ErrorList,
  SelectField,
  TextAreaField,
  TextField,
  ValidatedForm,
  useSchemaForm,
} from "~/components/ui/form";
import { requireActor } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { organisationForViewer } from "~/modules/organisations/queries.server";
import { countryOptions, organisationProfileSchema } from "~/modules/organisations/schema";
import { updateOrganisationProfile } from "~/modules/organisations/update-profile.server";
import { notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";

async function editableOrganisation(actor: Actor, organisationId: string | undefined) {
  const organisation = await organisationForViewer(actor, organisationId ?? "");
  if (!organisation || !can(actor, "organisation.edit-profile", organisation)) notFound();
  return organisation;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await editableOrganisation(actor, params.organisationId);
  const { name, requestedName, place, country, website, description, contactName, contactEmail } =
    organisation;
  return {
    organisationId: organisation.id,
    // The form holds the name the organisation wants: a new one waiting for confirmation stays asked for.
    profile: {
      name: requestedName ?? name,
      place,
      country,
      website: website ?? "",
      description,
      contactName,
      contactEmail,
    },
    nameNeedsConfirmation: organisation.verificationStatus === "verified",
    countries: countryOptions(await resolveLanguage(request, actor)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await editableOrganisation(actor, params.organisationId);
  const submission = parseWithZod(await readForm(request), { schema: organisationProfileSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await attempt(submission, () =>
    updateOrganisationProfile(actor, organisation, submission.value),
  );
  if (!result.ok) return result.reply;
  const { changed, renameRequested } = result.value;
  return redirectWithToast(`/organisations/${organisation.id}`, {
    kind: "success",
    message: renameRequested
      ? "organisations.edit.renameRequested"
      : changed.length > 0
        ? "organisations.edit.saved"
        : "organisations.edit.unchanged",
  });
}

export default function EditOrganisationPage() {
  const { organisationId, profile, countries, nameNeedsConfirmation } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(organisationProfileSchema, {
    lastResult,
    defaultValue: profile,
  });
  return (
    <div className="narrow">
      <h2>{t("organisations.edit.title")}</h2>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField
          field={fields.name}
          label={t("organisations.fields.name")}
          help={nameNeedsConfirmation ? t("organisations.help.verifiedName") : undefined}
          autoComplete="organization"
        />
        <TextField field={fields.place} label={t("organisations.fields.place")} />
        <SelectField field={fields.country} label={t("organisations.fields.country")} options={countries} />
        <TextField
          field={fields.website}
          label={t("organisations.fields.website")}
          type="url"
          help={t("organisations.help.website")}
          autoComplete="url"
        />
        <TextAreaField
          field={fields.description}
          label={t("organisations.fields.description")}
          help={t("organisations.help.description")}
          rows={6}
        />
        <TextField field={fields.contactName} label={t("organisations.fields.contactName")} />
        <TextField
          field={fields.contactEmail}
          label={t("organisations.fields.contactEmail")}
          type="email"
          autoComplete="email"
        />
        <p className="actions">
          <button type="submit" className="button">
            {t("organisations.edit.submit")}
          </button>
          <Link to={`/organisations/${organisationId}`} className="button button--quiet">
            {t("common.cancel")}
          </Link>
        </p>
      </ValidatedForm>
    </div>
  );
}
