-- CreateTable
CREATE TABLE "organisations" (
    "orgnr" CHAR(9) NOT NULL,
    "sandbox" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("orgnr")
);

-- CreateTable
CREATE TABLE "registry_snapshots" (
    "id" UUID NOT NULL,
    "orgnr" CHAR(9) NOT NULL,
    "environment" VARCHAR(16) NOT NULL,
    "source" VARCHAR(32) NOT NULL,
    "dataset" VARCHAR(64) NOT NULL,
    "source_url" TEXT NOT NULL,
    "http_status" INTEGER NOT NULL,
    "content_hash" CHAR(64) NOT NULL,
    "payload" JSONB NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "registry_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "registry_snapshots_fetched_at_idx" ON "registry_snapshots"("fetched_at");

-- CreateIndex
CREATE UNIQUE INDEX "registry_snapshots_orgnr_environment_source_dataset_key" ON "registry_snapshots"("orgnr", "environment", "source", "dataset");

-- AddForeignKey
ALTER TABLE "registry_snapshots" ADD CONSTRAINT "registry_snapshots_orgnr_fkey" FOREIGN KEY ("orgnr") REFERENCES "organisations"("orgnr") ON DELETE CASCADE ON UPDATE CASCADE;
