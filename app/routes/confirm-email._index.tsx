import { useForm } from "@conform-to/react";
import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, ValidatedForm } from "~/components/ui/form";
import { confirmEmailPath } from "~/modules/auth/schema";
import { emailConfirmationValidHours } from "~/modules/people/schema";
import type { loader, action } from "./confirm-email._index.server";

export { loader, action } from "./confirm-email._index.server";

export const meta: MetaFunction = () => [{ title: "Concord" }];

export default function ConfirmEmailPage() {
  const { t } = useTranslation();
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({ lastResult });
  const hours = emailConfirmationValidHours;
  if (!email) {
    return (
      <div className="narrow stack">
        <h1>{t("registration.confirm.checkTitle")}</h1>
        <p className="lead">{t("registration.confirm.checkBody", { hours })}</p>
        <p>
          {t("registration.confirm.noMail")}{" "}
          <Link to={`/login?${new URLSearchParams({ redirectTo: confirmEmailPath })}`}>
            {t("common.signIn")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow stack">
      <h1>{t("registration.confirm.pendingTitle")}</h1>
      <p className="lead">{t("registration.confirm.pendingBody", { email, hours })}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <p>{t("registration.confirm.resendIntro")}</p>
        <p>
          <button type="submit" className="button">
            {t("registration.confirm.resend")}
          </button>
        </p>
      </ValidatedForm>
    </div>
  );
}
