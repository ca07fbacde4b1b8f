import { forbidden } from "~/utils/errors";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { editConcern, withdrawConcern } from "~/modules/concerns/amend-concern.server";
import { answerConcern } from "~/modules/concerns/answer-concern.server";
import { markConcernDuplicate } from "~/modules/concerns/mark-duplicate.server";
import { concernRegister, waitingConcerns } from "~/modules/concerns/queries.server";
import { raiseConcern } from "~/modules/concerns/raise-concern.server";
import {
  answerConcernSchema,
  concernFilterSchema,
  editConcernSchema,
  markDuplicateSchema,
  raiseConcernSchema,
  withdrawConcernSchema,
} from "~/modules/concerns/schema";
import { requireActor } from "~/modules/auth/session.server";
import { can } from "~/modules/authorization/can";
import { requireSpace } from "~/modules/spaces/access.server";
import { currentOrganisationId } from "~/utils/current-organisation.server";
import { attempt, attemptWithToast, readForm } from "~/utils/forms.server";
import { submitOnce } from "~/utils/form-token.server";
import { listPageData } from "~/utils/keyset.server";
import { redirectWithToast } from "~/utils/toast.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const space = await requireSpace(actor, params.spaceId ?? "", "space.view-concerns");
  const url = new URL(request.url);
  const filter = concernFilterSchema.parse(Object.fromEntries(url.searchParams));
  const mayMarkDuplicate = can(actor, "space.mark-duplicate-concern", space);
  const [register, waiting, organisationId] = await Promise.all([
    concernRegister(space.spaceId, filter, url),
    waitingConcerns(space.spaceId),
    currentOrganisationId(request, actor),
  ]);
  const mayAmend = organisationId !== null && can(actor, "space.amend-concern", { ...space, organisationId });
  const shown = (list: (typeof register)["waiting"]) =>
    list && {
      pages: list.links,
      concerns: list.concerns.map(({ organisation, raisedBy, answeredBy, duplicateOf, ...concern }) => ({
        ...concern,
        organisation: organisation.name,
        raisedBy: raisedBy.name,
        answeredBy: answeredBy?.name ?? null,
        duplicateOf: duplicateOf && {
          id: duplicateOf.id,
          organisation: duplicateOf.organisation.name,
          createdAt: duplicateOf.createdAt,
        },
        // Its own organisation may still change or withdraw it while it waits.
        mayAmend: mayAmend && concern.status === "open" && organisation.id === organisationId,
      })),
    };
  return listPageData(
    {
      filter: { status: filter.status ?? "", theme: filter.theme ?? "" },
      waiting,
      open: shown(register.waiting),
      answered: shown(register.answered),
      mayRaise:
        organisationId !== null &&
        can(actor, "space.raise-concern", { ...space, organisationId: organisationId }),
      mayAnswer: can(actor, "space.answer-concern", space),
      mayMarkDuplicate,
    },
    register.waiting?.links ?? null,
    register.answered?.links ?? null,
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const spaceId = params.spaceId ?? "";
  await requireSpace(actor, spaceId, "space.view-concerns");
  const formData = await readForm(request);
  const organisationId = await currentOrganisationId(request, actor);
  const back = `/spaces/${spaceId}/concerns`;

  if (formData.get("intent") === "answer") {
    const space = await requireSpace(actor, spaceId, "space.answer-concern");
    const formId = `answer-${String(formData.get("concernId"))}`;
    const submission = parseWithZod(formData, { schema: answerConcernSchema });
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const result = await attempt(submission, () =>
      answerConcern(actor, space, { ...submission.value, preferredOrganisationId: organisationId }),
    );
    if (!result.ok) return { formId, result: result.reply };
    return redirectWithToast(back, { kind: "success", message: "concerns.answer.done" });
  }

  if (formData.get("intent") === "duplicate") {
    const space = await requireSpace(actor, spaceId, "space.mark-duplicate-concern");
    const formId = `duplicate-${String(formData.get("concernId"))}`;
    const submission = parseWithZod(formData, { schema: markDuplicateSchema });
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const result = await attempt(submission, () =>
      markConcernDuplicate(actor, space, { ...submission.value, preferredOrganisationId: organisationId }),
    );
    if (!result.ok) return { formId, result: result.reply };
    return redirectWithToast(back, { kind: "success", message: "concerns.duplicate.done" });
  }

  if (organisationId === null) forbidden();

  if (formData.get("intent") === "edit" || formData.get("intent") === "withdraw") {
    const space = await requireSpace(actor, spaceId, "space.amend-concern", organisationId);
    if (formData.get("intent") === "withdraw") {
      const submission = parseWithZod(formData, { schema: withdrawConcernSchema });
      if (submission.status !== "success") return { formId: "withdraw", result: submission.reply() };
      return attemptWithToast(back, "concerns.withdraw.done", () =>
        withdrawConcern(actor, space, organisationId, submission.value.concernId),
      );
    }
    const formId = `edit-${String(formData.get("concernId"))}`;
    const submission = parseWithZod(formData, { schema: editConcernSchema });
    if (submission.status !== "success") return { formId, result: submission.reply() };
    const result = await attempt(submission, () =>
      editConcern(actor, space, organisationId, submission.value),
    );
    if (!result.ok) return { formId, result: result.reply };
    return redirectWithToast(back, { kind: "success", message: "concerns.edit.done" });
  }

  const space = await requireSpace(actor, spaceId, "space.raise-concern", organisationId);
  const submission = parseWithZod(formData, { schema: raiseConcernSchema });
  if (submission.status !== "success") return { formId: "raise-concern", result: submission.reply() };
  const once = await submitOnce(actor, formData, back, () =>
    attempt(submission, () => raiseConcern(actor, space, organisationId, submission.value)),
  );
  if (once.replay !== null)
    return redirectWithToast(once.replay, { kind: "success", message: "concerns.raise.done" });
  if (!once.value.ok) return { formId: "raise-concern", result: once.value.reply };
  return redirectWithToast(back, { kind: "success", message: "concerns.raise.done" });
}
