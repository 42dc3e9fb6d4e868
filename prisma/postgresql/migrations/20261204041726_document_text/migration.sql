-- CreateTable
CREATE TABLE "DocumentText" (
    "documentId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "indexedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocumentText_pkey" PRIMARY KEY ("documentId")
);

-- CreateIndex
CREATE INDEX "DocumentText_accountId_idx" ON "DocumentText"("accountId");

-- AddForeignKey
ALTER TABLE "DocumentText" ADD CONSTRAINT "DocumentText_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Written by hand: workspace search. Trigram indexes answer ILIKE '%term%' for terms of three or
-- more characters, Chinese included; shorter terms scan (app/features/search).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "DocumentText_text_trgm_idx" ON "DocumentText" USING gin ("text" gin_trgm_ops);
