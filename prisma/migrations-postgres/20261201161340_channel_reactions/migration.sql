-- CreateTable
CREATE TABLE "ChannelReaction" (
    "messageId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "emoji" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelReaction_pkey" PRIMARY KEY ("messageId","personId","emoji")
);

-- AddForeignKey
ALTER TABLE "ChannelReaction" ADD CONSTRAINT "ChannelReaction_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "ChannelMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelReaction" ADD CONSTRAINT "ChannelReaction_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
