-- CreateEnum
CREATE TYPE "approval_status" AS ENUM ('pending', 'approved', 'consumed', 'expired');

-- CreateEnum
CREATE TYPE "action_status" AS ENUM ('queued', 'running', 'needs_confirmation', 'submitted', 'failed', 'dead_lettered');

-- CreateTable
CREATE TABLE "approvers" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" TIMESTAMPTZ(3),

    CONSTRAINT "approvers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approver_sessions" (
    "id" UUID NOT NULL,
    "approver_id" UUID NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "approver_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_requests" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "orgnr" CHAR(9) NOT NULL,
    "action_type" VARCHAR(32) NOT NULL,
    "payload_hash" CHAR(64) NOT NULL,
    "summary" JSONB NOT NULL,
    "preflight" JSONB NOT NULL,
    "status" "approval_status" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "approved_at" TIMESTAMPTZ(3),
    "approved_by" UUID,
    "token_hash" CHAR(64),
    "token_expires_at" TIMESTAMPTZ(3),
    "token_consumed_at" TIMESTAMPTZ(3),

    CONSTRAINT "approval_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "method" VARCHAR(8) NOT NULL,
    "route" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" CHAR(64) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "actions" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "orgnr" CHAR(9) NOT NULL,
    "type" VARCHAR(32) NOT NULL,
    "payload_hash" CHAR(64) NOT NULL,
    "payload" TEXT NOT NULL,
    "approval_request_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "status" "action_status" NOT NULL DEFAULT 'queued',
    "step" VARCHAR(32) NOT NULL,
    "progress" JSONB NOT NULL DEFAULT '{}',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "altinn_instance_id" TEXT,
    "feedback_reference" TEXT,
    "confirm_url" TEXT,
    "last_error" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "action_events" (
    "id" UUID NOT NULL,
    "action_id" UUID NOT NULL,
    "type" VARCHAR(48) NOT NULL,
    "status" "action_status" NOT NULL,
    "step" VARCHAR(32) NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "action_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "receipts" (
    "id" UUID NOT NULL,
    "action_id" UUID NOT NULL,
    "key_id" VARCHAR(64) NOT NULL,
    "envelope" JSONB NOT NULL,
    "signature" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "receipts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "account_id" UUID,
    "actor" TEXT NOT NULL,
    "event" VARCHAR(64) NOT NULL,
    "subject" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "approvers_account_id_email_key" ON "approvers"("account_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "approver_sessions_token_hash_key" ON "approver_sessions"("token_hash");

-- CreateIndex
CREATE INDEX "approver_sessions_approver_id_idx" ON "approver_sessions"("approver_id");

-- CreateIndex
CREATE UNIQUE INDEX "approval_requests_token_hash_key" ON "approval_requests"("token_hash");

-- CreateIndex
CREATE INDEX "approval_requests_account_id_status_idx" ON "approval_requests"("account_id", "status");

-- CreateIndex
CREATE INDEX "idempotency_records_expires_at_idx" ON "idempotency_records"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_records_account_id_method_route_key_key" ON "idempotency_records"("account_id", "method", "route", "key");

-- CreateIndex
CREATE UNIQUE INDEX "actions_approval_request_id_key" ON "actions"("approval_request_id");

-- CreateIndex
CREATE INDEX "actions_account_id_orgnr_idx" ON "actions"("account_id", "orgnr");

-- CreateIndex
CREATE INDEX "actions_status_idx" ON "actions"("status");

-- CreateIndex
CREATE UNIQUE INDEX "actions_account_id_idempotency_key_key" ON "actions"("account_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "action_events_action_id_occurred_at_idx" ON "action_events"("action_id", "occurred_at");

-- CreateIndex
CREATE INDEX "action_events_published_at_idx" ON "action_events"("published_at");

-- CreateIndex
CREATE UNIQUE INDEX "receipts_action_id_key" ON "receipts"("action_id");

-- CreateIndex
CREATE INDEX "audit_log_account_id_occurred_at_idx" ON "audit_log"("account_id", "occurred_at");

-- AddForeignKey
ALTER TABLE "approvers" ADD CONSTRAINT "approvers_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approver_sessions" ADD CONSTRAINT "approver_sessions_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "approvers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_records" ADD CONSTRAINT "idempotency_records_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "actions" ADD CONSTRAINT "actions_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "actions" ADD CONSTRAINT "actions_approval_request_id_fkey" FOREIGN KEY ("approval_request_id") REFERENCES "approval_requests"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "action_events" ADD CONSTRAINT "action_events_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_action_id_fkey" FOREIGN KEY ("action_id") REFERENCES "actions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The audit log is append-only: rows can be added, never changed or removed.
CREATE FUNCTION "audit_log_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE TRIGGER "audit_log_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_is_append_only"();
