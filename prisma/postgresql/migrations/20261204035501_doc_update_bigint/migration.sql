-- Written by hand: `prisma migrate diff` gives `SET DATA TYPE BIGSERIAL`, which PostgreSQL
-- rejects (serial types exist only in CREATE TABLE). The update log's ids and the snapshot's
-- pointer into it widen to 64 bits, as SQLite's INTEGER already is; so does the sequence.

-- AlterTable
ALTER TABLE "DocUpdate" ALTER COLUMN "id" SET DATA TYPE BIGINT;
ALTER SEQUENCE "DocUpdate_id_seq" AS BIGINT;

-- AlterTable
ALTER TABLE "DocSnapshot" ALTER COLUMN "lastUpdateId" SET DATA TYPE BIGINT;
