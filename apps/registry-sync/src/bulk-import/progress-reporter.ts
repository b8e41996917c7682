import type { ImportProgress } from './bulk-importer';

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

const BAR_WIDTH = 30;
const number = new Intl.NumberFormat('en-US');

/**
 * Import progress on stderr: on a terminal one line redrawn a few times a second with a bar and an
 * ETA (when the download's size is known); elsewhere (CI, a log file) a plain line now and then.
 */
export class ProgressReporter {
  private readonly startedAt: number;
  private lastDrawn = 0;
  private latest: ImportProgress | undefined;

  constructor(
    private readonly out: ProgressOutput,
    private readonly intervalMs = out.isTTY ? 200 : 5_000,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.startedAt = clock();
  }

  update(progress: ImportProgress): void {
    this.latest = progress;
    const now = this.clock();
    if (now - this.lastDrawn < this.intervalMs) return;
    this.lastDrawn = now;
    this.draw(progress, false);
  }

  /** A message of its own (a skipped record), without breaking the redrawn bar. */
  note(message: string): void {
    this.out.write(this.out.isTTY ? `\r\x1b[2K${message}\n` : `${message}\n`);
    if (this.out.isTTY && this.latest) this.draw(this.latest, false);
  }

  finish(): void {
    if (this.latest) this.draw(this.latest, true);
  }

  /** One status line, e.g. `[#####.....] 48.1%  481,000 records  31,200/s  ETA 0:17`. */
  line(progress: ImportProgress): string {
    const seconds = Math.max((this.clock() - this.startedAt) / 1000, 0.001);
    const rate = (progress.recordsRead - progress.recordsSkipped) / seconds;
    const parts = [
      `${number.format(progress.recordsRead)} records`,
      `${number.format(Math.round(rate))}/s`,
      `${number.format(progress.recordsCommitted)} committed`,
    ];
    if (progress.recordsMalformed > 0) parts.push(`${number.format(progress.recordsMalformed)} malformed`);
    const total = progress.totalCompressedBytes;
    if (!total) return `${parts.join('  ')}  ${megabytes(progress.compressedBytesRead)} read`;
    const done = Math.min(progress.compressedBytesRead / total, 1);
    const filled = Math.round(done * BAR_WIDTH);
    const eta = done > 0 ? (seconds * (1 - done)) / done : undefined;
    return [
      `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${(done * 100).toFixed(1)}%`,
      ...parts,
      `ETA ${eta === undefined ? '?' : clockTime(eta)}`,
    ].join('  ');
  }

  private draw(progress: ImportProgress, final: boolean): void {
    const text = this.line(progress);
    if (this.out.isTTY) this.out.write(`\r\x1b[2K${text}${final ? '\n' : ''}`);
    else this.out.write(`registry-import: ${text}\n`);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function clockTime(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
