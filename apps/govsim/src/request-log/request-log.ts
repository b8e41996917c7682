/** One answered request, as the control API shows it. */
export interface LoggedRequest {
  method: string;
  /** Path and query string as received. */
  url: string;
  path: string;
  status: number;
  received_at: string;
  duration_ms: number;
}

/** Enough for any test run; the oldest entries go first. */
export const REQUEST_LOG_CAPACITY = 10_000;

/**
 * What govsim has answered, so a test can prove how often and when an agency was asked (a cache
 * hit makes no call; a rate-limited client waits out Retry-After).
 */
export class RequestLog {
  private entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > REQUEST_LOG_CAPACITY)
      this.entries.splice(0, this.entries.length - REQUEST_LOG_CAPACITY);
  }

  list(pathPrefix?: string): LoggedRequest[] {
    return pathPrefix === undefined
      ? [...this.entries]
      : this.entries.filter((e) => e.path.startsWith(pathPrefix));
  }

  clear(): void {
    this.entries = [];
  }
}
