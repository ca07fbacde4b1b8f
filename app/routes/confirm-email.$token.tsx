import { useForm } from "@conform-to/react";
import type { MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, ValidatedForm } from "~/components/ui/form";
import type { loader, action } from "./confirm-email.$token.server";

export { loader, action } from "./confirm-email.$token.server";

export const meta: MetaFunction = () => [{ title: "Concord" }];

export default function ConfirmEmailLinkPage() {
  const { t } = useTranslation();
  const { state } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form] = useForm({ lastResult });
  if (state !== "pending") {
    return (
      <div className="narrow stack">
        <h1>{t(`registration.confirm.${state}Title`)}</h1>
        <p>{t(`registration.confirm.${state}`)}</p>
        <p>
          <Link to="/login">{t("common.signIn")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow stack">
      <h1>{t("registration.confirm.linkTitle")}</h1>
      <p className="lead">{t("registration.confirm.linkBody")}</p>
      <ValidatedForm form={form} className="stack">
        <ErrorList id={form.errorId} errors={form.errors} />
        <p>
          <button type="submit" className="button">
            {t("registration.confirm.submit")}
          </button>
        </p>
      </ValidatedForm>
    </div>
  );
}
