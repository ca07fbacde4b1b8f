import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { endLiveRevalidation } from "~/realtime/live-revalidation";
import * as realtime from "~/realtime/socket.client";

/** A tab hidden or offline at least this long reads its page again when it is back. */
export const longAbsenceMs = 30_000;

/**
 * Keeps an open page from showing what was true before the person looked away: every loader on the page
 * (the space's, the header's notification count) revalidates when the live connection comes back without
 * the events it missed, and when the tab is visible and online again after a long absence — a sleeping
 * laptop or a frozen background tab may not have noticed that its connection was gone.
 */
export function useCatchUp() {
  const revalidator = useRevalidator();

  useEffect(() => {
    // Everything, not only what a live change under way asked for.
    const revalidate = () => {
      endLiveRevalidation();
      revalidator.revalidate();
    };
    const isAway = () => document.hidden || !navigator.onLine;
    let awaySince = isAway() ? Date.now() : null;
    const onPresenceChange = () => {
      if (isAway()) {
        awaySince ??= Date.now();
        return;
      }
      if (awaySince !== null && Date.now() - awaySince >= longAbsenceMs) revalidate();
      awaySince = null;
    };
    document.addEventListener("visibilitychange", onPresenceChange);
    window.addEventListener("offline", onPresenceChange);
    window.addEventListener("online", onPresenceChange);
    // onMissedEvents is undefined in the server build; effects only run in the browser.
    const stopCatchingUp = realtime.onMissedEvents?.(revalidate);
    return () => {
      document.removeEventListener("visibilitychange", onPresenceChange);
      window.removeEventListener("offline", onPresenceChange);
      window.removeEventListener("online", onPresenceChange);
      stopCatchingUp?.();
    };
    // revalidator changes identity on every render; its revalidate() is the router's, which does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
