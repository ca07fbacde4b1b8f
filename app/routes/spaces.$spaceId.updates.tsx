import { getInputProps, useField, type FieldMetadata } from "@conform-to/react";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  ErrorList,
  SelectField,
  TextAreaField,
  TextField,
  ValidatedForm,
  useSchemaForm,
} from "~/components/ui/form";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { acceptedUpdateFiles, publishUpdateSchema, updateKinds } from "~/modules/updates/schema";
import { DateText } from "~/components/ui/date";
import type { loader, action } from "./spaces.$spaceId.updates.server";
import { revalidatesOn } from "~/realtime/live-revalidation";

export { loader, action } from "./spaces.$spaceId.updates.server";

/** A live change revalidates this page's loader only when it is one of these (app/realtime/live-revalidation.ts). */
export const shouldRevalidate = revalidatesOn(["space", "participation", "update"]);

export default function SpaceUpdatesPage() {
  const { t } = useTranslation();
  const { spaceId, updates, pages, mayPublish } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      {mayPublish ? <PublishForm /> : null}
      <section aria-labelledby="updates-heading" className="stack">
        <h2 id="updates-heading">{t("updates.feed.title")}</h2>
        <InvalidCursorNotice links={pages} />
        {updates.length === 0 ? (
          <p>{t("updates.feed.empty")}</p>
        ) : (
          <ol className="card-list">
            {updates.map((update) => (
              <li key={update.id} className="card stack">
                <article className="stack" aria-labelledby={`update-${update.id}`}>
                  <p>
                    <span className="badge">{t(`updates.kinds.${update.kind}`)}</span>
                  </p>
                  <h3 id={`update-${update.id}`} className="card__title">
                    {update.title}
                  </h3>
                  <p className="review__meta">
                    {t("updates.feed.byline", { organisation: update.organisation, author: update.author })}{" "}
                    <DateText value={update.createdAt} style="moment" />
                  </p>
                  {update.body ? <p className="prewrap">{update.body}</p> : null}
                  {update.linkUrl ? (
                    <p>
                      {t("updates.feed.link")}{" "}
                      <a href={update.linkUrl} rel="noopener noreferrer nofollow" dir="ltr">
                        {update.linkUrl}
                      </a>
                    </p>
                  ) : null}
                  {update.fileName ? (
                    <p>
                      {t("updates.feed.file")}{" "}
                      <a href={`/spaces/${spaceId}/updates/${update.id}/file`} download={update.fileName}>
                        {update.fileName}
                      </a>{" "}
                      ({update.fileSize})
                    </p>
                  ) : null}
                </article>
              </li>
            ))}
          </ol>
        )}
        <Pagination label={t("updates.pagination.label")} links={pages} kind="time" />
      </section>
    </div>
  );
}

function PublishForm() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useSchemaForm(publishUpdateSchema, {
    id: "publish-update",
    lastResult,
  });
  return (
    <section aria-labelledby="publish-heading" className="card stack">
      <h2 id="publish-heading">{t("updates.publish.title")}</h2>
      <ValidatedForm form={form} encType="multipart/form-data" className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <SelectField
          field={fields.kind}
          label={t("updates.fields.kind")}
          options={updateKinds.map((kind) => ({ value: kind, label: t(`updates.kinds.${kind}`) }))}
        />
        <TextField field={fields.title} label={t("updates.fields.title")} />
        <TextAreaField
          field={fields.body}
          label={t("updates.fields.body")}
          help={t("updates.help.body")}
          rows={8}
        />
        <TextField
          field={fields.linkUrl}
          label={t("updates.fields.linkUrl")}
          type="url"
          help={t("updates.help.linkUrl")}
        />
        <FileField field={fields.file} label={t("updates.fields.file")} help={t("updates.help.file")} />
        <p className="actions">
          <button type="submit" className="button">
            {t("updates.publish.submit")}
          </button>
        </p>
      </ValidatedForm>
    </section>
  );
}

/** A file input with its label, help and errors, subscribed to its own state like the fields of form.tsx. */
function FileField({
  field: passed,
  label,
  help,
}: {
  field: FieldMetadata<File | undefined>;
  label: string;
  help: string;
}) {
  const [field] = useField<File | undefined>(passed.name, { formId: passed.formId });
  const { key, ...inputProps } = getInputProps(field, { type: "file", ariaDescribedBy: `${field.id}-help` });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <p id={`${field.id}-help`} className="field__help">
        {help}
      </p>
      <input key={key} {...inputProps} accept={acceptedUpdateFiles} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}
