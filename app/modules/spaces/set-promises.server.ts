import { recordAudit } from "~/modules/audit/record.server";
import type { Actor } from "~/modules/authorization/actor";
import { levels } from "~/modules/engagement/levels";
import { runCommand } from "~/utils/command.server";
import { db } from "~/utils/db.server";
import { actingConvener } from "./access.server";
import type { SpaceResource } from "./policy";
import type { Promises } from "./schema";

/**
 * Saves the space's promise for every level (the route has checked "space.set-promise"). The audit event
 * keeps each changed level's old and new promise; saving without a change writes nothing.
 */
export async function setPromises(
  actor: Actor,
  space: SpaceResource,
  promises: Promises,
): Promise<{ changed: string[] }> {
  const spaceId = space.spaceId;
  const stored = await db().spacePromise.findMany({
    where: { spaceId },
    select: { level: true, expectation: true, decisionMaker: true, feedbackDays: true },
  });
  const changes = Object.fromEntries(
    levels.flatMap((level) => {
      const before = stored.find((promise) => promise.level === level);
      const after = promises[level];
      const same =
        before &&
        before.expectation === after.expectation &&
        before.decisionMaker === after.decisionMaker &&
        before.feedbackDays === after.feedbackDays;
      if (same) return [];
      const from = before
        ? {
            expectation: before.expectation,
            decisionMaker: before.decisionMaker,
            feedbackDays: before.feedbackDays,
          }
        : null;
      return [[level, { from, to: after }]];
    }),
  );
  const changed = Object.keys(changes);
  if (changed.length === 0) return { changed };
  await runCommand(async (tx, emit) => {
    for (const level of levels) {
      if (!changes[level]) continue;
      await tx.spacePromise.upsert({
        where: { spaceId_level: { spaceId, level } },
        create: { spaceId, level, ...promises[level] },
        update: promises[level],
      });
    }
    await recordAudit(tx, {
      actorId: actor.personId,
      organisationId: actingConvener(actor, "space.set-promise", space),
      spaceId,
      action: "space.promise-updated",
      subjectType: "space",
      subjectId: spaceId,
      detail: { changes },
    });
    emit("space.changed", { spaceId, what: "space" });
  });
  return { changed };
}
