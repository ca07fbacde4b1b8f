import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { loadSpaceResource, requireSpace } from "~/modules/spaces/access.server";
import { addConvener, removeConvener } from "~/modules/spaces/manage-conveners.server";
import { convenerCandidates, convenersOf } from "~/modules/spaces/queries.server";
import { addConvenerSchema, removeConvenerSchema } from "~/modules/spaces/schema";
import { DomainError, notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.manage-conveners");
  const search = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 200);
  const [conveners, candidates] = await Promise.all([
    convenersOf(space.spaceId),
    convenerCandidates(space.spaceId, search),
  ]);
  return { conveners, candidates, search };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.manage-conveners");
  const here = `/spaces/${space.spaceId}/conveners`;
  const formData = await readForm(request);

  if (formData.get("intent") === "remove") {
    const parsed = removeConvenerSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) notFound();
    try {
      const { name } = await removeConvener(actor, space, parsed.data.organisationId);
      // Removing one's own organisation can end one's access to this page.
      const after = await loadSpaceResource(actor, space.spaceId);
      const stillManaging = after !== null && can(actor, "space.manage-conveners", after);
      return redirectWithToast(stillManaging ? here : "/spaces", {
        kind: "success",
        message: "spaces.conveners.removed",
        values: { name },
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return redirectWithToast(here, { kind: "error", message: error.messageKey });
    }
  }

  const submission = parseWithZod(formData, { schema: addConvenerSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await attempt(submission, () => addConvener(actor, space, submission.value.organisationId));
  if (!result.ok) return result.reply;
  return redirectWithToast(here, {
    kind: "success",
    message: "spaces.conveners.add.added",
    values: { name: result.value.name },
  });
}

/** The space's conveners: remove one (never the last), or add a verified government body as co-convener. */
export default function SpaceConvenersPage() {
  const { conveners, candidates, search } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <section aria-labelledby="conveners-heading">
        <h2 id="conveners-heading">{t("spaces.conveners.title")}</h2>
        <p>{t("spaces.conveners.lead")}</p>
        <ul className="card-list">
          {conveners.map((convener) => (
            <li key={convener.id} className="card actions">
              <Link to={`/organisations/${convener.id}`}>{convener.name}</Link>
              <span>{t(`organisations.types.${convener.type}`)}</span>
              <Form method="post">
                <input type="hidden" name="organisationId" value={convener.id} />
                <button
                  type="submit"
                  name="intent"
                  value="remove"
                  className="button button--small button--danger"
                  aria-label={t("spaces.conveners.removeLabel", { name: convener.name })}
                >
                  {t("spaces.conveners.remove")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="add-convener-heading" className="narrow stack">
        <h2 id="add-convener-heading">{t("spaces.conveners.add.title")}</h2>
        <p>{t("spaces.conveners.add.lead")}</p>
        <Form method="get" className="actions" role="search">
          <label htmlFor="convener-search">{t("spaces.conveners.add.search")}</label>
          <input id="convener-search" type="search" name="q" defaultValue={search} />
          <button type="submit" className="button button--small">
            {t("spaces.conveners.add.searchSubmit")}
          </button>
        </Form>
        {candidates.length === 0 ? (
          <p>{t("spaces.conveners.add.noCandidates")}</p>
        ) : (
          <AddConvenerForm
            key={conveners.map((convener) => convener.id).join()}
            options={candidates.map((candidate) => ({
              value: candidate.id,
              label: `${candidate.name} (${t(`organisations.types.${candidate.type}`)})`,
            }))}
          />
        )}
      </section>
    </div>
  );
}

function AddConvenerForm({ options }: { options: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(addConvenerSchema, {
    id: "add-convener",
    lastResult,
  });
  return (
    <ValidatedForm form={form} className="stack">
      <ErrorList id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="add" />
      <SelectField
        field={fields.organisationId}
        label={t("spaces.conveners.add.organisation")}
        options={options}
      />
      <p className="actions">
        <button type="submit" className="button">
          {t("spaces.conveners.add.submit")}
        </button>
      </p>
    </ValidatedForm>
  );
}
