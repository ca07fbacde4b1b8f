-- CreateIndex
CREATE INDEX "SpaceUpdate_fileKey_idx" ON "SpaceUpdate"("fileKey");
