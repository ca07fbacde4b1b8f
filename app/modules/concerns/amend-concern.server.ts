import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import type { SpaceResource } from "~/modules/spaces/policy";
import { runCommand } from "~/utils/command.server";
import { DomainError, notFound } from "~/utils/errors";
import type { EditConcernInput } from "./schema";

type Change = { kind: "edit"; text: string; theme: string } | { kind: "withdraw" };

/**
 * The organisation that raised a concern changes it or withdraws it (checked by the route:
 * "space.amend-concern" for `organisationId`), only while it waits: the change applies to an open concern
 * only, so an answer sent at the same moment wins and the change is refused. Another organisation's concern is
 * not found. The register updates live through the "concern" change.
 */
async function amendConcern(
  actor: Actor,
  space: SpaceResource,
  organisationId: string,
  concernId: string,
  change: Change,
) {
  return runCommand(async (tx, emit) => {
    const concern = await tx.concern.findFirst({
      where: { id: concernId, spaceId: space.spaceId, organisationId },
      select: { id: true, theme: true },
    });
    if (!concern) notFound();
    const now = new Date();
    const changed = await tx.concern.updateMany({
      where: { id: concern.id, status: "open" },
      data:
        change.kind === "edit"
          ? { text: change.text, theme: change.theme }
          : // The withdrawal closes it: it leaves the waiting list for the closed one, dated by when.
            { status: "withdrawn", answeredById: actor.personId, answeredAt: now },
    });
    if (changed.count === 0) throw new DomainError("concerns.errors.notOpen");
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId,
      spaceId: space.spaceId,
      action: change.kind === "edit" ? "space.concern-edited" : "space.concern-withdrawn",
      subjectType: "concern",
      subjectId: concern.id,
      detail: change.kind === "edit" ? { theme: change.theme, previousTheme: concern.theme } : {},
    });
    emit("space.changed", { spaceId: space.spaceId, what: "concern" });
    return concern;
  });
}

export function editConcern(
  actor: Actor,
  space: SpaceResource,
  organisationId: string,
  input: Pick<EditConcernInput, "concernId" | "text" | "theme">,
) {
  return amendConcern(actor, space, organisationId, input.concernId, {
    kind: "edit",
    text: input.text,
    theme: input.theme,
  });
}

export function withdrawConcern(
  actor: Actor,
  space: SpaceResource,
  organisationId: string,
  concernId: string,
) {
  return amendConcern(actor, space, organisationId, concernId, { kind: "withdraw" });
}
