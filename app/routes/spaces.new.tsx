import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ThemesField } from "~/components/spaces/themes-field";
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
import { createSpace } from "~/modules/spaces/create-space.server";
import { conveningOrganisation, parentCandidates } from "~/modules/spaces/queries.server";
import { createSpaceSchema, governanceLevels, noParent, spaceKinds } from "~/modules/spaces/schema";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Concord" }];

/** The person's current organisation, when it may convene spaces; anyone else finds no such page. */
async function convener(request: Request, actor: Actor) {
  const organisation = await conveningOrganisation(await currentOrganisationId(request, actor));
  if (!organisation || !can(actor, "space.create", organisation)) notFound();
  return organisation;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await convener(request, actor);
  return { organisationName: organisation.name, candidates: await parentCandidates(actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await convener(request, actor);
  const submission = parseWithZod(await readForm(request), { schema: createSpaceSchema });
  if (submission.status !== "success") return submission.reply();
  const language = await resolveLanguage(request, actor);
  const result = await attempt(submission, () =>
    createSpace(actor, organisation, submission.value, language),
  );
  if (!result.ok) return result.reply;
  return redirectWithToast(`/spaces/${result.value.id}`, {
    kind: "success",
    message: "spaces.new.created",
    values: { title: submission.value.title },
  });
}

export default function NewSpacePage() {
  const { organisationName, candidates } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(createSpaceSchema, {
    id: "new-space",
    lastResult,
    defaultValue: { parentId: noParent },
  });
  return (
    <div className="narrow">
      <h1>{t("spaces.new.title")}</h1>
      <p className="lead">{t("spaces.new.lead", { organisation: organisationName })}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.kind}
          label={t("spaces.fields.kind")}
          options={spaceKinds.map((kind) => ({ value: kind, label: t(`spaces.kinds.${kind}`) }))}
        />
        <SelectField
          field={fields.governanceLevel}
          label={t("spaces.fields.governanceLevel")}
          options={governanceLevels.map((level) => ({
            value: level,
            label: t(`organisations.levels.${level}`),
          }))}
        />
        <TextField field={fields.title} label={t("spaces.fields.title")} />
        <TextAreaField
          field={fields.mandate}
          label={t("spaces.fields.mandate")}
          help={t("spaces.help.mandate")}
          rows={8}
        />
        <TextField field={fields.place} label={t("spaces.fields.place")} help={t("spaces.help.place")} />
        <ThemesField field={fields.themes} />
        <SelectField
          field={fields.parentId}
          label={t("spaces.fields.parentId")}
          help={t("spaces.help.parentId")}
          options={[
            { value: noParent, label: t("spaces.fields.noParent") },
            ...candidates.map((candidate) => ({ value: candidate.id, label: candidate.title })),
          ]}
        />
        <p className="actions">
          <button type="submit" className="button">
            {t("spaces.new.submit")}
          </button>
          <Link to="/spaces" className="button button--quiet">
            {t("common.cancel")}
          </Link>
        </p>
      </ValidatedForm>
    </div>
  );
}
