import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
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
import { requireSpace } from "~/modules/spaces/access.server";
import { parentCandidates, spaceDetails } from "~/modules/spaces/queries.server";
import { noParent, updateSpaceSchema } from "~/modules/spaces/schema";
import { updateSpace } from "~/modules/spaces/update-space.server";
import { attempt, readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.edit");
  const [details, candidates] = await Promise.all([
    spaceDetails(space.spaceId),
    parentCandidates(actor, space.spaceId),
  ]);
  return {
    details: { ...details, parentId: details.parentId ?? noParent },
    candidates,
    // A parent the viewer cannot see stays selectable as it is, without its title.
    hiddenParentId:
      details.parentId && !candidates.some((candidate) => candidate.id === details.parentId)
        ? details.parentId
        : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.edit");
  const submission = parseWithZod(await readForm(request), { schema: updateSpaceSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await attempt(submission, () => updateSpace(actor, space, submission.value));
  if (!result.ok) return result.reply;
  return redirectWithToast(`/spaces/${space.spaceId}`, {
    kind: "success",
    message: result.value.changed.length > 0 ? "spaces.edit.saved" : "spaces.edit.unchanged",
  });
}

export default function EditSpacePage() {
  const { details, candidates, hiddenParentId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(updateSpaceSchema, {
    id: "edit-space",
    lastResult,
    defaultValue: details,
  });
  const parentOptions = [
    { value: noParent, label: t("spaces.fields.noParent") },
    ...(hiddenParentId ? [{ value: hiddenParentId, label: t("spaces.fields.hiddenParent") }] : []),
    ...candidates.map((candidate) => ({ value: candidate.id, label: candidate.title })),
  ];
  return (
    <div className="narrow">
      <h2>{t("spaces.edit.title")}</h2>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t("spaces.fields.title")} />
        <TextAreaField
          field={fields.mandate}
          label={t("spaces.fields.mandate")}
          help={t("spaces.help.mandate")}
          rows={8}
        />
        <ThemesField field={fields.themes} />
        <SelectField
          field={fields.parentId}
          label={t("spaces.fields.parentId")}
          help={t("spaces.help.parentId")}
          options={parentOptions}
        />
        <p className="actions">
          <button type="submit" className="button">
            {t("spaces.edit.submit")}
          </button>
          <Link to=".." relative="path" className="button button--quiet">
            {t("common.cancel")}
          </Link>
        </p>
      </ValidatedForm>
    </div>
  );
}
