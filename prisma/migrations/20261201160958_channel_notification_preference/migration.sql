-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ChannelRead" (
    "personId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "lastReadSeq" INTEGER NOT NULL DEFAULT 0,
    "notify" TEXT NOT NULL DEFAULT 'all',
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("personId", "channelId"),
    CONSTRAINT "ChannelRead_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChannelRead_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ChannelRead" ("channelId", "lastReadSeq", "personId", "updatedAt") SELECT "channelId", "lastReadSeq", "personId", "updatedAt" FROM "ChannelRead";
DROP TABLE "ChannelRead";
ALTER TABLE "new_ChannelRead" RENAME TO "ChannelRead";
CREATE INDEX "ChannelRead_channelId_idx" ON "ChannelRead"("channelId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
