-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "duplicateOfId" TEXT;

-- AddForeignKey
ALTER TABLE "Concern" ADD CONSTRAINT "Concern_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Concern"("id") ON DELETE SET NULL ON UPDATE CASCADE;
