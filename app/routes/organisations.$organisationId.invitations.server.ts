import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/modules/auth/session.server";
import type { Actor } from "~/modules/authorization/actor";
import { can } from "~/modules/authorization/can";
import { createInvitation } from "~/modules/invitations/create-invitation.server";
import { invitationOf, invitationsOf } from "~/modules/invitations/queries.server";
import { revokeInvitation } from "~/modules/invitations/revoke-invitation.server";
import { createInvitationSchema, revokeInvitationSchema } from "~/modules/invitations/schema";
import { organisationForViewer } from "~/modules/organisations/queries.server";
import { DomainError, notFound } from "~/utils/errors";
import { attempt, readForm } from "~/utils/forms.server";
import { resolveLanguage } from "~/utils/i18n.server";
import { listPageData } from "~/utils/keyset.server";
import { submitOnce } from "~/utils/form-token.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await invitingOrganisation(actor, params.organisationId);
  const list = await invitationsOf(actor, organisation, new URL(request.url));
  if (!list) notFound();
  return listPageData(
    {
      pages: list.links,
      invitations: list.invitations.map(({ acceptedAt, revokedAt, ...invitation }) => ({
        ...invitation,
        settledAt: acceptedAt ?? revokedAt,
      })),
    },
    list.links,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await invitingOrganisation(actor, params.organisationId);
  const here = `/organisations/${organisation.id}/invitations`;
  const formData = await readForm(request);

  if (formData.get("intent") === "revoke") {
    const parsed = revokeInvitationSchema.safeParse(Object.fromEntries(formData));
    const invitation = parsed.success
      ? await invitationOf(actor, organisation, parsed.data.invitationId)
      : null;
    if (!invitation) notFound();
    try {
      await revokeInvitation(actor, invitation);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return redirectWithToast(here, {
        kind: "error",
        message: error.messageKey,
        values: { email: invitation.email },
      });
    }
    return redirectWithToast(here, {
      kind: "success",
      message: "invitations.revoke.done",
      values: { email: invitation.email },
    });
  }

  const submission = parseWithZod(formData, { schema: createInvitationSchema });
  if (submission.status !== "success") return submission.reply();
  const { email, role } = submission.value;
  const language = await resolveLanguage(request, actor);
  const once = await submitOnce(actor, formData, here, () =>
    attempt(submission, () => createInvitation(actor, { organisation, email, role, language })),
  );
  // The same form sent again invites nobody more: the first post's answer told what happened to the mail.
  if (once.replay !== null)
    return redirectWithToast(once.replay, {
      kind: "success",
      message: "invitations.create.sent",
      values: { email },
    });
  const result = once.value;
  if (!result.ok) return result.reply;
  // The link goes to the invitee's mailbox only: whoever holds it learns whether the address has an
  // account. Only when the mail failed does the admin get it, to pass on.
  return redirectWithToast(
    here,
    result.value.mailed
      ? { kind: "success", message: "invitations.create.sent", values: { email } }
      : { kind: "info", message: "invitations.create.notMailed", values: { email, link: result.value.link } },
  );
}

async function invitingOrganisation(actor: Actor, organisationId: string | undefined) {
  const organisation = await organisationForViewer(actor, organisationId ?? "");
  if (!organisation || !can(actor, "organisation.invite", organisation)) notFound();
  return organisation;
}
