import type { CommandEmit } from "~/utils/command.server";
import { isPostgresUrl } from "~/utils/database-url";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { domainEvents } from "~/utils/events.server";

export type NotificationInput = {
  personIds: string[];
  spaceId?: string;
  /** A catalogue key, rendered in each reader's language when they read it. */
  message: string;
  values?: Record<string, string>;
  link: string;
};

/**
 * In-app notifications of a command, written once it committed, in one statement however many people they
 * go to, and announced live when written: the command's own live events leave first, and its transaction is
 * not held open by a thousand rows. A crash between the commit and this write loses the
 * notifications, never the change.
 */
export function notify(emit: CommandEmit, input: NotificationInput) {
  const personIds = [...new Set(input.personIds)];
  if (personIds.length === 0) return;
  const values = JSON.stringify(input.values ?? {});
  emit.afterCommit(async () => {
    await insertNotifications(personIds, { ...input, values });
    domainEvents().emit("notification.created", { personIds });
  });
}

/**
 * One INSERT … SELECT over the people's ids given as one JSON parameter: the database makes the rows (and
 * their random ids), where Prisma's createMany would build and bind six parameters per row.
 */
async function insertNotifications(
  personIds: string[],
  { spaceId, message, values, link }: Omit<NotificationInput, "personIds" | "values"> & { values: string },
) {
  const ids = JSON.stringify(personIds);
  const createdAt = new Date();
  if (isPostgresUrl(env().DATABASE_URL))
    await db().$executeRaw`
      INSERT INTO "Notification" ("id", "personId", "spaceId", "message", "values", "link", "createdAt")
      SELECT 'n' || substr(md5(random()::text || clock_timestamp()::text || person), 1, 24), person,
        ${spaceId ?? null}, ${message}, ${values}, ${link}, ${createdAt}
      FROM jsonb_array_elements_text(${ids}::jsonb) AS person`;
  else
    await db().$executeRaw`
      INSERT INTO "Notification" ("id", "personId", "spaceId", "message", "values", "link", "createdAt")
      SELECT 'n' || lower(hex(randomblob(12))), value, ${spaceId ?? null}, ${message}, ${values}, ${link},
        ${createdAt}
      FROM json_each(${ids})`;
}
