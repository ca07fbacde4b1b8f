import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, SelectField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { addConvenerSchema } from "~/modules/spaces/schema";
import type { loader, action } from "./spaces.$spaceId.conveners.server";

export { loader, action } from "./spaces.$spaceId.conveners.server";

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
