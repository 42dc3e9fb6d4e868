-- AlterTable
ALTER TABLE "Document" ADD COLUMN "blocksIndexedAt" DATETIME;

-- CreateTable
CREATE TABLE "InitiativeBlock" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "blockId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "startQuarter" TEXT NOT NULL,
    "endQuarter" TEXT,
    "department" TEXT NOT NULL,
    "budget" REAL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "goal" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "internal" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "InitiativeBlock_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InitiativeBlock_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RightBlock" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "blockId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "situation" TEXT NOT NULL,
    "right" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "kpi" TEXT,
    "threshold" REAL,
    "direction" TEXT NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "RightBlock_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RightBlock_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "InitiativeBlock_accountId_startQuarter_idx" ON "InitiativeBlock"("accountId", "startQuarter");

-- CreateIndex
CREATE UNIQUE INDEX "InitiativeBlock_documentId_blockId_key" ON "InitiativeBlock"("documentId", "blockId");

-- CreateIndex
CREATE INDEX "RightBlock_accountId_idx" ON "RightBlock"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "RightBlock_documentId_blockId_key" ON "RightBlock"("documentId", "blockId");

