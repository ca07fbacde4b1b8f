-- DropIndex
DROP INDEX "Submission_consultationId_status_idx";

-- CreateTable
CREATE TABLE "ResultTally" (
    "consultationId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "positionSum" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("consultationId", "subject", "bucket"),
    CONSTRAINT "ResultTally_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ListedAnswer" (
    "questionId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "paragraph" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "organisationType" TEXT NOT NULL,
    "themes" TEXT NOT NULL DEFAULT '',

    PRIMARY KEY ("questionId", "submissionId", "paragraph"),
    CONSTRAINT "ListedAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "ConsultationQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ListedAnswer_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (a column at the end, with its default: no need to copy the tables as the diff proposed)
ALTER TABLE "Consultation" ADD COLUMN "resultsVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "SubmissionVersion" ADD COLUMN "organisationType" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "ListedAnswer_questionId_submittedAt_submissionId_paragraph_idx" ON "ListedAnswer"("questionId", "submittedAt" DESC, "submissionId" DESC, "paragraph");

-- CreateIndex
CREATE INDEX "ListedAnswer_questionId_organisationType_submittedAt_submissionId_paragraph_idx" ON "ListedAnswer"("questionId", "organisationType", "submittedAt" DESC, "submissionId" DESC, "paragraph");

-- CreateIndex
CREATE INDEX "ListedAnswer_submissionId_idx" ON "ListedAnswer"("submissionId");

-- CreateIndex
CREATE INDEX "Submission_consultationId_status_submittedAt_id_idx" ON "Submission"("consultationId", "status", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Submission_consultationId_status_responseId_submittedAt_id_idx" ON "Submission"("consultationId", "status", "responseId", "submittedAt", "id");

-- Backfill (hand-written; its PostgreSQL form is in prisma/migrations-postgres; tests/results-backfill.test.ts): the results of the inputs
-- already submitted, as the commands now keep them (ADR 0022). Each version is counted under its
-- organisation's type of today; the tallies and listed answers read each input's latest version only.
UPDATE "SubmissionVersion" SET "organisationType" = (
  SELECT o."type" FROM "Submission" s JOIN "Organisation" o ON o."id" = s."organisationId"
  WHERE s."id" = "SubmissionVersion"."submissionId"
);

CREATE TEMP TABLE "SubmittedAnswer" AS
SELECT s."consultationId", s."id" AS "submissionId", COALESCE(s."submittedAt", v."submittedAt") AS "submittedAt",
  v."organisationType", CASE WHEN s."themes" = '' THEN '' ELSE ',' || s."themes" || ',' END AS "themes",
  q."id" AS "questionId", q."kind", j."type", j."value"
FROM "Submission" s
JOIN "SubmissionVersion" v ON v."submissionId" = s."id" AND v."version" = s."version"
JOIN json_each(v."answers") j
JOIN "ConsultationQuestion" q ON q."id" = j."key" AND q."consultationId" = s."consultationId"
WHERE s."status" = 'submitted' AND j."type" <> 'null';

-- How many inputs answered each question (no empty answer is ever stored).
INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum")
SELECT "consultationId", "questionId", '', COUNT(*), 0 FROM "SubmittedAnswer" GROUP BY "consultationId", "questionId";

-- The option chosen, the value rated.
INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum")
SELECT "consultationId", "questionId", CAST("value" AS TEXT), COUNT(*), 0 FROM "SubmittedAnswer"
WHERE "kind" IN ('single_choice', 'rating') AND "type" IN ('text', 'integer', 'real')
GROUP BY "consultationId", "questionId", CAST("value" AS TEXT);

-- Each option chosen or ranked (with the sum of its 1-based ranks), each paragraph commented on.
INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum")
SELECT a."consultationId", a."questionId", CASE WHEN a."type" = 'object' THEN e."key" ELSE e."value" END, COUNT(*),
  SUM(CASE WHEN a."kind" = 'ranking' THEN e."key" + 1 ELSE 0 END)
FROM "SubmittedAnswer" a
JOIN json_each(CASE WHEN a."type" IN ('array', 'object') THEN a."value" ELSE '[]' END) e
WHERE (a."kind" IN ('multiple_choice', 'ranking') AND a."type" = 'array' AND e."type" = 'text' AND e."value" <> '')
  OR (a."kind" = 'paragraph_comments' AND a."type" = 'object' AND e."type" = 'text' AND trim(e."value") <> '')
GROUP BY a."consultationId", a."questionId", CASE WHEN a."type" = 'object' THEN e."key" ELSE e."value" END;

-- The free-text answers and the comments by paragraph, as the results page lists them.
INSERT INTO "ListedAnswer" ("questionId", "submissionId", "paragraph", "text", "submittedAt", "organisationType", "themes")
SELECT "questionId", "submissionId", 0, "value", "submittedAt", "organisationType", "themes" FROM "SubmittedAnswer"
WHERE "kind" IN ('short_text', 'long_text') AND "type" = 'text' AND trim("value") <> '';
INSERT INTO "ListedAnswer" ("questionId", "submissionId", "paragraph", "text", "submittedAt", "organisationType", "themes")
SELECT a."questionId", a."submissionId", CAST(e."key" AS INTEGER), e."value", a."submittedAt", a."organisationType", a."themes"
FROM "SubmittedAnswer" a JOIN json_each(CASE WHEN a."type" = 'object' THEN a."value" ELSE '{}' END) e
WHERE a."kind" = 'paragraph_comments' AND a."type" = 'object' AND e."type" = 'text' AND trim(e."value") <> '';

DROP TABLE "SubmittedAnswer";

-- The submitted inputs by organisation type, aggregated community input, theme and outcome.
INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum")
SELECT s."consultationId", '@type', v."organisationType", COUNT(*), 0
FROM "Submission" s JOIN "SubmissionVersion" v ON v."submissionId" = s."id" AND v."version" = s."version"
WHERE s."status" = 'submitted' GROUP BY s."consultationId", v."organisationType";
INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum")
SELECT "consultationId", '@aggregated', '', COUNT(*), 0 FROM "Submission"
WHERE "status" = 'submitted' AND "isAggregated" GROUP BY "consultationId";
INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum")
SELECT s."consultationId", '@theme', t."value", COUNT(*), 0
FROM "Submission" s JOIN json_each('["' || replace(s."themes", ',', '","') || '"]') t
WHERE s."status" = 'submitted' AND s."themes" <> '' AND t."value" <> ''
GROUP BY s."consultationId", t."value";
INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum")
SELECT s."consultationId", '@outcome', r."outcome", COUNT(*), 0
FROM "Submission" s JOIN "ConsultationResponse" r ON r."id" = s."responseId"
WHERE s."status" = 'submitted' GROUP BY s."consultationId", r."outcome";
