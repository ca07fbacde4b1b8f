-- CreateTable
CREATE TABLE "FormToken" (
    "personId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "redirectTo" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,

    PRIMARY KEY ("personId", "token")
);

-- CreateIndex
CREATE INDEX "FormToken_expiresAt_idx" ON "FormToken"("expiresAt");
