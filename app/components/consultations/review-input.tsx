import { getCollectionProps, type SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { DateText } from "~/components/ui/date";
import { ErrorList, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import type { InputView } from "~/modules/consultations/review-queries.server";
import { tagInputSchema } from "~/modules/consultations/review-schema";
import { spaceThemes } from "~/modules/spaces/schema";
import { AnswerList } from "./answer-list";
import { ResponseCard } from "./response-card";

/** An input as the review page lists it. */
export type ReviewedInput = Omit<InputView, "submittedAt"> & { submittedAt: string | Date | null };

/** One submitted input for the conveners: who sent it, when, its themes, its answers and its response. */
export function ReviewInput({ input }: { input: ReviewedInput }) {
  const { t } = useTranslation();
  return (
    <article className="stack" aria-labelledby={`input-${input.id}`}>
      <h3 id={`input-${input.id}`} className="card__title">
        {input.isAggregated
          ? t("consultations.review.aggregatedFrom", { organisation: input.organisation.name })
          : input.organisation.name}
      </h3>
      <p className="review__meta">
        {t(`organisations.types.${input.organisation.type}`)}
        {input.submittedAt ? (
          <>
            {" · "}
            {t("consultations.review.submittedOn")} <DateText value={input.submittedAt} />
          </>
        ) : null}
        {" · "}
        {t("consultations.review.version", { version: input.version })}
      </p>
      {input.themes.length > 0 ? (
        <ul className="inline-list" aria-label={t("consultations.review.themes")}>
          {input.themes.map((theme) => (
            <li key={theme} className="badge">
              {t(`spaces.themes.${theme}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {input.isAggregated && input.aggregatedNote ? (
        <p className="prewrap">
          <strong>{t("consultations.review.howGathered")}</strong> {input.aggregatedNote}
        </p>
      ) : null}
      <AnswerList answers={input.answers} />
      <ResponseCard
        response={input.response}
        sharedBy={input.response?.sharedBy}
        missing={
          <p>
            <span className="badge badge--pending">{t("consultations.review.unanswered")}</span>
          </p>
        }
      />
    </article>
  );
}

/** The themes a convener tags one input with, behind a disclosure. */
export function TagForm({
  input,
  lastResult,
}: {
  input: ReviewedInput;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useSchemaForm(tagInputSchema, {
    id: `tag-${input.id}`,
    lastResult,
    defaultValue: { themes: input.themes },
  });
  return (
    <ValidatedForm form={form} className="stack" aria-labelledby={`tags-${input.id} input-${input.id}`}>
      <input type="hidden" name="intent" value="tag" />
      <input type="hidden" name="submissionId" value={input.id} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <details className="disclosure">
        <summary id={`tags-${input.id}`}>{t("consultations.review.tags.title")}</summary>
        <fieldset className="fieldset theme-choices">
          <legend className="visually-hidden">{t("consultations.review.tags.title")}</legend>
          <div className="theme-choices__options">
            {getCollectionProps(fields.themes, { type: "checkbox", options: [...spaceThemes] }).map(
              ({ key, ...props }) => (
                <label key={key ?? props.value}>
                  <input {...props} /> {t(`spaces.themes.${props.value}`)}
                </label>
              ),
            )}
          </div>
          <ErrorList id={fields.themes.errorId} errors={fields.themes.errors} />
        </fieldset>
        <p className="actions">
          <button type="submit" className="button button--small">
            {t("consultations.review.tags.submit")}
          </button>
        </p>
      </details>
    </ValidatedForm>
  );
}
