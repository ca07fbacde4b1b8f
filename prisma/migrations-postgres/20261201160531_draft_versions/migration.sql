-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "answerRevisions" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "draftRevision" INTEGER NOT NULL DEFAULT 0;
