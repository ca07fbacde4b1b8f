import { useTranslation } from "react-i18next";

/** A consultation's status as a badge, with "overdue" beside it when its promised feedback is late. */
export function StatusBadge({ status, overdue = false }: { status: string; overdue?: boolean }) {
  const { t } = useTranslation();
  const kind = status === "open" ? " badge--verified" : status === "draft" ? " badge--pending" : "";
  return (
    <>
      <span className={`badge${kind}`}>{t(`consultations.common.statuses.${status}`)}</span>
      {overdue ? (
        <>
          {" "}
          <span className="badge badge--rejected">{t("consultations.common.overdue")}</span>
        </>
      ) : null}
    </>
  );
}
