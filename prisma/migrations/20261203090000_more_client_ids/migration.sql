-- AlterTable
ALTER TABLE "Document" ADD COLUMN "clientId" TEXT;

-- AlterTable
ALTER TABLE "DocVersion" ADD COLUMN "clientId" TEXT;

-- AlterTable
ALTER TABLE "ApprovalRequest" ADD COLUMN "clientId" TEXT;

-- AlterTable
ALTER TABLE "Review" ADD COLUMN "clientId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Document_createdById_clientId_key" ON "Document"("createdById", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "DocVersion_createdById_clientId_key" ON "DocVersion"("createdById", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalRequest_requestedById_clientId_key" ON "ApprovalRequest"("requestedById", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "Review_createdById_clientId_key" ON "Review"("createdById", "clientId");

