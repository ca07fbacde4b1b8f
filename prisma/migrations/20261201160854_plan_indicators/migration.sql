-- CreateTable
CREATE TABLE "PlanIndicator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "measure" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "ascending" BOOLEAN NOT NULL DEFAULT true,
    "baselineDate" DATETIME,
    "baselineValue" REAL,
    "baselineComment" TEXT NOT NULL DEFAULT '',
    "meansOfVerification" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlanIndicator_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "PlanAction" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IndicatorValue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "indicatorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "value" REAL,
    "comment" TEXT NOT NULL DEFAULT '',
    "evidenceUrl" TEXT NOT NULL DEFAULT '',
    "organisationId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "IndicatorValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "PlanIndicator" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IndicatorValue_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IndicatorValue_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PlanIndicator_actionId_position_idx" ON "PlanIndicator"("actionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorValue_indicatorId_kind_period_key" ON "IndicatorValue"("indicatorId", "kind", "period");
