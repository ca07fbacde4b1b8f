import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextAreaField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { commentSchema, editableStatuses, type PlanStatus } from "~/modules/action-plans/schema";
import type { action, loader } from "~/routes/spaces.$spaceId.plan.server";

/** Comments on the plan while it is drafted or reviewed: from conveners and organisations at INVOLVE and above. */
export function PlanComments() {
  const { t } = useTranslation();
  const { overview, comments, may } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const replied = reply && "formId" in reply && reply.formId === "plan-comment" ? reply.result : undefined;
  const [form, fields] = useSchemaForm(commentSchema, { id: "plan-comment", lastResult: replied });
  if (!overview) return null;
  const open = editableStatuses.includes(overview.plan.status as PlanStatus);
  if (!open && !replied && comments.total === 0) return null;
  return (
    <section aria-labelledby="comments-heading" className="stack">
      <h3 id="comments-heading">{t("plans.comments.title")}</h3>
      {comments.total === 0 ? <p>{t("plans.comments.none")}</p> : null}
      {comments.total > comments.list.length ? (
        <p>{t("plans.comments.latest", { shown: comments.list.length, count: comments.total })}</p>
      ) : null}
      <ol className="card-list">
        {comments.list.map((comment) => (
          <li key={comment.id} className="card">
            <p className="review__meta">
              <span dir="auto">{comment.organisation}</span> ({comment.author}, {comment.date})
            </p>
            <p className="prewrap" dir="auto">
              {comment.text}
            </p>
          </li>
        ))}
      </ol>
      {/* Refused as the plan was adopted meanwhile, the form stays to say so, with what was typed. */}
      {(open || replied) && may.comment ? (
        <ValidatedForm form={form} className="stack" aria-label={t("plans.comments.formTitle")}>
          <input type="hidden" name="intent" value="comment" />
          <ErrorList id={form.errorId} errors={form.errors} />
          <TextAreaField field={fields.text} label={t("plans.comments.field")} rows={4} />
          <p className="actions">
            <button type="submit" className="button">
              {t("plans.comments.submit")}
            </button>
          </p>
        </ValidatedForm>
      ) : null}
    </section>
  );
}
