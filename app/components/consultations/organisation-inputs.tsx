import { useDateFormat } from "~/components/ui/date";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ResponseCard } from "./response-card";
import type { ResponseOutcome } from "~/modules/consultations/review-schema";

export type OrganisationInputsData = {
  total: number;
  answered: number;
  inputs: {
    id: string;
    isAggregated: boolean;
    consultation: {
      id: string;
      title: string;
      space: string;
      feedbackDueAt: string;
      published: boolean;
      /** Days since the promised feedback date, while the feedback is not published; null until then. */
      daysOverdue: number | null;
    };
    response: { outcome: ResponseOutcome; explanation: string; changeMade: string } | null;
  }[];
};

/**
 * "Our consultation inputs" on an organisation's page (its members only): each consultation it answered,
 * with the response to its own input once the feedback is published, and how many inputs got an answer.
 */
export function OrganisationInputs({ data }: { data: OrganisationInputsData }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  return (
    <section aria-labelledby="consultation-inputs-heading" className="stack">
      <h2 id="consultation-inputs-heading">{t("consultations.report.ourInputs.title")}</h2>
      <p>{t("consultations.report.ourInputs.answered", { count: data.total, answered: data.answered })}</p>
      {data.inputs.length === 0 ? (
        <p>{t("consultations.report.ourInputs.empty")}</p>
      ) : (
        <ol className="card-list">
          {data.inputs.map((input) => (
            <li key={input.id} className="card stack">
              <h3 className="card__title">
                <Link to={`/consultations/${input.consultation.id}`}>{input.consultation.title}</Link>
              </h3>
              <p className="review__meta">
                {input.consultation.space}
                {input.isAggregated ? <> · {t("consultations.report.ourInputs.aggregated")}</> : null}
              </p>
              <ResponseCard
                response={input.response}
                missing={
                  input.consultation.daysOverdue !== null ? (
                    <p>
                      <span className="badge badge--rejected">
                        {t("consultations.report.ourInputs.overdue")}
                      </span>{" "}
                      {t("consultations.report.ourInputs.overdueBy", {
                        date: formatDate(input.consultation.feedbackDueAt, "calendar-day"),
                        count: input.consultation.daysOverdue,
                      })}
                    </p>
                  ) : (
                    <p>
                      {t("consultations.report.ourInputs.awaiting", {
                        date: formatDate(input.consultation.feedbackDueAt, "calendar-day"),
                      })}
                    </p>
                  )
                }
              >
                <p>
                  <Link to={`/consultations/${input.consultation.id}/report`}>
                    {t("consultations.report.ourInputs.report")}
                  </Link>
                </p>
              </ResponseCard>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
