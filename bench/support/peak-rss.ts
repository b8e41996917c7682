import { readFileSync } from 'node:fs';

/**
 * Follows a child process's peak resident set size through Linux's `VmHWM` (the kernel's own
 * high-water mark, so a spike between two samples is not missed), sampled until it exits.
 */
export class PeakRss {
  private peakKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
  }

  /** Stops sampling; the last sample was taken at most 100 ms before the process ended. */
  stop(): number {
    clearInterval(this.timer);
    return this.peakKb * 1024;
  }

  private sample(): void {
    try {
      const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      if (match) this.peakKb = Math.max(this.peakKb, Number(match[1]));
    } catch {
      // the process has exited; the last sample stands
    }
  }
}
