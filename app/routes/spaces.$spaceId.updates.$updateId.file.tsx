import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { loadSpaceResource } from "~/modules/spaces/access.server";
import { attachmentDisposition, openStoredFile } from "~/modules/updates/files.server";
import { spaceUpdateFile } from "~/modules/updates/queries.server";
import { notFound } from "~/utils/errors";

/** Streams an update's file, always as a download, to those who may read the space's updates (404 for others). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await loadSpaceResource(actor, params.spaceId ?? "");
  if (!space || !can(actor, "space.read-updates", space)) notFound();
  const file = await spaceUpdateFile(space.spaceId, params.updateId ?? "");
  const body = file && (await openStoredFile(file.key));
  if (!file || !body) notFound();
  // X-Content-Type-Options: nosniff comes with every response (helmet, server/security.ts); the test checks it.
  return new Response(body, {
    headers: {
      "Content-Type": file.type,
      "Content-Disposition": attachmentDisposition(file.name),
      ...(file.size === null ? {} : { "Content-Length": String(file.size) }),
      "Cache-Control": "private, no-cache",
    },
  });
}
