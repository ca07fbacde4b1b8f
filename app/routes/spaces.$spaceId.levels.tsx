import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateText } from "~/components/ui/date";
import { DecisionForm } from "~/components/ui/decision-form";
import { InvalidCursorNotice, Pagination } from "~/components/ui/pagination";
import { decideLevelRequestSchema, levelRequestDecisions } from "~/modules/participation/schema";
import { useFormReply } from "~/utils/form-reply";
import type { loader, action } from "./spaces.$spaceId.levels.server";
import { revalidatesOn } from "~/realtime/live-revalidation";

export { loader, action } from "./spaces.$spaceId.levels.server";

/** A live change revalidates this page's loader only when it is one of these (app/realtime/live-revalidation.ts). */
export const shouldRevalidate = revalidatesOn(["space", "participation", "level-request"]);

export default function LevelHistoryPage() {
  const { t } = useTranslation();
  const { changes, requests, mayDecide, pages } = useLoaderData<typeof loader>();
  const levelName = (level: string | null) =>
    level ? t(`spaces.levels.${level}.name`) : t("participation.history.noLevel");
  return (
    <div className="stack">
      <section aria-labelledby="requests-heading" className="stack">
        <h2 id="requests-heading">{t("participation.requests.title")}</h2>
        {requests.length === 0 ? (
          <p>{t("participation.requests.empty")}</p>
        ) : (
          <ul className="card-list">
            {requests.map((request) => (
              <li key={request.id} className="card stack">
                <h3 className="card__title">
                  {t("participation.requests.heading", {
                    organisation: request.organisation,
                    from: levelName(request.currentLevel),
                    to: levelName(request.requestedLevel),
                  })}
                </h3>
                <p>
                  {t("participation.requests.by", { name: request.requestedBy })}{" "}
                  <DateText value={request.createdAt} />
                </p>
                <p className="prewrap">{request.reason}</p>
                {mayDecide ? <DecideForm requestId={request.id} /> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-heading" className="stack">
        <h2 id="history-heading">{t("participation.history.title")}</h2>
        <InvalidCursorNotice links={pages} />
        {changes.length === 0 ? (
          <p>{t("participation.history.empty")}</p>
        ) : (
          <ol className="card-list">
            {changes.map((change) => (
              <li key={change.id} className="card stack">
                <p className="card__title">
                  {t(`participation.history.kinds.${change.kind}`, {
                    organisation: change.organisation,
                    from: levelName(change.fromLevel),
                    to: levelName(change.toLevel),
                  })}
                </p>
                <p>
                  {t("participation.history.by", { name: change.changedBy })}{" "}
                  <DateText value={change.createdAt} />
                </p>
                {change.rationale ? (
                  <blockquote className="prewrap">
                    <span className="visually-hidden">{t("participation.history.rationale")} </span>
                    {change.rationale}
                  </blockquote>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <Pagination label={t("participation.pagination.history")} links={pages} kind="time" />
      </section>
    </div>
  );
}

function DecideForm({ requestId }: { requestId: string }) {
  const { t } = useTranslation();
  const formId = `decide-${requestId}`;
  return (
    <DecisionForm
      schema={decideLevelRequestSchema}
      id={formId}
      lastResult={useFormReply<typeof action>(formId)?.result}
      hidden={{ intent: "decide", requestId }}
      choice={{
        name: "decision",
        label: t("participation.fields.decision"),
        options: levelRequestDecisions.map((decision) => ({
          value: decision,
          label: t(`participation.decide.options.${decision}`),
        })),
      }}
      reason={{
        name: "reason",
        label: t("participation.fields.reason"),
        help: t("participation.decide.reasonHelp"),
      }}
      submit={{ label: t("participation.decide.submit") }}
      size="small"
    />
  );
}
