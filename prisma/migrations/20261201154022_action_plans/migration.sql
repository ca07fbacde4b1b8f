-- CreateTable
CREATE TABLE "ActionPlan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "spaceId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "periodFrom" DATETIME NOT NULL,
    "periodTo" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "adoptedOn" DATETIME,
    "adoptionDecision" TEXT NOT NULL DEFAULT '',
    "adoptedById" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ActionPlan_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActionPlan_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ActionPlan_adoptedById_fkey" FOREIGN KEY ("adoptedById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanGoal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "sdgTarget" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PlanGoal_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "goalId" TEXT NOT NULL,
    "parentId" TEXT,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "problem" TEXT NOT NULL DEFAULT '',
    "leadOrganisationId" TEXT NOT NULL,
    "leadDelegateId" TEXT,
    "startDate" DATETIME NOT NULL,
    "dueDate" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "statusReason" TEXT NOT NULL DEFAULT '',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PlanAction_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlanAction_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "PlanGoal" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlanAction_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "PlanAction" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlanAction_leadOrganisationId_fkey" FOREIGN KEY ("leadOrganisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlanAction_leadDelegateId_fkey" FOREIGN KEY ("leadDelegateId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanActionPartner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actionId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "delegateId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlanActionPartner_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "PlanAction" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlanActionPartner_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlanActionPartner_delegateId_fkey" FOREIGN KEY ("delegateId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgressReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actionId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "periodFrom" DATETIME NOT NULL,
    "periodTo" DATETIME NOT NULL,
    "text" TEXT NOT NULL,
    "percent" INTEGER,
    "milestone" TEXT NOT NULL DEFAULT '',
    "evidenceUrl" TEXT NOT NULL DEFAULT '',
    "proposedStatus" TEXT NOT NULL,
    "statusReason" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL DEFAULT 'proposed',
    "reviewerId" TEXT,
    "reviewComment" TEXT NOT NULL DEFAULT '',
    "reviewedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgressReport_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "PlanAction" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgressReport_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProgressReport_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProgressReport_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanSignature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "signedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlanSignature_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActionPlan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlanSignature_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PlanSignature_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ActionPlan_spaceId_key" ON "ActionPlan"("spaceId");

-- CreateIndex
CREATE INDEX "PlanGoal_planId_position_idx" ON "PlanGoal"("planId", "position");

-- CreateIndex
CREATE INDEX "PlanAction_planId_goalId_position_idx" ON "PlanAction"("planId", "goalId", "position");

-- CreateIndex
CREATE INDEX "PlanAction_parentId_idx" ON "PlanAction"("parentId");

-- CreateIndex
CREATE INDEX "PlanAction_leadOrganisationId_idx" ON "PlanAction"("leadOrganisationId");

-- CreateIndex
CREATE INDEX "PlanActionPartner_organisationId_idx" ON "PlanActionPartner"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanActionPartner_actionId_organisationId_key" ON "PlanActionPartner"("actionId", "organisationId");

-- CreateIndex
CREATE INDEX "ProgressReport_actionId_createdAt_id_idx" ON "ProgressReport"("actionId", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PlanSignature_planId_organisationId_key" ON "PlanSignature"("planId", "organisationId");
