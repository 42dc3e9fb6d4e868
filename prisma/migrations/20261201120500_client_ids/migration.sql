-- AlterTable
ALTER TABLE "CommentThread" ADD COLUMN "clientId" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "clientId" TEXT;

-- AlterTable
ALTER TABLE "ActionItem" ADD COLUMN "clientId" TEXT;

-- AlterTable
ALTER TABLE "ReviewDecision" ADD COLUMN "clientId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "CommentThread_createdById_clientId_key" ON "CommentThread"("createdById", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "Comment_authorId_clientId_key" ON "Comment"("authorId", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "ActionItem_createdById_clientId_key" ON "ActionItem"("createdById", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewDecision_createdById_clientId_key" ON "ReviewDecision"("createdById", "clientId");

