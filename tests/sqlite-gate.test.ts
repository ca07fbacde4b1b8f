import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { isPostgresUrl } from "~/utils/database-url";
import { createPerson } from "../prisma/factories/people";

const sqlite = !isPostgresUrl(process.env.DATABASE_URL ?? "");

describe.runIf(sqlite)("a statement sent while another request's transaction is open (SQLite)", () => {
  it("waits for it to end, so a rollback there never undoes it and it never reads what was not committed", async () => {
    const person = await createPerson();
    let inside!: () => void;
    const transactionOpen = new Promise<void>((resolve) => (inside = resolve));
    const failing = db()
      .$transaction(async (tx) => {
        await tx.person.update({ where: { id: person.id }, data: { name: "Never committed" } });
        inside();
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error("rolled back on purpose");
      })
      .catch((error: unknown) => error);
    await transactionOpen;
    // Sent from outside the transaction while it is open: a read and a write of their own.
    const [seen, written] = await Promise.all([
      db().person.findUniqueOrThrow({ where: { id: person.id }, select: { name: true } }),
      db().notification.create({ data: { personId: person.id, message: "kept", link: "/" } }),
    ]);
    expect(await failing).toBeInstanceOf(Error);
    expect(seen.name).toBe(person.name);
    expect(await db().notification.findUnique({ where: { id: written.id } })).not.toBeNull();
    expect((await db().person.findUniqueOrThrow({ where: { id: person.id } })).name).toBe(person.name);
  });

  it("joins the transaction when it is sent from the transaction's own work, instead of waiting for itself", async () => {
    const person = await createPerson();
    const name = await db().$transaction(async (tx) => {
      await tx.person.update({ where: { id: person.id }, data: { name: "Renamed inside" } });
      return (await db().person.findUniqueOrThrow({ where: { id: person.id } })).name;
    });
    expect(name).toBe("Renamed inside");
  });
});
