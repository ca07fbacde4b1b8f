-- DropIndex
DROP INDEX "AuditEvent_spaceId_createdAt_idx";

-- DropIndex
DROP INDEX "Concern_spaceId_status_createdAt_idx";

-- DropIndex
DROP INDEX "Invitation_organisationId_createdAt_idx";

-- DropIndex
DROP INDEX "LevelChange_spaceId_organisationId_createdAt_idx";

-- DropIndex
DROP INDEX "LevelChange_spaceId_createdAt_idx";

-- DropIndex
DROP INDEX "Organisation_nameRequestedAt_idx";

-- DropIndex
DROP INDEX "Organisation_verificationStatus_createdAt_idx";

-- DropIndex
DROP INDEX "Session_userId_idx";

-- DropIndex
DROP INDEX "SpaceUpdate_spaceId_createdAt_idx";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SpaceParticipant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "spaceId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "level" TEXT,
    "status" TEXT NOT NULL,
    "invitedById" TEXT,
    "spaceTitle" TEXT NOT NULL,
    "organisationName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "respondedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "SpaceParticipant_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SpaceParticipant_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Hand-written: the copies of the space's title and the organisation's name start from the rows they copy.
INSERT INTO "new_SpaceParticipant" ("createdAt", "id", "invitedById", "level", "organisationId", "respondedAt", "role", "spaceId", "status", "updatedAt", "spaceTitle", "organisationName") SELECT p."createdAt", p."id", p."invitedById", p."level", p."organisationId", p."respondedAt", p."role", p."spaceId", p."status", p."updatedAt", s."title", o."name" FROM "SpaceParticipant" AS p JOIN "Space" AS s ON s."id" = p."spaceId" JOIN "Organisation" AS o ON o."id" = p."organisationId";
DROP TABLE "SpaceParticipant";
ALTER TABLE "new_SpaceParticipant" RENAME TO "SpaceParticipant";
CREATE INDEX "SpaceParticipant_organisationId_status_idx" ON "SpaceParticipant"("organisationId", "status");
CREATE INDEX "SpaceParticipant_spaceId_status_level_idx" ON "SpaceParticipant"("spaceId", "status", "level");
CREATE INDEX "SpaceParticipant_organisationId_spaceTitle_spaceId_idx" ON "SpaceParticipant"("organisationId", "spaceTitle", "spaceId");
CREATE INDEX "SpaceParticipant_spaceId_role_organisationName_organisationId_idx" ON "SpaceParticipant"("spaceId", "role", "organisationName", "organisationId");
CREATE UNIQUE INDEX "SpaceParticipant_spaceId_organisationId_key" ON "SpaceParticipant"("spaceId", "organisationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AuditEvent_spaceId_createdAt_id_idx" ON "AuditEvent"("spaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Concern_spaceId_status_createdAt_id_idx" ON "Concern"("spaceId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Concern_spaceId_answeredAt_id_idx" ON "Concern"("spaceId", "answeredAt", "id");

-- CreateIndex
CREATE INDEX "Consultation_spaceId_createdAt_id_idx" ON "Consultation"("spaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Invitation_organisationId_createdAt_id_idx" ON "Invitation"("organisationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "LevelChange_spaceId_createdAt_id_idx" ON "LevelChange"("spaceId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "LevelChange_spaceId_organisationId_createdAt_id_idx" ON "LevelChange"("spaceId", "organisationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Membership_personId_createdAt_id_idx" ON "Membership"("personId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Notification_personId_createdAt_id_idx" ON "Notification"("personId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Organisation_verificationStatus_createdAt_id_idx" ON "Organisation"("verificationStatus", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Organisation_nameRequestedAt_id_idx" ON "Organisation"("nameRequestedAt", "id");

-- CreateIndex
CREATE INDEX "Session_userId_createdAt_id_idx" ON "Session"("userId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "SpaceUpdate_spaceId_createdAt_id_idx" ON "SpaceUpdate"("spaceId", "createdAt", "id");
