import { ApierError } from '@apier/contracts';
import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { Environment } from '../snapshots/snapshot';
import { scanGzippedArray } from './dump-records';
import type { DumpSource } from './dump-source';
import { type EnhetRow, type MalformedRecord, readEnhetRecord } from './enhet-record';
import { type ImportCheckpoint, ImportCheckpoints } from './import-checkpoints';
import type { RawRecord } from './json-array-scanner';
import { SnapshotBatchWriter } from './snapshot-batch-writer';

export interface BulkImportOptions {
  environment: Environment;
  batchSize: number;
  resume: boolean;
  /** Skip and report records that are not valid entities; otherwise the first one fails the run. */
  skipMalformed: boolean;
  /** Provenance written into every snapshot of a new import (a resumed one keeps its own). */
  sourceUrl: string;
}

export interface ImportProgress {
  /** Records of the array passed so far, including those a resumed run skips. */
  recordsRead: number;
  /** Records a resumed run passed over because an earlier run committed them. */
  recordsSkipped: number;
  recordsCommitted: number;
  recordsWritten: number;
  recordsMalformed: number;
  compressedBytesRead: number;
  totalCompressedBytes: number | undefined;
}

export interface ImportListener {
  progress(progress: ImportProgress): void;
  malformed(record: MalformedRecord): void;
}

export interface ImportSummary {
  importId: string;
  outcome: 'imported' | 'resumed' | 'already-complete';
  records: number;
  skippedByResume: number;
  recordsWritten: number;
  recordsMalformed: number;
  fetchedAt: Date;
}

/** Different environments keep separate snapshots, so the same download is a separate import in each. */
export function importIdFor(environment: Environment, source: DumpSource): string {
  return createHash('sha256').update(`${environment}|${source.identity}`).digest('hex');
}

/**
 * Imports a Brreg bulk download into the snapshots in batches. Parsing the next batch overlaps the
 * database writing the previous one (one write in flight, so checkpoints stay in order). With
 * `resume`, the records the checkpoint says are committed are passed over unparsed, and the rest
 * is written with the original import's fetched_at and provenance: the result is the same rows
 * an uninterrupted run would have left.
 */
export class BulkImporter {
  constructor(
    private readonly client: ClientBase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async run(
    source: DumpSource,
    options: BulkImportOptions,
    listener: ImportListener,
  ): Promise<ImportSummary> {
    const importId = importIdFor(options.environment, source);
    const checkpoints = new ImportCheckpoints(this.client);
    const existing = await checkpoints.find(importId);
    if (options.resume && !source.identityIsStrong) {
      source.close();
      throw new ApierError(
        'precondition_failed',
        'The source sent no ETag, Last-Modified or Content-Length, so a restarted download cannot be shown to be the same one; import it without --resume',
      );
    }
    if (options.resume && existing?.completedAt) {
      source.close();
      return summary(existing, 'already-complete', existing.recordsCommitted);
    }
    const resuming = options.resume && existing !== undefined;
    const checkpoint = resuming
      ? existing
      : await checkpoints.start(importId, options.sourceUrl, options.environment, this.now());
    const writer = new SnapshotBatchWriter(
      this.client,
      checkpoints,
      {
        importId,
        environment: options.environment,
        sourceUrl: checkpoint.source,
        fetchedAt: checkpoint.fetchedAt,
      },
      checkpoint.recordsWritten,
    );
    await writer.prepare();

    const run = new BatchRun(writer, checkpoint, options, listener, source.totalBytes);
    try {
      const records = await scanGzippedArray(
        source.body,
        (batch) => run.accept(batch),
        (bytes) => (run.compressedBytes += bytes),
      );
      await run.finish(records);
    } catch (error) {
      source.close();
      await run.settle();
      throw error;
    }
    return summary(
      {
        ...checkpoint,
        recordsCommitted: run.recordsSeen,
        recordsWritten: writer.recordsWritten,
        recordsMalformed: run.malformed,
      },
      resuming ? 'resumed' : 'imported',
      resuming ? checkpoint.recordsCommitted : 0,
    );
  }
}

/** The state of one pass over the array: the open batch, counters, and the write in flight. */
class BatchRun {
  compressedBytes = 0;
  recordsSeen: number;
  malformed: number;
  private committed: number;
  private readonly skip: number;
  private batch = new Map<string, EnhetRow>();
  private inFlight: Promise<void> = Promise.resolve();
  private writeError: unknown;

  constructor(
    private readonly writer: SnapshotBatchWriter,
    checkpoint: ImportCheckpoint,
    private readonly options: BulkImportOptions,
    private readonly listener: ImportListener,
    private readonly totalBytes: number | undefined,
  ) {
    this.skip = checkpoint.recordsCommitted;
    this.recordsSeen = checkpoint.recordsCommitted;
    this.committed = checkpoint.recordsCommitted;
    this.malformed = checkpoint.recordsMalformed;
  }

  async accept(records: RawRecord[]): Promise<void> {
    for (const record of records) {
      if (record.index < this.skip) continue;
      const verdict = readEnhetRecord(record);
      if (verdict.ok) {
        // the last occurrence of a number in the dump wins, as if the records were applied in order
        this.batch.delete(verdict.row.orgnr);
        this.batch.set(verdict.row.orgnr, verdict.row);
      } else if (this.options.skipMalformed) {
        this.malformed += 1;
        this.listener.malformed(verdict.malformed);
      } else {
        throw new ApierError('bulk_record_invalid', `Record ${record.index}: ${verdict.malformed.reason}`, {
          details: { index: record.index },
        });
      }
      this.recordsSeen = record.index + 1;
      if (this.batch.size >= this.options.batchSize) await this.flush(false);
    }
    this.report();
  }

  async finish(records: number): Promise<void> {
    this.recordsSeen = Math.max(this.recordsSeen, records);
    await this.flush(true);
    await this.settle();
    if (this.writeError) throw this.writeError;
  }

  /** Waits for the write in flight, so the connection is free and the checkpoint final. */
  async settle(): Promise<void> {
    await this.inFlight;
  }

  private async flush(completed: boolean): Promise<void> {
    await this.settle();
    if (this.writeError) throw this.writeError;
    const rows = [...this.batch.values()];
    this.batch = new Map();
    const committed = this.recordsSeen;
    this.inFlight = this.writer
      .write(rows, { recordsCommitted: committed, recordsMalformed: this.malformed, completed })
      .then(
        () => {
          this.committed = committed;
          this.report();
        },
        (error: unknown) => {
          this.writeError = error;
        },
      );
  }

  private report(): void {
    this.listener.progress({
      recordsRead: this.recordsSeen,
      recordsSkipped: this.skip,
      recordsCommitted: this.committed,
      recordsWritten: this.writer.recordsWritten,
      recordsMalformed: this.malformed,
      compressedBytesRead: this.compressedBytes,
      totalCompressedBytes: this.totalBytes,
    });
  }
}

function summary(
  checkpoint: ImportCheckpoint,
  outcome: ImportSummary['outcome'],
  skippedByResume: number,
): ImportSummary {
  return {
    importId: checkpoint.importId,
    outcome,
    records: checkpoint.recordsCommitted,
    skippedByResume,
    recordsWritten: checkpoint.recordsWritten,
    recordsMalformed: checkpoint.recordsMalformed,
    fetchedAt: checkpoint.fetchedAt,
  };
}
