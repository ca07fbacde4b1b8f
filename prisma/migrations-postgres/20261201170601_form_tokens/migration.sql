-- CreateTable
CREATE TABLE "FormToken" (
    "personId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "redirectTo" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FormToken_pkey" PRIMARY KEY ("personId","token")
);

-- CreateIndex
CREATE INDEX "FormToken_expiresAt_idx" ON "FormToken"("expiresAt");
