import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { DraftEditor } from "~/realtime/contract";
import * as realtime from "~/realtime/socket.client";

export type { DraftEditor };

const notConnected: realtime.RealtimeState = { socket: null, connected: false };
const useSocket = realtime.useRealtimeSocket ?? (() => notConnected);

/**
 * Keeps one shared draft's form live (ADR 0026): joins the draft's room (the server admits only people who may
 * draft it), reads the page again when a colleague saved a newer revision of it, tells colleagues which
 * question this person is on, and lists who else is editing it now and where.
 */
export function useDraftLive({
  consultationId,
  organisationId,
  aggregated,
  draftRevision,
  enabled,
}: {
  consultationId: string;
  organisationId: string;
  aggregated: boolean;
  draftRevision: number;
  enabled: boolean;
}) {
  const { socket } = useSocket();
  const revalidator = useRevalidator();
  const [editors, setEditors] = useState<DraftEditor[]>([]);
  const known = useRef(draftRevision);
  known.current = Math.max(known.current, draftRevision);
  const focused = useRef<string | null>(null);
  const draft = { consultationId, organisationId, aggregated };

  useEffect(() => {
    if (!socket || !enabled) return;
    const watch = () =>
      socket.emit("draft:watch", { ...draft, questionId: focused.current }, (result) => {
        if (result.ok) setEditors(result.data.editors);
      });
    const same = (payload: { consultationId: string; organisationId: string; aggregated: boolean }) =>
      payload.consultationId === consultationId &&
      payload.organisationId === organisationId &&
      payload.aggregated === aggregated;
    const onChanged = (payload: Parameters<typeof same>[0] & { draftRevision: number }) => {
      if (!same(payload) || payload.draftRevision <= known.current) return;
      known.current = payload.draftRevision;
      revalidator.revalidate();
    };
    const onEditors = (payload: Parameters<typeof same>[0] & { editors: DraftEditor[] }) => {
      if (same(payload)) setEditors(payload.editors);
    };
    if (socket.connected) watch();
    socket.on("connect", watch);
    socket.on("draft:changed", onChanged);
    socket.on("draft:editors", onEditors);
    return () => {
      socket.off("connect", watch);
      socket.off("draft:changed", onChanged);
      socket.off("draft:editors", onEditors);
      socket.emit("draft:leave", draft);
    };
    // revalidator changes identity on every render; the subscription needs only the socket and the draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, enabled, consultationId, organisationId, aggregated]);

  return {
    /** Everyone else editing this draft now (this person's other tabs included), with the question they are on. */
    others: editors.filter((editor) => editor.socketId !== socket?.id),
    focus(questionId: string | null) {
      if (focused.current === questionId) return;
      focused.current = questionId;
      if (socket?.connected && enabled) socket.emit("draft:focus", { ...draft, questionId });
    },
  };
}
