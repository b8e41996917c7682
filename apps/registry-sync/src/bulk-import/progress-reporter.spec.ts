import type { ImportProgress } from './bulk-importer';
import { ProgressReporter } from './progress-reporter';

const progress = (overrides: Partial<ImportProgress>): ImportProgress => ({
  recordsRead: 0,
  recordsSkipped: 0,
  recordsCommitted: 0,
  recordsWritten: 0,
  recordsMalformed: 0,
  compressedBytesRead: 0,
  totalCompressedBytes: undefined,
  ...overrides,
});

describe('ProgressReporter', () => {
  let now = 0;
  const clock = () => now;
  const output = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, out: { isTTY, write: (text: string) => written.push(text) } };
  };

  beforeEach(() => {
    now = 1_000_000;
  });

  it('draws a bar with rate and ETA from the share of the download read', () => {
    const { written, out } = output(true);
    const reporter = new ProgressReporter(out, 200, clock);
    now += 10_000;
    reporter.update(
      progress({
        recordsRead: 250_000,
        recordsCommitted: 245_000,
        compressedBytesRead: 25,
        totalCompressedBytes: 100,
      }),
    );
    expect(written).toEqual([
      '\r\x1b[2K[########......................] 25.0%  250,000 records  25,000/s  245,000 committed  ETA 0:30',
    ]);
    // redrawn at most every 200 ms
    now += 100;
    reporter.update(progress({ recordsRead: 260_000, compressedBytesRead: 26, totalCompressedBytes: 100 }));
    expect(written).toHaveLength(1);
  });

  it('without a known size counts records and megabytes, one plain line per interval off a terminal', () => {
    const { written, out } = output(false);
    const reporter = new ProgressReporter(out, 5_000, clock);
    now += 5_000;
    reporter.update(
      progress({ recordsRead: 10_000, recordsMalformed: 2, compressedBytesRead: 3 * 1024 * 1024 }),
    );
    now += 1_000;
    reporter.update(progress({ recordsRead: 12_000 }));
    reporter.note('record 17 skipped: not a JSON object');
    reporter.finish();
    expect(written).toEqual([
      'registry-import: 10,000 records  2,000/s  0 committed  2 malformed  3.0 MB read\n',
      'record 17 skipped: not a JSON object\n',
      'registry-import: 12,000 records  2,000/s  0 committed  0.0 MB read\n',
    ]);
  });

  it('measures the rate of a resumed import from where it resumed', () => {
    const { written, out } = output(false);
    const reporter = new ProgressReporter(out, 0, clock);
    now += 2_000;
    reporter.update(progress({ recordsRead: 520_000, recordsSkipped: 500_000 }));
    expect(written[0]).toMatch(/520,000 records {2}10,000\/s/);
  });
});
