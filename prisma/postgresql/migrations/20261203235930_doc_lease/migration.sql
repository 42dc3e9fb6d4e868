-- CreateTable
CREATE TABLE "DocLease" (
    "documentId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DocLease_pkey" PRIMARY KEY ("documentId")
);

-- AddForeignKey
ALTER TABLE "DocLease" ADD CONSTRAINT "DocLease_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

