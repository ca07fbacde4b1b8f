import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import type { SpaceChange } from "~/realtime/contract";
import { endLiveRevalidation, revalidateFor } from "~/realtime/live-revalidation";
import * as realtime from "~/realtime/socket.client";

const notConnected: realtime.RealtimeState = { socket: null, connected: false };
const useSocket = realtime.useRealtimeSocket ?? (() => notConnected);

/**
 * Keeps a space's open pages live: watches the space's room (the server admits only people who may see it)
 * and revalidates the loaders that show what changed (their routes' `revalidatesOn`, live-revalidation.ts) —
 * including when the viewer's own standing changes, so a downgrade or removal takes effect on the open page
 * at once. The tab's own changes do not come back over its socket: it revalidates after its action.
 */
export function useSpaceLive(spaceId: string) {
  const { socket } = useSocket();
  const revalidator = useRevalidator();

  useEffect(() => {
    if (!socket) return;
    const watch = () => socket.emit("space:watch", { spaceId }, () => undefined);
    // A resumed connection is still in the space's room (the server re-checks it), and is sent what it missed.
    const rewatch = () => {
      if (!socket.recovered) watch();
    };
    const onChanged = (payload: { spaceId: string; what: SpaceChange }) => {
      if (payload.spaceId === spaceId) revalidateFor(payload.what, revalidator.revalidate);
    };
    if (socket.connected) watch();
    socket.on("connect", rewatch);
    socket.on("space:changed", onChanged);
    return () => {
      socket.off("connect", rewatch);
      socket.off("space:changed", onChanged);
    };
    // revalidator changes identity on every render; the subscription needs only the socket and the space.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, spaceId]);

  useEffect(() => {
    if (revalidator.state === "idle") endLiveRevalidation();
  }, [revalidator.state]);
}
