-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "nameRequestedAt" DATETIME;
ALTER TABLE "Organisation" ADD COLUMN "nameSkeleton" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "requestedName" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "requestedNameSkeleton" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN "emailConfirmedAt" DATETIME;

-- CreateTable
CREATE TABLE "EmailConfirmation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EmailConfirmation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "EmailConfirmation_tokenHash_key" ON "EmailConfirmation"("tokenHash");

-- CreateIndex
CREATE INDEX "EmailConfirmation_personId_idx" ON "EmailConfirmation"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_nameSkeleton_key" ON "Organisation"("nameSkeleton");

-- CreateIndex
CREATE INDEX "Organisation_requestedNameSkeleton_idx" ON "Organisation"("requestedNameSkeleton");

-- CreateIndex
CREATE INDEX "Organisation_nameRequestedAt_idx" ON "Organisation"("nameRequestedAt");

-- Everyone who has an account already (the demo accounts too) counts as having confirmed their address
-- when they opened it: only accounts opened from now on must prove it (docs/decisions/0012-identity.md).
UPDATE "Person" SET "emailConfirmedAt" = "createdAt";
