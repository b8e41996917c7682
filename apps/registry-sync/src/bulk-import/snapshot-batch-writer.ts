import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Environment } from '../snapshots/snapshot';
import { ENHET } from '../upstream/datasets';
import { copyField } from './copy-text';
import type { EnhetRow } from './enhet-record';
import type { CheckpointProgress, ImportCheckpoints } from './import-checkpoints';

export interface SnapshotTarget {
  importId: string;
  environment: Environment;
  /** Provenance of every row: where the download came from. */
  sourceUrl: string;
  fetchedAt: Date;
}

/**
 * Writes batches of dump records as `brreg/enhet` snapshots plus their `organisations` rows, in
 * the shape the live fetch stores, so the context's read path serves them unchanged. Each batch is
 * one transaction: `COPY` into a temporary table (no WAL, emptied at commit), set-based upserts,
 * and the checkpoint, so a crash never leaves rows and counters out of step.
 */
export class SnapshotBatchWriter {
  /** Snapshots inserted or replaced by this import so far, resumed runs included. */
  private written: number;

  constructor(
    private readonly client: ClientBase,
    private readonly checkpoints: ImportCheckpoints,
    private readonly target: SnapshotTarget,
    alreadyWritten = 0,
  ) {
    this.written = alreadyWritten;
  }

  get recordsWritten(): number {
    return this.written;
  }

  async prepare(): Promise<void> {
    await this.client.query(
      `CREATE TEMPORARY TABLE IF NOT EXISTS import_staging (
         orgnr CHAR(9) NOT NULL, name TEXT NOT NULL, content_hash CHAR(64) NOT NULL, payload JSONB NOT NULL
       ) ON COMMIT DELETE ROWS`,
    );
  }

  /** `rows` must hold each organisation number once (the last occurrence in the dump wins). */
  async write(rows: EnhetRow[], progress: Omit<CheckpointProgress, 'recordsWritten'>): Promise<void> {
    await this.client.query('BEGIN');
    try {
      const written = rows.length > 0 ? await this.stageAndUpsert(rows) : 0;
      await this.checkpoints.advance(this.target.importId, {
        ...progress,
        recordsWritten: this.written + written,
      });
      await this.client.query('COMMIT');
      this.written += written;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async stageAndUpsert(rows: EnhetRow[]): Promise<number> {
    const lines = rows.map(
      (r) => `${r.orgnr}\t${copyField(r.navn)}\t${r.contentHash}\t${copyField(r.json)}\n`,
    );
    const copy = this.client.query(
      copyFrom('COPY import_staging (orgnr, name, content_hash, payload) FROM STDIN'),
    );
    await pipeline(Readable.from([lines.join('')]), copy);

    const { environment, sourceUrl, fetchedAt } = this.target;
    // Like the live path: the sandbox flag is set on creation only.
    await this.client.query(
      `INSERT INTO organisations (orgnr, sandbox, name, updated_at)
       SELECT orgnr, $1, name, now() FROM import_staging
       ON CONFLICT (orgnr) DO NOTHING`,
      [environment === 'sandbox'],
    );
    // A snapshot the live path fetched after this download was taken is newer: it stays, and so
    // does the organisation's name that came with it.
    const { rows: counted } = await this.client.query<{ written: string }>(
      `WITH written AS (
         INSERT INTO registry_snapshots
           (id, orgnr, environment, source, dataset, source_url, http_status, content_hash, payload, fetched_at)
         SELECT gen_random_uuid(), orgnr, $1, $2, $3, $4, 200, content_hash, payload, $5 FROM import_staging
         ON CONFLICT (orgnr, environment, source, dataset) DO UPDATE SET
           source_url = EXCLUDED.source_url, http_status = EXCLUDED.http_status,
           content_hash = EXCLUDED.content_hash, payload = EXCLUDED.payload, fetched_at = EXCLUDED.fetched_at
         WHERE registry_snapshots.fetched_at <= EXCLUDED.fetched_at
         RETURNING orgnr
       ), renamed AS (
         UPDATE organisations o SET name = s.name, updated_at = now()
           FROM import_staging s
          WHERE o.orgnr = s.orgnr AND o.name IS DISTINCT FROM s.name
            AND s.orgnr IN (SELECT orgnr FROM written)
       )
       SELECT count(*) AS written FROM written`,
      [environment, ENHET.source, ENHET.dataset, sourceUrl, fetchedAt],
    );
    return Number(counted[0]!.written);
  }
}
