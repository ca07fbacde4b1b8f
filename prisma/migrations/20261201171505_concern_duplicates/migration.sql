-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Concern" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "spaceId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "raisedById" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "answer" TEXT,
    "duplicateOfId" TEXT,
    "answeredById" TEXT,
    "answeredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Concern_spaceId_fkey" FOREIGN KEY ("spaceId") REFERENCES "Space" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Concern_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Concern_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Concern_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Concern_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Concern" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Concern" ("answer", "answeredAt", "answeredById", "createdAt", "id", "organisationId", "raisedById", "spaceId", "status", "text", "theme", "updatedAt") SELECT "answer", "answeredAt", "answeredById", "createdAt", "id", "organisationId", "raisedById", "spaceId", "status", "text", "theme", "updatedAt" FROM "Concern";
DROP TABLE "Concern";
ALTER TABLE "new_Concern" RENAME TO "Concern";
CREATE INDEX "Concern_spaceId_status_createdAt_id_idx" ON "Concern"("spaceId", "status", "createdAt", "id");
CREATE INDEX "Concern_spaceId_answeredAt_id_idx" ON "Concern"("spaceId", "answeredAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
