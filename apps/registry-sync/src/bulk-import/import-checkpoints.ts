import type { ClientBase } from 'pg';
import type { Environment } from '../snapshots/snapshot';

export interface ImportCheckpoint {
  importId: string;
  source: string;
  environment: Environment;
  fetchedAt: Date;
  recordsCommitted: number;
  recordsWritten: number;
  recordsMalformed: number;
  completedAt: Date | null;
}

/** Counters as of the end of a batch; written in that batch's transaction. */
export interface CheckpointProgress {
  recordsCommitted: number;
  recordsWritten: number;
  recordsMalformed: number;
  completed: boolean;
}

interface CheckpointRow {
  import_id: string;
  source: string;
  environment: Environment;
  fetched_at: Date;
  records_committed: number;
  records_written: number;
  records_malformed: number;
  completed_at: Date | null;
}

/** The `registry_import_checkpoints` rows, over the importer's own connection (search_path set). */
export class ImportCheckpoints {
  constructor(private readonly client: ClientBase) {}

  async find(importId: string): Promise<ImportCheckpoint | undefined> {
    const { rows } = await this.client.query<CheckpointRow>(
      `SELECT import_id, source, environment, fetched_at, records_committed, records_written,
              records_malformed, completed_at
         FROM registry_import_checkpoints WHERE import_id = $1`,
      [importId],
    );
    return rows[0] && toCheckpoint(rows[0]);
  }

  /** A fresh start of this import: counters back to zero, a new fetched_at. */
  async start(
    importId: string,
    source: string,
    environment: Environment,
    fetchedAt: Date,
  ): Promise<ImportCheckpoint> {
    const { rows } = await this.client.query<CheckpointRow>(
      `INSERT INTO registry_import_checkpoints (import_id, source, environment, fetched_at, updated_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (import_id) DO UPDATE SET
         source = EXCLUDED.source, fetched_at = EXCLUDED.fetched_at, records_committed = 0,
         records_written = 0, records_malformed = 0, started_at = now(), updated_at = now(),
         completed_at = NULL
       RETURNING import_id, source, environment, fetched_at, records_committed, records_written,
                 records_malformed, completed_at`,
      [importId, source, environment, fetchedAt],
    );
    return toCheckpoint(rows[0]!);
  }

  /** Must run inside the batch's transaction: the counters move only with the rows they count. */
  async advance(importId: string, progress: CheckpointProgress): Promise<void> {
    await this.client.query(
      `UPDATE registry_import_checkpoints
          SET records_committed = $2, records_written = $3, records_malformed = $4, updated_at = now(),
              completed_at = CASE WHEN $5::boolean THEN now() END
        WHERE import_id = $1`,
      [
        importId,
        progress.recordsCommitted,
        progress.recordsWritten,
        progress.recordsMalformed,
        progress.completed,
      ],
    );
  }
}

function toCheckpoint(row: CheckpointRow): ImportCheckpoint {
  return {
    importId: row.import_id,
    source: row.source,
    environment: row.environment,
    fetchedAt: row.fetched_at,
    recordsCommitted: row.records_committed,
    recordsWritten: row.records_written,
    recordsMalformed: row.records_malformed,
    completedAt: row.completed_at,
  };
}
