-- CreateTable
CREATE TABLE "registry_feed_cursors" (
    "feed" VARCHAR(32) NOT NULL,
    "environment" VARCHAR(16) NOT NULL,
    "last_update_id" BIGINT,
    "since" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "registry_feed_cursors_pkey" PRIMARY KEY ("feed","environment")
);

-- CreateTable
CREATE TABLE "company_events" (
    "id" UUID NOT NULL,
    "orgnr" CHAR(9) NOT NULL,
    "environment" VARCHAR(16) NOT NULL,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "company_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "company_events_orgnr_environment_idx" ON "company_events"("orgnr", "environment");

-- CreateIndex
CREATE INDEX "company_events_published_at_idx" ON "company_events"("published_at");
