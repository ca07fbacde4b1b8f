-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Submission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "isAggregated" BOOLEAN NOT NULL DEFAULT false,
    "aggregatedNote" TEXT NOT NULL DEFAULT '',
    "answers" TEXT NOT NULL DEFAULT '{}',
    "answerRevisions" TEXT NOT NULL DEFAULT '{}',
    "draftRevision" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" DATETIME,
    "submittedById" TEXT,
    "themes" TEXT NOT NULL DEFAULT '',
    "responseId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Submission_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Submission_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Submission_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Submission_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "ConsultationResponse" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Submission" ("aggregatedNote", "answers", "consultationId", "createdAt", "id", "isAggregated", "organisationId", "responseId", "status", "submittedAt", "submittedById", "themes", "updatedAt", "version") SELECT "aggregatedNote", "answers", "consultationId", "createdAt", "id", "isAggregated", "organisationId", "responseId", "status", "submittedAt", "submittedById", "themes", "updatedAt", "version" FROM "Submission";
DROP TABLE "Submission";
ALTER TABLE "new_Submission" RENAME TO "Submission";
CREATE INDEX "Submission_consultationId_status_submittedAt_id_idx" ON "Submission"("consultationId", "status", "submittedAt", "id");
CREATE INDEX "Submission_consultationId_status_responseId_submittedAt_id_idx" ON "Submission"("consultationId", "status", "responseId", "submittedAt", "id");
CREATE INDEX "Submission_organisationId_status_idx" ON "Submission"("organisationId", "status");
CREATE INDEX "Submission_responseId_idx" ON "Submission"("responseId");
CREATE UNIQUE INDEX "Submission_consultationId_organisationId_isAggregated_key" ON "Submission"("consultationId", "organisationId", "isAggregated");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
