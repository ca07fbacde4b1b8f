import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { createSessionCookie, getActorBeforeConfirmation } from "~/modules/auth/session.server";
import {
  acceptInvitationAsMember,
  acceptInvitationAsNewPerson,
} from "~/modules/invitations/accept-invitation.server";
import { invitationByToken } from "~/modules/invitations/queries.server";
import { acceptAsNewPersonSchema, joinSchema } from "~/modules/invitations/schema";
import { attempt, readForm } from "~/utils/forms.server";
import { clientOf } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const invitation = await invitationByToken(token);
  if (!invitation) return data({ view: { state: "unknown" as const } }, { status: 404 });
  const actor = await getActorBeforeConfirmation(request);
  const organisation = invitation.organisation;
  if (invitation.status !== "pending") {
    const isMember = actor?.memberships.some((membership) => membership.organisationId === organisation.id);
    return data(
      {
        view: {
          state: invitation.status,
          organisationId: organisation.id,
          organisationName: organisation.name,
          isMember: isMember ?? false,
          signedIn: actor !== null,
        },
      },
      { status: 410 },
    );
  }
  const offer = {
    organisationName: organisation.name,
    inviterName: invitation.invitedBy.name,
    role: invitation.role,
    email: invitation.email,
  };
  if (!actor && invitation.inviteeHasAccount) {
    const redirectTo = `/invitations/${token}`;
    throw await redirectWithToast(`/login?${new URLSearchParams({ redirectTo })}`, {
      kind: "info",
      message: "invitations.accept.signInToJoin",
      values: { organisation: organisation.name, email: invitation.email },
    });
  }
  if (!actor) return { view: { state: "register" as const, ...offer } };
  if (actor.email.toLowerCase() !== invitation.email) {
    return { view: { state: "wrongPerson" as const, ...offer, signedInAs: actor.email } };
  }
  return { view: { state: "join" as const, ...offer } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const actor = await getActorBeforeConfirmation(request);
  const formData = await readForm(request);
  if (actor) {
    const submission = parseWithZod(formData, { schema: joinSchema });
    if (submission.status !== "success") return submission.reply();
    const result = await attempt(submission, () => acceptInvitationAsMember(actor, token));
    if (!result.ok) return result.reply;
    return redirectWithToast(`/organisations/${result.value.organisationId}`, {
      kind: "success",
      message: "invitations.accept.welcome",
      values: { organisation: result.value.organisationName },
    });
  }
  const submission = parseWithZod(formData, { schema: acceptAsNewPersonSchema });
  if (submission.status !== "success") return submission.reply({ hideFields: ["password"] });
  const result = await attempt(
    submission,
    () => acceptInvitationAsNewPerson({ token, ...submission.value }),
    {
      hideFields: ["password"],
    },
  );
  if (!result.ok) return result.reply;
  const cookie = await createSessionCookie(result.value.personId, clientOf(request, context));
  return redirectWithToast(
    `/organisations/${result.value.organisationId}`,
    {
      kind: "success",
      message: "invitations.accept.welcome",
      values: { organisation: result.value.organisationName },
    },
    { headers: { "Set-Cookie": cookie } },
  );
}
