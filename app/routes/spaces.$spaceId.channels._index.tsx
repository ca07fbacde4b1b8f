import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, TextField, ValidatedForm, useSchemaForm } from "~/components/ui/form";
import { openChannelSchema } from "~/modules/channels/schema";
import { useFormReply } from "~/utils/form-reply";
import type { action, loader } from "./spaces.$spaceId.channels._index.server";

export { action, loader } from "./spaces.$spaceId.channels._index.server";

export default function ChannelsPage() {
  const { t } = useTranslation();
  const { channels, mayOpen } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <section aria-labelledby="channels-heading" className="stack">
        <h2 id="channels-heading">{t("channels.list.title")}</h2>
        <ul className="card-list">
          {channels.map((channel) => (
            <li key={channel.id} className="card">
              <Link to={channel.id}>
                <span dir="auto">{channel.key === "general" ? t("channels.general") : channel.title}</span>
              </Link>{" "}
              {channel.unread > 0 ? (
                <span className="badge badge--pending">
                  {t("channels.unread", { count: channel.unread })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
        {channels.some((channel) => channel.unread > 0) ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="button button--small button--secondary">
              {t("channels.markAllRead")}
            </button>
          </Form>
        ) : null}
      </section>
      {mayOpen ? <OpenChannelForm /> : null}
    </div>
  );
}

function OpenChannelForm() {
  const { t } = useTranslation();
  const reply = useFormReply<typeof action>();
  const [form, fields] = useSchemaForm(openChannelSchema, { id: "open-channel", lastResult: reply?.result });
  return (
    <section aria-labelledby="open-channel-heading" className="card stack">
      <h2 id="open-channel-heading">{t("channels.open.title")}</h2>
      <ValidatedForm form={form} className="stack">
        <input type="hidden" name="intent" value="open" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t("channels.open.name")} />
        <p className="actions">
          <button type="submit" className="button">
            {t("channels.open.submit")}
          </button>
        </p>
      </ValidatedForm>
    </section>
  );
}
