import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireActor(request);
  return null;
}
