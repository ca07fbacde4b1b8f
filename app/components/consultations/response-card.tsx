import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type ResponseShown = { outcome: string; explanation: string; changeMade: string };

/**
 * The conveners' response to an input, as the review page, the feedback report and an organisation's page
 * show it: its outcome, the explanation and the change made, if any, then `children`; `missing` until there
 * is one.
 */
export function ResponseCard({
  response,
  sharedBy = 1,
  missing,
  children,
}: {
  response: ResponseShown | null;
  /** How many inputs share this response (said when more than one). */
  sharedBy?: number;
  missing: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  if (!response) return <>{missing}</>;
  return (
    <div className="notice stack">
      <p>
        <span className="badge">{t(`consultations.review.outcomes.${response.outcome}`)}</span>
        {sharedBy > 1 ? <> {t("consultations.review.sharedBy", { count: sharedBy })}</> : null}
      </p>
      <p className="prewrap">{response.explanation}</p>
      {response.changeMade ? (
        <p className="prewrap">
          <strong>{t("consultations.report.changeMade")}</strong> {response.changeMade}
        </p>
      ) : null}
      {children}
    </div>
  );
}
