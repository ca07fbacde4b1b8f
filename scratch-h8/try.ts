import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
const adapter = new PrismaBetterSqlite3({ url: process.argv[2]! });
const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
client.$on("query", (e) => console.log(JSON.stringify({ q: e.query, p: e.params })));
await client.spaceUpdate.findMany({ where: { AND: [{ spaceId: "x" }, { createdAt: { lte: new Date() } }] }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 21, select: { id: true, author: { select: { name: true } } } });
await client.space.count({ where: { participants: { some: { organisationId: { in: ["a", "b"] } } } }, take: 1001 });
await client.$disconnect();
