-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "spaceId" TEXT;

-- CreateTable
CREATE TABLE "Space" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "governanceLevel" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "mandate" TEXT NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "parentId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Space_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpaceTheme" (
    "spaceId" TEXT NOT NULL,
    "theme" TEXT NOT NULL,

    CONSTRAINT "SpaceTheme_pkey" PRIMARY KEY ("spaceId","theme")
);

-- CreateTable
CREATE TABLE "SpacePromise" (
    "id" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "expectation" TEXT NOT NULL,
    "decisionMaker" TEXT NOT NULL,
    "feedbackDays" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpacePromise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpaceParticipant" (
    "id" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "level" TEXT,
    "status" TEXT NOT NULL,
    "invitedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "respondedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpaceParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LevelChange" (
    "id" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "fromLevel" TEXT,
    "toLevel" TEXT,
    "kind" TEXT NOT NULL,
    "rationale" TEXT NOT NULL DEFAULT '',
    "changedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LevelChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LevelRequest" (
    "id" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "requestedLevel" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requestedById" TEXT NOT NULL,
    "decidedById" TEXT,
    "decisionReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "LevelRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpaceDelegate" (
    "id" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpaceDelegate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpaceUpdate" (
    "id" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "linkUrl" TEXT,
    "fileName" TEXT,
    "fileKey" TEXT,
    "fileSize" INTEGER,
    "fileType" TEXT,
    "authorId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SpaceUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Concern" (
    "id" TEXT NOT NULL,
    "spaceId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "raisedById" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Concern_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "spaceId" TEXT,
    "message" TEXT NOT NULL,
    "values" TEXT NOT NULL DEFAULT '{}',
    "link" TEXT NOT NULL,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Space_kind_idx" ON "Space"("kind");

-- CreateIndex
CREATE INDEX "Space_parentId_idx" ON "Space"("parentId");

-- CreateIndex
CREATE INDEX "Space_title_idx" ON "Space"("title");

-- CreateIndex
CREATE INDEX "SpaceTheme_theme_idx" ON "SpaceTheme"("theme");

-- CreateIndex
CREATE UNIQUE INDEX "SpacePromise_spaceId_level_key" ON "SpacePromise"("spaceId", "level");

-- CreateIndex
CREATE INDEX "SpaceParticipant_organisationId_status_idx" ON "SpaceParticipant"("organisationId", "status");

-- CreateIndex
CREATE INDEX "SpaceParticipant_spaceId_status_level_idx" ON "SpaceParticipant"("spaceId", "status", "level");

-- CreateIndex
CREATE UNIQUE INDEX "SpaceParticipant_spaceId_organisationId_key" ON "SpaceParticipant"("spaceId", "organisationId");

-- CreateIndex
CREATE INDEX "LevelChange_spaceId_createdAt_idx" ON "LevelChange"("spaceId", "createdAt");

-- CreateIndex
CREATE INDEX "LevelChange_spaceId_organisationId_createdAt_idx" ON "LevelChange"("spaceId", "organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "LevelRequest_spaceId_status_createdAt_idx" ON "LevelRequest"("spaceId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "SpaceDelegate_personId_idx" ON "SpaceDelegate"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "SpaceDelegate_spaceId_organisationId_personId_key" ON "SpaceDelegate"("spaceId", "organisationId", "personId");

-- CreateIndex
CREATE INDEX "SpaceUpdate_spaceId_createdAt_idx" ON "SpaceUpdate"("spaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Concern_spaceId_status_createdAt_idx" ON "Concern"("spaceId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_personId_readAt_createdAt_idx" ON "Notification"("personId", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_spaceId_createdAt_idx" ON "AuditEvent"("spaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "Space" ADD CONSTRAINT "Space_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Space"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Space" ADD CONSTRAINT "Space_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpaceTheme" ADD CONSTRAINT "SpaceTheme_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpacePromise" ADD CONSTRAINT "SpacePromise_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpaceParticipant" ADD CONSTRAINT "SpaceParticipant_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpaceParticipant" ADD CONSTRAINT "SpaceParticipant_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LevelChange" ADD CONSTRAINT "LevelChange_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LevelChange" ADD CONSTRAINT "LevelChange_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LevelChange" ADD CONSTRAINT "LevelChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LevelRequest" ADD CONSTRAINT "LevelRequest_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LevelRequest" ADD CONSTRAINT "LevelRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LevelRequest" ADD CONSTRAINT "LevelRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LevelRequest" ADD CONSTRAINT "LevelRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpaceDelegate" ADD CONSTRAINT "SpaceDelegate_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpaceDelegate" ADD CONSTRAINT "SpaceDelegate_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpaceDelegate" ADD CONSTRAINT "SpaceDelegate_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpaceUpdate" ADD CONSTRAINT "SpaceUpdate_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpaceUpdate" ADD CONSTRAINT "SpaceUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpaceUpdate" ADD CONSTRAINT "SpaceUpdate_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

