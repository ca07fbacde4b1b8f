-- CreateTable
CREATE TABLE "ConsultationReminder" (
    "consultationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("consultationId", "kind"),
    CONSTRAINT "ConsultationReminder_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
