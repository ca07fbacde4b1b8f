import { describe, expect, it } from "vitest";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";
import { keysetList } from "~/utils/keyset.server";
import { createConvenedSpace } from "../prisma/factories/spaces";

/** A space with `count` updates, several of them sharing one timestamp so the id must break the ties. */
async function spaceWithUpdates(count: number) {
  const { space, convener, focalPoint } = await createConvenedSpace();
  const moment = new Date("2026-06-01T10:00:00Z");
  await db().spaceUpdate.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      spaceId: space.id,
      kind: "announcement",
      title: `Update ${String(index).padStart(2, "0")}`,
      body: "",
      authorId: focalPoint.id,
      organisationId: convener.id,
      // Three updates per minute, to the millisecond: ties on createdAt.
      createdAt: new Date(moment.getTime() + Math.floor(index / 3) * 60_000),
    })),
  });
  return space.id;
}

const updates = keysetList<Prisma.SpaceUpdateWhereInput>({
  name: "test-updates",
  pageSize: 4,
  keys: [
    { field: "createdAt", order: "desc", type: "date" },
    { field: "id", order: "desc", type: "string" },
  ],
});

function pageOf(spaceId: string, href: string) {
  const url = new URL(href, "http://concord.test");
  return updates.findPage(url, (query) =>
    db().spaceUpdate.findMany({
      where: { AND: [{ spaceId }, query.where] },
      orderBy: query.orderBy,
      take: query.take,
      select: { id: true, createdAt: true, title: true },
    }),
  );
}

describe("keyset pagination", () => {
  it("walks a list forwards and back, page by page, with every row once and in order", async () => {
    const spaceId = await spaceWithUpdates(11);
    const everything = await db().spaceUpdate.findMany({
      where: { spaceId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    const seen: string[] = [];
    const visited: string[] = [];
    let href: string | null = "/spaces/x/updates?kind=all";
    while (href) {
      visited.push(href);
      const page = await pageOf(spaceId, href);
      seen.push(...page.rows.map((row) => row.id));
      expect(page.links.invalidCursor).toBe(false);
      href = page.links.next;
    }
    expect(seen).toEqual(everything.map((row) => row.id));
    expect(visited).toHaveLength(3);
    // Other search parameters (filters) survive in the links.
    expect(visited[1]).toMatch(/^\/spaces\/x\/updates\?kind=all&cursor=/);

    // Back from the last page: the middle page, then the first, which has no previous link.
    const last = await pageOf(spaceId, visited[2]!);
    expect(last.rows).toHaveLength(3);
    const middle = await pageOf(spaceId, last.links.previous!);
    expect(middle.rows.map((row) => row.id)).toEqual(seen.slice(4, 8));
    const first = await pageOf(spaceId, middle.links.previous!);
    expect(first.rows.map((row) => row.id)).toEqual(seen.slice(0, 4));
    expect(first.links.previous).toBeNull();
    expect(first.links.next).toBe(visited[1]);
  });

  it("fills the first page again when rows before the cursor went away", async () => {
    const spaceId = await spaceWithUpdates(9);
    const first = await pageOf(spaceId, "/list");
    const second = await pageOf(spaceId, first.links.next!);
    await db().spaceUpdate.deleteMany({ where: { id: { in: first.rows.slice(0, 3).map((row) => row.id) } } });
    const back = await pageOf(spaceId, second.links.previous!);
    expect(back.rows).toHaveLength(4);
    expect(back.links.previous).toBeNull();
  });

  it("refuses cursors it did not sign, malformed ones and another list's, and shows the first page", async () => {
    const spaceId = await spaceWithUpdates(6);
    const first = await pageOf(spaceId, "/list");
    const genuine = new URL(first.links.next!, "http://concord.test").searchParams.get("cursor")!;
    const [payload, mac] = genuine.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify(["a", Date.now(), "zzz"])).toString("base64url");
    const otherList = keysetList({ name: "another-list", pageSize: 4, keys: updates.keys }).encode({
      direction: "after",
      values: [new Date(), "x"],
    });
    const hostile = [
      `${forged}.${mac}`,
      `${payload}.${"A".repeat(mac.length)}`,
      otherList,
      "not-a-cursor",
      "%00%ff",
      "'; DROP TABLE SpaceUpdate; --",
      "a".repeat(5000),
      `${payload}.${mac}.extra`,
    ];
    for (const cursor of hostile) {
      const page = await pageOf(spaceId, `/list?${new URLSearchParams({ cursor })}`);
      expect(page.links.invalidCursor, cursor).toBe(true);
      expect(page.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
      expect(page.links.previous).toBeNull();
    }
    const twice = await pageOf(spaceId, `/list?cursor=${genuine}&cursor=${genuine}`);
    expect(twice.links.invalidCursor).toBe(true);
    expect(updates.read(new URLSearchParams({ cursor: `${payload}.${"A".repeat(mac.length)}` }))).toEqual({
      ok: false,
      reason: "tampered",
    });
    expect(updates.read(new URLSearchParams({ cursor: "nonsense" }))).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(updates.read(new URLSearchParams())).toEqual({ ok: true, cursor: null });
  });

  it("reads one row more than the page to know whether there is a next page", async () => {
    const spaceId = await spaceWithUpdates(4);
    const page = await pageOf(spaceId, "/list");
    expect(updates.query(null).take).toBe(5);
    expect(page.rows).toHaveLength(4);
    expect(page.links).toEqual({ previous: null, next: null, invalidCursor: false });
  });
});
