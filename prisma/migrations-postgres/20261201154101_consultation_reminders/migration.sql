-- CreateTable
CREATE TABLE "ConsultationReminder" (
    "consultationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsultationReminder_pkey" PRIMARY KEY ("consultationId","kind")
);

-- AddForeignKey
ALTER TABLE "ConsultationReminder" ADD CONSTRAINT "ConsultationReminder_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
