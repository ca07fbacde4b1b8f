import { type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextAreaField, TextField, useSchemaForm, ValidatedForm } from "~/components/ui/form";
import { requireActor } from "~/modules/auth/session.server";
import { levels, type Level } from "~/modules/engagement/levels";
import { requireSpace } from "~/modules/spaces/access.server";
import { spacePromises } from "~/modules/spaces/queries.server";
import { promisesSchema, type PromiseInput } from "~/modules/spaces/schema";
import { setPromises } from "~/modules/spaces/set-promises.server";
import { attempt, readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.set-promise");
  return { promises: await spacePromises(space.spaceId) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.set-promise");
  const submission = parseWithZod(await readForm(request), { schema: promisesSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await attempt(submission, () => setPromises(actor, space, submission.value));
  if (!result.ok) return result.reply;
  return redirectWithToast(`/spaces/${space.spaceId}`, {
    kind: "success",
    message: result.value.changed.length > 0 ? "spaces.promise.saved" : "spaces.promise.unchanged",
  });
}

/** The promise of all five levels, edited in one form. */
export default function SpacePromisePage() {
  const { promises } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(promisesSchema, {
    id: "space-promises",
    lastResult,
    defaultValue: promises,
  });
  return (
    <div className="stack">
      <h2>{t("spaces.promise.title")}</h2>
      <p className="lead">{t("spaces.promise.lead")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        {levels.map((level) => (
          <LevelPromise key={level} level={level} field={fields[level]} />
        ))}
        <p className="actions">
          <button type="submit" className="button">
            {t("spaces.promise.submit")}
          </button>
          <Link to=".." relative="path" className="button button--quiet">
            {t("common.cancel")}
          </Link>
        </p>
      </ValidatedForm>
    </div>
  );
}

function LevelPromise({ level, field }: { level: Level; field: FieldMetadata<PromiseInput> }) {
  const { t } = useTranslation();
  const promise = field.getFieldset();
  return (
    <fieldset className="fieldset card stack narrow">
      <legend>{t(`spaces.levels.${level}.name`)}</legend>
      <p className="field__help">{t(`spaces.levels.${level}.definition`)}</p>
      <TextAreaField field={promise.expectation} label={t("spaces.promise.expectation")} rows={4} />
      <TextField field={promise.decisionMaker} label={t("spaces.promise.decisionMaker")} />
      <TextField
        field={promise.feedbackDays as FieldMetadata<string | undefined>}
        label={t("spaces.promise.feedbackDays")}
        help={t("spaces.promise.feedbackDaysHelp")}
      />
    </fieldset>
  );
}
