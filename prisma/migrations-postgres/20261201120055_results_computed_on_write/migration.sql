-- DropIndex
DROP INDEX "Submission_consultationId_status_idx";

-- AlterTable
ALTER TABLE "Consultation" ADD COLUMN     "resultsVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "SubmissionVersion" ADD COLUMN     "organisationType" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ResultTally" (
    "consultationId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "positionSum" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ResultTally_pkey" PRIMARY KEY ("consultationId","subject","bucket")
);

-- CreateTable
CREATE TABLE "ListedAnswer" (
    "questionId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "paragraph" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "organisationType" TEXT NOT NULL,
    "themes" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ListedAnswer_pkey" PRIMARY KEY ("questionId","submissionId","paragraph")
);

-- CreateIndex
CREATE INDEX "ListedAnswer_questionId_submittedAt_submissionId_paragraph_idx" ON "ListedAnswer"("questionId", "submittedAt" DESC, "submissionId" DESC, "paragraph");

-- CreateIndex
CREATE INDEX "ListedAnswer_questionId_organisationType_submittedAt_submis_idx" ON "ListedAnswer"("questionId", "organisationType", "submittedAt" DESC, "submissionId" DESC, "paragraph");

-- CreateIndex
CREATE INDEX "ListedAnswer_submissionId_idx" ON "ListedAnswer"("submissionId");

-- CreateIndex
CREATE INDEX "Submission_consultationId_status_submittedAt_id_idx" ON "Submission"("consultationId", "status", "submittedAt", "id");

-- CreateIndex
CREATE INDEX "Submission_consultationId_status_responseId_submittedAt_id_idx" ON "Submission"("consultationId", "status", "responseId", "submittedAt", "id");

-- AddForeignKey
ALTER TABLE "ResultTally" ADD CONSTRAINT "ResultTally_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListedAnswer" ADD CONSTRAINT "ListedAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "ConsultationQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListedAnswer" ADD CONSTRAINT "ListedAnswer_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill (hand-written; the SQLite form is in prisma/migrations; tests/results-backfill.test.ts): the results of the inputs already
-- submitted, as the commands now keep them (ADR 0022). Each version is counted under its organisation's type
-- of today; the tallies and listed answers read each input's latest version only.
UPDATE "SubmissionVersion" v SET "organisationType" = o."type"
FROM "Submission" s JOIN "Organisation" o ON o."id" = s."organisationId"
WHERE s."id" = v."submissionId";

CREATE TEMP TABLE "SubmittedAnswer" AS
SELECT s."consultationId", s."id" AS "submissionId", COALESCE(s."submittedAt", v."submittedAt") AS "submittedAt",
  v."organisationType", CASE WHEN s."themes" = '' THEN '' ELSE ',' || s."themes" || ',' END AS "themes",
  q."id" AS "questionId", q."kind", jsonb_typeof(j."value") AS "type", j."value"
FROM "Submission" s
JOIN "SubmissionVersion" v ON v."submissionId" = s."id" AND v."version" = s."version"
CROSS JOIN LATERAL jsonb_each(v."answers"::jsonb) j
JOIN "ConsultationQuestion" q ON q."id" = j."key" AND q."consultationId" = s."consultationId"
WHERE s."status" = 'submitted' AND jsonb_typeof(j."value") <> 'null';

-- How many inputs answered each question (no empty answer is ever stored).
INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum")
SELECT "consultationId", "questionId", '', COUNT(*), 0 FROM "SubmittedAnswer" GROUP BY "consultationId", "questionId";

-- The option chosen, the value rated.
INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum")
SELECT "consultationId", "questionId", "value" #>> '{}', COUNT(*), 0 FROM "SubmittedAnswer"
WHERE "kind" IN ('single_choice', 'rating') AND "type" IN ('string', 'number')
GROUP BY "consultationId", "questionId", "value" #>> '{}';

-- Each option chosen or ranked (with the sum of its 1-based ranks), each paragraph commented on.
INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum")
SELECT a."consultationId", a."questionId", e."bucket", COUNT(*), SUM(e."rank")
FROM "SubmittedAnswer" a CROSS JOIN LATERAL (
  SELECT i."value" #>> '{}' AS "bucket", CASE WHEN a."kind" = 'ranking' THEN i."position" ELSE 0 END AS "rank"
  FROM jsonb_array_elements(CASE WHEN a."type" = 'array' THEN a."value" ELSE '[]'::jsonb END)
    WITH ORDINALITY i("value", "position")
  WHERE a."kind" IN ('multiple_choice', 'ranking') AND jsonb_typeof(i."value") = 'string' AND i."value" #>> '{}' <> ''
  UNION ALL
  SELECT c."key", 0 FROM jsonb_each(CASE WHEN a."type" = 'object' THEN a."value" ELSE '{}'::jsonb END) c
  WHERE a."kind" = 'paragraph_comments' AND jsonb_typeof(c."value") = 'string' AND trim(c."value" #>> '{}') <> ''
) e
GROUP BY a."consultationId", a."questionId", e."bucket";

-- The free-text answers and the comments by paragraph, as the results page lists them.
INSERT INTO "ListedAnswer" ("questionId", "submissionId", "paragraph", "text", "submittedAt", "organisationType", "themes")
SELECT "questionId", "submissionId", 0, "value" #>> '{}', "submittedAt", "organisationType", "themes" FROM "SubmittedAnswer"
WHERE "kind" IN ('short_text', 'long_text') AND "type" = 'string' AND trim("value" #>> '{}') <> '';
INSERT INTO "ListedAnswer" ("questionId", "submissionId", "paragraph", "text", "submittedAt", "organisationType", "themes")
SELECT a."questionId", a."submissionId", CAST(c."key" AS INTEGER), c."value" #>> '{}', a."submittedAt", a."organisationType",
  a."themes"
FROM "SubmittedAnswer" a CROSS JOIN LATERAL jsonb_each(CASE WHEN a."type" = 'object' THEN a."value" ELSE '{}'::jsonb END) c
WHERE a."kind" = 'paragraph_comments' AND jsonb_typeof(c."value") = 'string' AND trim(c."value" #>> '{}') <> '';

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
SELECT s."consultationId", '@theme', t."theme", COUNT(*), 0
FROM "Submission" s CROSS JOIN LATERAL unnest(string_to_array(s."themes", ',')) t("theme")
WHERE s."status" = 'submitted' AND t."theme" <> ''
GROUP BY s."consultationId", t."theme";
INSERT INTO "ResultTally" ("consultationId", "subject", "bucket", "count", "positionSum")
SELECT s."consultationId", '@outcome', r."outcome", COUNT(*), 0
FROM "Submission" s JOIN "ConsultationResponse" r ON r."id" = s."responseId"
WHERE s."status" = 'submitted' GROUP BY s."consultationId", r."outcome";
