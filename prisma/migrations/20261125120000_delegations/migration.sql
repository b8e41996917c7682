-- CreateEnum
CREATE TYPE "delegation_status" AS ENUM ('pending', 'active', 'rejected', 'expired', 'revoked');

-- CreateTable
CREATE TABLE "delegations" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "orgnr" CHAR(9) NOT NULL,
    "system_id" TEXT NOT NULL,
    "external_ref" TEXT NOT NULL,
    "request_id" UUID NOT NULL,
    "system_user_id" UUID,
    "status" "delegation_status" NOT NULL,
    "access_packages" TEXT[] NOT NULL,
    "confirm_url" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "activated_at" TIMESTAMPTZ(3),
    "rejected_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "last_checked_at" TIMESTAMPTZ(3) NOT NULL,
    "last_confirmed_at" TIMESTAMPTZ(3),

    CONSTRAINT "delegations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delegation_events" (
    "id" UUID NOT NULL,
    "delegation_id" UUID NOT NULL,
    "type" VARCHAR(32) NOT NULL,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "delegation_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "delegations_request_id_key" ON "delegations"("request_id");

-- CreateIndex
CREATE INDEX "delegations_account_id_orgnr_idx" ON "delegations"("account_id", "orgnr");

-- CreateIndex
CREATE INDEX "delegations_status_idx" ON "delegations"("status");

-- CreateIndex
CREATE UNIQUE INDEX "delegations_account_id_orgnr_request_id_key" ON "delegations"("account_id", "orgnr", "request_id");

-- CreateIndex
CREATE INDEX "delegation_events_delegation_id_idx" ON "delegation_events"("delegation_id");

-- CreateIndex
CREATE INDEX "delegation_events_published_at_idx" ON "delegation_events"("published_at");

-- AddForeignKey
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delegation_events" ADD CONSTRAINT "delegation_events_delegation_id_fkey" FOREIGN KEY ("delegation_id") REFERENCES "delegations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
