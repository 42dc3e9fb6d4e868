-- CreateIndex
CREATE INDEX "Activity_documentId_actorId_kind_updatedAt_idx" ON "Activity"("documentId", "actorId", "kind", "updatedAt");

