import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { requireSpace } from "~/modules/spaces/access.server";
import { discardUpload, receiveUpdateForm } from "~/modules/updates/files.server";
import { publishUpdate } from "~/modules/updates/publish-update.server";
import { spaceUpdates } from "~/modules/updates/queries.server";
import { updateFieldsSchema } from "~/modules/updates/schema";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { attempt } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { listPageData } from "~/utils/keyset.server";
import { submitOnce } from "~/utils/form-token.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.read-updates");
  const [feed, language] = await Promise.all([
    spaceUpdates(space.spaceId, new URL(request.url)),
    resolveLanguage(request, actor),
  ]);
  // Sizes are written on the server, so the page reads the same before and after hydration.
  const size = new Intl.NumberFormat(language, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 });
  return listPageData(
    {
      spaceId: space.spaceId,
      pages: feed.links,
      updates: feed.rows.map(({ author, organisation, fileSize, ...update }) => ({
        ...update,
        author: author.name,
        organisation: organisation.name,
        fileSize: fileSize === null ? null : size.format(Math.max(1, Math.ceil(fileSize / 1024))),
      })),
      mayPublish: can(actor, "space.publish-update", space),
    },
    feed.links,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.publish-update");
  const { formData, upload, formError } = await receiveUpdateForm(request);
  let published = false;
  try {
    const submission = parseWithZod(formData, { schema: updateFieldsSchema });
    if (formError) return submission.reply({ formErrors: [formError] });
    if (upload.status === "refused") return submission.reply({ fieldErrors: { file: [upload.message] } });
    if (submission.status !== "success") return submission.reply();
    const preferredOrganisationId = await currentOrganisationId(request, actor);
    const done = (to: string) =>
      redirectWithToast(to, {
        kind: "success",
        message: "updates.publish.published",
        values: { title: submission.value.title },
      });
    const back = `/spaces/${space.spaceId}/updates`;
    // A second post of the same form publishes nothing (and its file copy is removed below).
    const once = await submitOnce(actor, formData, back, () =>
      attempt(submission, () =>
        publishUpdate(actor, space, {
          ...submission.value,
          file: upload.status === "stored" ? upload.file : null,
          preferredOrganisationId,
        }),
      ),
    );
    if (once.replay !== null) return done(once.replay);
    if (!once.value.ok) return once.value.reply;
    published = true;
    return done(back);
  } finally {
    // Only a published update keeps its file: any other ending removes what was stored.
    if (!published) await discardUpload(upload);
  }
}
