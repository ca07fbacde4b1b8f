-- DropIndex
DROP INDEX "AuditEvent_spaceId_createdAt_idx";

-- DropIndex
DROP INDEX "Concern_spaceId_status_createdAt_idx";

-- DropIndex
DROP INDEX "Invitation_organisationId_createdAt_idx";

-- DropIndex
DROP INDEX "LevelChange_spaceId_createdAt_idx";

-- DropIndex
DROP INDEX "LevelChange_spaceId_organisationId_createdAt_idx";

-- DropIndex
DROP INDEX "Organisation_nameRequestedAt_idx";

-- DropIndex
DROP INDEX "Organisation_verificationStatus_createdAt_idx";

-- DropIndex
DROP INDEX "Session_userId_idx";

-- DropIndex
DROP INDEX "SpaceUpdate_spaceId_createdAt_idx";

-- AlterTable
-- Hand-written: the copies start from the rows they copy. "spaceTitle" compares byte by byte (COLLATE "C"),
-- as SQLite does, because the directory merges the pages of several organisations in that order
-- (docs/decisions/0021-keyset-lists.md).
ALTER TABLE "SpaceParticipant" ADD COLUMN     "organisationName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "spaceTitle" TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE "SpaceParticipant" AS p SET "spaceTitle" = s."title" FROM "Space" AS s WHERE s."id" = p."spaceId";
UPDATE "SpaceParticipant" AS p SET "organisationName" = o."name" FROM "Organisation" AS o WHERE o."id" = p."organisationId";
ALTER TABLE "SpaceParticipant" ALTER COLUMN "organisationName" DROP DEFAULT,
ALTER COLUMN "spaceTitle" DROP DEFAULT;

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
CREATE INDEX "SpaceParticipant_organisationId_spaceTitle_spaceId_idx" ON "SpaceParticipant"("organisationId", "spaceTitle", "spaceId");

-- CreateIndex
CREATE INDEX "SpaceParticipant_spaceId_role_organisationName_organisation_idx" ON "SpaceParticipant"("spaceId", "role", "organisationName", "organisationId");

-- CreateIndex
CREATE INDEX "SpaceUpdate_spaceId_createdAt_id_idx" ON "SpaceUpdate"("spaceId", "createdAt", "id");
