import { getCollectionProps } from "@conform-to/react";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Coverage, PublishForm, RespondForm, useRespondForm } from "~/components/consultations/review-forms";
import { ReviewInput, TagForm } from "~/components/consultations/review-input";
import { ErrorList } from "~/components/ui/form";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { useFormReply } from "~/utils/form-reply";
import type { action, loader } from "./consultations.$consultationId.review.server";

export { action, loader } from "./consultations.$consultationId.review.server";

/** The conveners' review: every submitted input, a page at a time, to tag, answer and publish the feedback. */
export default function ReviewPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const reply = useFormReply<typeof action>();
  const lastResult = (formId: string) => (reply?.formId === formId ? reply.result : undefined);
  const { coverage, editable, mayPublishFeedback, filter, inputs, links, consultationId } = data;
  const respond = useRespondForm(lastResult("respond"));
  const selection = new Map(
    getCollectionProps(respond.fields.submissionIds, {
      type: "checkbox",
      options: inputs.map((input) => input.id),
    }).map(({ key, ...props }) => [props.value, props]),
  );
  return (
    <div className="stack">
      <section aria-labelledby="review-heading" className="stack">
        <h2 id="review-heading">{t("consultations.review.title")}</h2>
        <p>{t("consultations.review.lead")}</p>
        <Coverage answered={coverage.answered} inputs={coverage.inputs} />
        {data.status === "published" ? (
          <p className="notice">
            {t("consultations.review.alreadyPublished")}{" "}
            <Link to={`/consultations/${consultationId}/report`}>{t("consultations.review.seeReport")}</Link>
          </p>
        ) : null}
        {/* A response sent from a page opened before the publication is refused: say why. */}
        {editable ? null : <ErrorList errors={respond.form.errors} />}
        <Form method="get" className="concern-filter">
          <div className="field">
            <label htmlFor="review-show">{t("consultations.review.filter.label")}</label>
            <select id="review-show" name="show" defaultValue={filter.show} key={filter.show}>
              <option value="all">{t("consultations.review.filter.all")}</option>
              <option value="unanswered">{t("consultations.review.filter.unanswered")}</option>
            </select>
          </div>
          <button type="submit" className="button button--small">
            {t("consultations.review.filter.submit")}
          </button>
        </Form>
        <InvalidCursorNotice links={links} />
        {inputs.length === 0 ? (
          <p>
            {filter.show === "unanswered"
              ? t("consultations.review.noneUnanswered")
              : t("consultations.review.empty")}
          </p>
        ) : (
          <ol className="card-list">
            {inputs.map((input) => {
              const checkbox = selection.get(input.id);
              return (
                // Keyed by the response too: once an input gets its response, its checkbox starts unchecked
                // again, so the next response does not silently replace it.
                <li key={`${input.id}:${input.response?.id ?? ""}`} className="card stack">
                  <ReviewInput input={input} />
                  {editable && checkbox ? (
                    <p>
                      <label>
                        <input {...checkbox} aria-describedby={`input-${input.id}`} />{" "}
                        {input.response
                          ? t("consultations.review.selectAgain")
                          : t("consultations.review.select")}
                      </label>
                    </p>
                  ) : null}
                  <TagForm input={input} lastResult={lastResult(`tag-${input.id}`)} />
                </li>
              );
            })}
          </ol>
        )}
        <Pagination label={t("consultations.review.pagination.label")} links={links} />
      </section>
      {editable ? <RespondForm {...respond} /> : null}
      {editable && mayPublishFeedback ? (
        <PublishForm
          ready={data.mayPublish}
          inputs={coverage.inputs}
          unanswered={coverage.inputs - coverage.answered}
          lastResult={lastResult("publish")}
        />
      ) : null}
    </div>
  );
}
