-- CreateTable
CREATE TABLE "DocumentText" (
    "documentId" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "indexedAt" DATETIME NOT NULL,
    CONSTRAINT "DocumentText_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DocumentText_accountId_idx" ON "DocumentText"("accountId");


-- Written by hand: workspace search. A full-text index over the text with the trigram tokenizer
-- (any substring of three or more characters, Chinese included, case-insensitive), kept in step
-- with DocumentText by triggers. Shorter terms fall back to LIKE (app/features/search).
CREATE VIRTUAL TABLE "DocumentTextSearch" USING fts5("text", content='DocumentText', content_rowid='rowid', tokenize='trigram');

CREATE TRIGGER "DocumentText_search_insert" AFTER INSERT ON "DocumentText" BEGIN
  INSERT INTO "DocumentTextSearch"(rowid, "text") VALUES (new.rowid, new."text");
END;

CREATE TRIGGER "DocumentText_search_delete" AFTER DELETE ON "DocumentText" BEGIN
  INSERT INTO "DocumentTextSearch"("DocumentTextSearch", rowid, "text") VALUES ('delete', old.rowid, old."text");
END;

CREATE TRIGGER "DocumentText_search_update" AFTER UPDATE ON "DocumentText" BEGIN
  INSERT INTO "DocumentTextSearch"("DocumentTextSearch", rowid, "text") VALUES ('delete', old.rowid, old."text");
  INSERT INTO "DocumentTextSearch"(rowid, "text") VALUES (new.rowid, new."text");
END;
