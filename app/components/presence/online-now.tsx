import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { OnlinePerson, PresenceJoined, PresenceLeft, PresencePayload } from "~/realtime/contract";
import * as realtime from "~/realtime/socket.client";
import { useRootData } from "~/root";

const notConnected: realtime.RealtimeState = { socket: null, connected: false };
const useNoRealtimeSocket = () => notConnected;
// The server build replaces `.client` modules with an empty one: there (and with JavaScript off) the
// component renders its not-connected state, which hydration then replaces.
const useSocket = realtime.useRealtimeSocket ?? useNoRealtimeSocket;

const listTimeoutMs = 10_000;
const rateLimitedRetryMs = 1_000;

const byName = (a: OnlinePerson, b: OnlinePerson) => a.name.localeCompare(b.name);

/**
 * Who of an organisation is online now, kept live over the tab's socket: the list is asked for on every
 * (re)connection, and the server announces each person who comes or goes ("presence:joined", "presence:left").
 * The viewer announced themselves has just been let into (or out of) the organisation's presence.
 */
export function OnlineNow({
  organisationId,
  initialOnline = [],
  headingLevel = 2,
}: {
  organisationId: string;
  initialOnline?: OnlinePerson[];
  headingLevel?: 2 | 3 | 4;
}) {
  const { t } = useTranslation();
  const viewerId = useRootData()?.viewer?.personId ?? null;
  const headingId = useId();
  const { socket, connected } = useSocket();
  const [online, setOnline] = useState<OnlinePerson[]>(initialOnline);
  /** The organisation whose list came over the current connection; null while it is not live. */
  const [liveFor, setLiveFor] = useState<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    let active = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const apply = (payload: PresencePayload) => {
      if (!active || payload.organisationId !== organisationId) return;
      setOnline(payload.online);
      setLiveFor(organisationId);
    };
    const ask = () => {
      clearTimeout(retry);
      socket.timeout(listTimeoutMs).emit("presence:list", { organisationId }, (error, result) => {
        if (!active || error) return;
        if (result.ok) return apply(result.data);
        if (result.error === "rate-limited") retry = setTimeout(ask, rateLimitedRetryMs);
        else setLiveFor(null);
      });
    };
    const joined = ({ organisationId: about, person }: PresenceJoined) => {
      if (!active || about !== organisationId) return;
      if (person.personId === viewerId) return ask();
      setOnline((current) =>
        current.some((known) => known.personId === person.personId)
          ? current
          : [...current, person].sort(byName),
      );
    };
    const left = ({ organisationId: about, personId }: PresenceLeft) => {
      if (!active || about !== organisationId) return;
      if (personId === viewerId) {
        setOnline([]);
        return setLiveFor(null);
      }
      setOnline((current) => current.filter((known) => known.personId !== personId));
    };
    const lost = () => setLiveFor(null);
    setLiveFor(null);
    socket.on("presence:joined", joined);
    socket.on("presence:left", left);
    socket.on("connect", ask);
    socket.on("disconnect", lost);
    if (socket.connected) ask();
    return () => {
      active = false;
      clearTimeout(retry);
      socket.off("presence:joined", joined);
      socket.off("presence:left", left);
      socket.off("connect", ask);
      socket.off("disconnect", lost);
    };
  }, [socket, organisationId, viewerId]);

  const live = connected && liveFor === organisationId;
  const others = online.filter((person) => person.personId !== viewerId).length;
  const Heading = `h${headingLevel}` as const;

  return (
    <section className="online-now" aria-labelledby={headingId} data-presence={live ? "live" : "offline"}>
      <Heading id={headingId}>{t("presence.title")}</Heading>
      {live || online.length > 0 ? <p>{t("presence.count", { count: online.length })}</p> : null}
      <ul className="presence-list" aria-labelledby={headingId} aria-live="polite">
        {online.map((person) => (
          <li key={person.personId}>
            {person.personId === viewerId ? t("presence.you", { name: person.name }) : person.name}
          </li>
        ))}
      </ul>
      {/* Always in the page, so screen readers announce the text when the last other person leaves. */}
      <p aria-live="polite">{live && others === 0 ? t("presence.nobodyElse") : null}</p>
      {live ? null : <p className="notice">{t("presence.notLive")}</p>}
    </section>
  );
}
