import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import * as realtime from "~/realtime/socket.client";

/**
 * Keeps the header's unread count live: when the server says the person has new notifications, the
 * loaders revalidate. Only for a signed-in person (a visitor's socket would be refused at the handshake).
 */
export function useNotificationsLive(signedIn: boolean) {
  const revalidator = useRevalidator();

  useEffect(() => {
    // getRealtimeSocket is undefined in the server build; effects only run in the browser.
    if (!signedIn || !realtime.getRealtimeSocket) return;
    const socket = realtime.getRealtimeSocket();
    const onNew = () => revalidator.revalidate();
    socket.on("notification:new", onNew);
    return () => {
      socket.off("notification:new", onNew);
    };
    // revalidator changes identity on every render; the subscription needs only whether someone is signed in.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn]);
}
