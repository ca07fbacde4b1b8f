import { useTranslation } from "react-i18next";

/** The conveners' response to an input: its outcome, the explanation and the change made, if any. */
export function ResponseView({
  response,
  sharedBy = 1,
}: {
  response: { outcome: string; explanation: string; changeMade: string };
  /** How many inputs share this response (said when more than one). */
  sharedBy?: number;
}) {
  const { t } = useTranslation();
  return (
    <>
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
    </>
  );
}
