-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "nameRequestedAt" TIMESTAMP(3),
ADD COLUMN     "nameSkeleton" TEXT,
ADD COLUMN     "requestedName" TEXT,
ADD COLUMN     "requestedNameSkeleton" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "emailConfirmedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "EmailConfirmation" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailConfirmation_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "EmailConfirmation" ADD CONSTRAINT "EmailConfirmation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Everyone who has an account already (the demo accounts too) counts as having confirmed their address
-- when they opened it: only accounts opened from now on must prove it (docs/decisions/0012-identity.md).
UPDATE "Person" SET "emailConfirmedAt" = "createdAt";
