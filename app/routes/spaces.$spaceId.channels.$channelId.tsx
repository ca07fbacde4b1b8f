import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { MessageBody } from "~/components/channels/message-body";
import { ErrorList } from "~/components/ui/form";
import type { MessageView } from "~/modules/channels/schema";
import { maxMessageLength, notifyChoices, reactionEmoji, reactions } from "~/modules/channels/schema";
import { useChannelLive, type Pending } from "~/realtime/use-channel-live";
import { useFormReply } from "~/utils/form-reply";
import type { action, loader } from "./spaces.$spaceId.channels.$channelId.server";

export { action, loader } from "./spaces.$spaceId.channels.$channelId.server";

type Reply = {
  formId: string;
  result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null };
};

/** The form's answer (errors and what was typed) when the action answered the form `formId`. */
function useReplyFor(formId: string) {
  const reply = useFormReply<typeof action>() as Reply | undefined;
  return reply?.formId === formId ? reply.result : undefined;
}

function typed(result: Reply["result"] | undefined, name: string): string | undefined {
  const value = result?.initialValue?.[name];
  return typeof value === "string" ? value : undefined;
}

/** A channel: the conversation, newest at the bottom, a thread beside it, and the post form. */
export default function ChannelPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const live = useChannelLive({
    channelId: data.channel.id,
    lastEventSeq: data.lastEventSeq,
    messages: data.messages,
    latest: data.latest,
    thread: data.thread,
  });
  const title = data.channel.general ? t("channels.general") : data.channel.title;
  const threadParentId = live.thread?.parent.id ?? null;
  return (
    <div className="channel" data-live-channel={live.connected ? "" : undefined}>
      <nav aria-label={t("channels.list.title")} className="channel__list">
        <ul>
          {data.channels.map((channel) => (
            <li key={channel.id}>
              <Link
                to={`/spaces/${data.spaceId}/channels/${channel.id}`}
                aria-current={channel.id === data.channel.id ? "page" : undefined}
              >
                <span dir="auto">{channel.key === "general" ? t("channels.general") : channel.title}</span>
              </Link>{" "}
              {channel.unread > 0 && channel.id !== data.channel.id ? (
                <span className="badge badge--pending">
                  {t("channels.unread", { count: channel.unread })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="channel-heading" className="stack channel__main">
        <h2 id="channel-heading" dir="auto">
          {title}
        </h2>
        {data.unreadBefore > 0 && data.firstUnreadId ? (
          <p className="notice">
            {t("channels.unreadSince", { count: data.unreadBefore })}{" "}
            <a href={`#message-${data.firstUnreadId}`}>{t("channels.jumpToFirstUnread")}</a>
          </p>
        ) : null}
        <OlderMessages first={data.links.next} prepend={live.prepend} enhanced={live.live} />
        <div role="log" aria-label={t("channels.history.label", { channel: title })} className="messages">
          {live.messages.length === 0 ? <p>{t("channels.history.empty")}</p> : null}
          <ol className="message-list">
            {live.messages.map((message) => (
              <MessageItem key={message.id} message={message} withThreadLink />
            ))}
          </ol>
          <PendingList pending={live.pending.filter((item) => item.parentId === null)} retry={live.retry} />
        </div>
        {data.links.previous ? (
          <p>
            <Link to={data.links.previous}>{t("channels.history.newer")}</Link>
          </p>
        ) : null}
        {data.may.post ? <PostForm parentId={null} send={live.send} /> : null}
        <PreferenceForm />
      </section>
      {live.thread ? (
        <section aria-labelledby="thread-heading" className="stack channel__thread card">
          <h2 id="thread-heading">{t("channels.thread.title")}</h2>
          <p>
            <Link to="." preventScrollReset>
              {t("channels.thread.close")}
            </Link>
          </p>
          <ol className="message-list">
            <MessageItem message={live.thread.parent} withThreadLink={false} />
          </ol>
          <ol className="message-list message-list--replies" aria-label={t("channels.thread.replies")}>
            {live.thread.replies.map((reply) => (
              <MessageItem key={reply.id} message={reply} withThreadLink={false} />
            ))}
          </ol>
          <PendingList
            pending={live.pending.filter((item) => item.parentId === threadParentId)}
            retry={live.retry}
          />
          {data.may.post &&
          live.thread.parent.state !== "deleted" &&
          live.thread.parent.state !== "hidden" ? (
            <PostForm parentId={live.thread.parent.id} send={live.send} />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

function MessageItem({ message, withThreadLink }: { message: MessageView; withThreadLink: boolean }) {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const own = message.author.id === data.viewerId;
  const present = message.state === "shown" || message.state === "edited";
  const time = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(message.createdAt));
  return (
    <li id={`message-${message.id}`} className="message">
      <p className="message__meta">
        <strong dir="auto">{message.author.name}</strong> · <span dir="auto">{message.organisation}</span> ·{" "}
        <time dateTime={message.createdAt}>{time}</time>
        {message.state === "edited" ? <> · {t("channels.message.edited")}</> : null}
      </p>
      {message.state === "deleted" ? (
        <p className="message__removed">{t("channels.message.removed")}</p>
      ) : message.state === "hidden" ? (
        <p className="message__removed">
          {t("channels.message.hidden")} <span dir="auto">{message.hiddenReason}</span>
        </p>
      ) : (
        <MessageBody body={message.body ?? ""} />
      )}
      {present ? <Reactions message={message} /> : null}
      <div className="message__actions">
        {withThreadLink ? (
          <Link to={`?thread=${message.id}`} preventScrollReset>
            {message.replyCount > 0
              ? t("channels.thread.replyCount", { count: message.replyCount })
              : t("channels.thread.reply")}
          </Link>
        ) : null}
        {own && present && data.may.post ? <EditForm message={message} /> : null}
        {own && present && data.may.post ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="messageId" value={message.id} />
            <button type="submit" className="button button--small button--secondary">
              {t("channels.message.delete")}
            </button>
          </Form>
        ) : null}
        {data.may.moderate && present ? <HideForm message={message} /> : null}
      </div>
    </li>
  );
}

function EditForm({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  const formId = `edit-${message.id}`;
  const result = useReplyFor(formId);
  return (
    <details open={result ? true : undefined}>
      <summary>{t("channels.message.edit")}</summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="messageId" value={message.id} />
        <div className="field">
          <label htmlFor={`${formId}-body`}>{t("channels.fields.body")}</label>
          <textarea
            id={`${formId}-body`}
            name="body"
            rows={3}
            dir="auto"
            maxLength={maxMessageLength}
            defaultValue={typed(result, "body") ?? message.body ?? ""}
            aria-invalid={result?.error?.body ? true : undefined}
            aria-describedby={result?.error?.body ? `${formId}-error` : undefined}
          />
          <ErrorList
            id={`${formId}-error`}
            errors={result?.error?.body ?? result?.error?.[""] ?? undefined}
          />
        </div>
        <p className="actions">
          <button type="submit" className="button button--small">
            {t("channels.message.save")}
          </button>
        </p>
      </Form>
    </details>
  );
}

function HideForm({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  const formId = `hide-${message.id}`;
  const result = useReplyFor(formId);
  return (
    <details open={result ? true : undefined}>
      <summary>{t("channels.moderation.hide")}</summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="hide" />
        <input type="hidden" name="messageId" value={message.id} />
        <div className="field">
          <label htmlFor={`${formId}-reason`}>{t("channels.moderation.reason")}</label>
          <input
            id={`${formId}-reason`}
            name="reason"
            dir="auto"
            maxLength={500}
            defaultValue={typed(result, "reason")}
            aria-invalid={result?.error?.reason ? true : undefined}
            aria-describedby={result?.error?.reason ? `${formId}-error` : undefined}
          />
          <ErrorList
            id={`${formId}-error`}
            errors={result?.error?.reason ?? result?.error?.[""] ?? undefined}
          />
        </div>
        <p className="actions">
          <button type="submit" className="button button--small">
            {t("channels.moderation.submit")}
          </button>
        </p>
      </Form>
    </details>
  );
}

function PendingList({ pending, retry }: { pending: Pending[]; retry: (item: Pending) => void }) {
  const { t } = useTranslation();
  if (pending.length === 0) return null;
  return (
    <ol className="message-list message-list--pending" aria-label={t("channels.send.pending")}>
      {pending.map((item) => (
        <li key={item.clientKey} className="message message--pending">
          <MessageBody body={item.body} />
          <p className="message__meta" role="status">
            {item.status === "sending" ? (
              t("channels.send.sending")
            ) : (
              <>
                {t("channels.send.failed")}{" "}
                <button type="button" className="button button--small" onClick={() => retry(item)}>
                  {t("channels.send.retry")}
                </button>
              </>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}

/**
 * The post form: posts the page's form without JavaScript (with the key the page was rendered with); with it,
 * sends through the live connection and clears the box, the text staying with its "sending…" line until sent.
 */
function PostForm({
  parentId,
  send,
}: {
  parentId: string | null;
  send: (body: string, parentId: string | null) => boolean;
}) {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const formId = "post";
  const result = useReplyFor(formId);
  const id = parentId ? `reply-${parentId}` : "post-message";
  const [localError, setLocalError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => setLocalError(null), [result]);
  const errors = localError ? [localError] : (result?.error?.body ?? result?.error?.[""] ?? undefined);
  return (
    <Form
      method="post"
      className="stack post-form"
      onSubmit={(event) => {
        const body = String(new FormData(event.currentTarget).get("body") ?? "").trim();
        if (body === "") {
          event.preventDefault();
          setLocalError("validation.required");
          return;
        }
        if (body.length > maxMessageLength) return;
        if (send(body, parentId)) {
          event.preventDefault();
          setLocalError(null);
          setGeneration((value) => value + 1);
        }
      }}
    >
      <input type="hidden" name="intent" value="post" />
      <input type="hidden" name="clientKey" value={data.clientKey} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <div className="field">
        <label id={`${id}-label`} htmlFor={`${id}-body`}>
          {parentId ? t("channels.fields.reply") : t("channels.fields.body")}
        </label>
        <p id={`${id}-help`} className="field__help">
          {t("channels.fields.formatting")}
        </p>
        <textarea
          key={generation}
          id={`${id}-body`}
          name="body"
          rows={3}
          dir="auto"
          defaultValue={
            result && typed(result, "parentId") === (parentId ?? undefined)
              ? typed(result, "body")
              : undefined
          }
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? `${id}-help ${id}-error` : `${id}-help`}
        />
        <ErrorList id={`${id}-error`} errors={errors} />
      </div>
      <p className="actions">
        <button type="submit" className="button">
          {parentId ? t("channels.send.reply") : t("channels.send.submit")}
        </button>
      </p>
    </Form>
  );
}

/** What the person hears of this channel: all, mentions only, or nothing. */
function PreferenceForm() {
  const { t } = useTranslation();
  const { notify } = useLoaderData<typeof loader>();
  return (
    <Form method="post" className="preference-form">
      <input type="hidden" name="intent" value="preference" />
      <div className="field">
        <label htmlFor="channel-notify">{t("channels.preference.label")}</label>
        <select id="channel-notify" name="notify" defaultValue={notify} key={notify}>
          {notifyChoices.map((choice) => (
            <option key={choice} value={choice}>
              {t(`channels.preference.${choice}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--small button--secondary">
        {t("channels.preference.submit")}
      </button>
    </Form>
  );
}

/** The reactions a message has, each a toggle: pressed when the viewer gave it. */
function Reactions({ message }: { message: MessageView }) {
  const { t } = useTranslation();
  const { viewerId, may } = useLoaderData<typeof loader>();
  const fetcher = useFetcher();
  const given = new Map(message.reactions.map((reaction) => [reaction.emoji, reaction.personIds]));
  const shown = may.post ? reactionEmoji : reactionEmoji.filter((emoji) => given.has(emoji));
  if (shown.length === 0) return null;
  return (
    <fetcher.Form method="post" className="reactions" preventScrollReset>
      <input type="hidden" name="intent" value="react" />
      <input type="hidden" name="messageId" value={message.id} />
      {shown.map((emoji) => {
        const people = given.get(emoji) ?? [];
        const label = t("channels.reactions.label", {
          reaction: t(`channels.reactions.${reactions[emoji]}`),
          count: people.length,
        });
        return (
          <button
            key={emoji}
            type="submit"
            name="emoji"
            value={emoji}
            className="reaction"
            aria-pressed={people.includes(viewerId)}
            aria-label={label}
            title={label}
            disabled={!may.post}
          >
            <span aria-hidden="true">{emoji}</span>
            {people.length > 0 ? <span aria-hidden="true"> {people.length}</span> : null}
          </button>
        );
      })}
    </fetcher.Form>
  );
}

/**
 * The link to older messages: a page of its own without JavaScript; with it, the older messages load in place
 * above the ones shown, and the link moves on to the page before them.
 */
function OlderMessages({
  first,
  prepend,
  enhanced,
}: {
  first: string | null;
  prepend: (messages: MessageView[]) => void;
  enhanced: boolean;
}) {
  const { t } = useTranslation();
  const older = useFetcher<typeof loader>();
  const [link, setLink] = useState(first);
  useEffect(() => setLink(first), [first]);
  useEffect(() => {
    if (older.state !== "idle" || !older.data) return;
    prepend(older.data.messages);
    setLink(older.data.links.next);
    // Once per answer: prepend is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [older.data, older.state]);
  if (!link) return null;
  return (
    <p>
      <Link
        to={link}
        onClick={(event) => {
          if (!enhanced) return;
          event.preventDefault();
          if (older.state === "idle") older.load(link);
        }}
        aria-busy={older.state !== "idle" ? true : undefined}
      >
        {t("channels.history.older")}
      </Link>
    </p>
  );
}
