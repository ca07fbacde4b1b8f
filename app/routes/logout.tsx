import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { blankSessionCookie, getActorBeforeConfirmation } from "~/modules/auth/session.server";
import { signOut } from "~/modules/auth/sessions.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await getActorBeforeConfirmation(request);
  if (actor) await signOut(actor);
  return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
}
