import { useTranslation } from "react-i18next";
import type { Toast } from "~/utils/toast.server";

/** A result message from the last form post; announced politely to screen readers. */
export function ToastMessage({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  return (
    <div className={`toast toast--${toast.kind}`} role={toast.kind === "error" ? "alert" : "status"}>
      {t(toast.message, toast.values)}
    </div>
  );
}
