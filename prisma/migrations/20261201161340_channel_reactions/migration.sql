-- CreateTable
CREATE TABLE "ChannelReaction" (
    "messageId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "emoji" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("messageId", "personId", "emoji"),
    CONSTRAINT "ChannelReaction_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "ChannelMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChannelReaction_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
