-- CreateTable
CREATE TABLE "registry_import_checkpoints" (
    "import_id" CHAR(64) NOT NULL,
    "source" TEXT NOT NULL,
    "environment" VARCHAR(16) NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "records_committed" INTEGER NOT NULL DEFAULT 0,
    "records_written" INTEGER NOT NULL DEFAULT 0,
    "records_malformed" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "registry_import_checkpoints_pkey" PRIMARY KEY ("import_id")
);
