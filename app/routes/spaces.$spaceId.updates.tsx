import { getInputProps, useField, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
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
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { requireSpace } from "~/modules/spaces/access.server";
import { discardUpload, receiveUpdateForm } from "~/modules/updates/files.server";
import { publishUpdate } from "~/modules/updates/publish-update.server";
import { spaceUpdates } from "~/modules/updates/queries.server";
import {
  acceptedUpdateFiles,
  publishUpdateSchema,
  updateFieldsSchema,
  updateKinds,
} from "~/modules/updates/schema";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { attempt } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { listPageData } from "~/utils/keyset.server";
import { redirectWithToast } from "~/utils/toast.server";
import { revalidatesOn } from "~/realtime/live-revalidation";

/** A live change revalidates this page's loader only when it is one of these (app/realtime/live-revalidation.ts). */
export const shouldRevalidate = revalidatesOn(["space", "participation", "update"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.read-updates");
  const [feed, language] = await Promise.all([
    spaceUpdates(space.spaceId, new URL(request.url)),
    resolveLanguage(request, actor),
  ]);
  // Dates and sizes are written on the server, in UTC, so the page reads the same before and after hydration.
  const date = new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const size = new Intl.NumberFormat(language, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 });
  return listPageData(
    {
      spaceId: space.spaceId,
      pages: feed.links,
      updates: feed.rows.map(({ createdAt, author, organisation, fileSize, ...update }) => ({
        ...update,
        author: author.name,
        organisation: organisation.name,
        fileSize: fileSize === null ? null : size.format(Math.max(1, Math.ceil(fileSize / 1024))),
        date: date.format(createdAt),
        dateTime: createdAt.toISOString(),
      })),
      mayPublish: can(actor, "space.publish-update", space),
    },
    feed.links,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.publish-update");
  const { formData, upload, formError } = await receiveUpdateForm(request);
  let published = false;
  try {
    const submission = parseWithZod(formData, { schema: updateFieldsSchema });
    if (formError) return submission.reply({ formErrors: [formError] });
    if (upload.status === "refused") return submission.reply({ fieldErrors: { file: [upload.message] } });
    if (submission.status !== "success") return submission.reply();
    const preferredOrganisationId = await currentOrganisationId(request, actor);
    const result = await attempt(submission, () =>
      publishUpdate(actor, space, {
        ...submission.value,
        file: upload.status === "stored" ? upload.file : null,
        preferredOrganisationId,
      }),
    );
    if (!result.ok) return result.reply;
    published = true;
    return redirectWithToast(`/spaces/${space.spaceId}/updates`, {
      kind: "success",
      message: "updates.publish.published",
      values: { title: result.value.title },
    });
  } finally {
    // Only a published update keeps its file: any other ending removes what was stored.
    if (!published) await discardUpload(upload);
  }
}

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
                    <time dateTime={update.dateTime}>{update.date}</time>
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
