-- CreateTable
CREATE TABLE "ScoringRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "requireEvidence" BOOLEAN NOT NULL DEFAULT true,
    "openedById" TEXT,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revealedById" TEXT,
    "revealedAt" DATETIME,
    "clientId" TEXT,
    CONSTRAINT "ScoringRound_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScoringRound_openedById_fkey" FOREIGN KEY ("openedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ScoringRound_revealedById_fkey" FOREIGN KEY ("revealedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoundScore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "roundId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "evidence" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RoundScore_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ScoringRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoundScore_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoundTarget" (
    "roundId" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "level" INTEGER NOT NULL,

    PRIMARY KEY ("roundId", "item"),
    CONSTRAINT "RoundTarget_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "ScoringRound" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ScoringRound_accountId_kind_quarter_key" ON "ScoringRound"("accountId", "kind", "quarter");

-- CreateIndex
CREATE UNIQUE INDEX "ScoringRound_openedById_clientId_key" ON "ScoringRound"("openedById", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "RoundScore_roundId_userId_item_key" ON "RoundScore"("roundId", "userId", "item");

