/**
 * Preloaded into a measured process (`NODE_OPTIONS=--require …/rss-reporter.cjs`) by the memory
 * bench: every 100 ms it writes its resident set size in bytes to
 * `<BENCH_RSS_DIR>/<BENCH_RSS_NAME>.rss` (written aside and renamed, so a reader never sees half
 * a number). The harness does not expose its children's pids, so each reports for itself.
 */
'use strict';
const { renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_RSS_DIR;
const name = process.env.BENCH_RSS_NAME || String(process.pid);
if (dir) {
  const file = join(dir, `${name}.rss`);
  const write = () => {
    try {
      writeFileSync(`${file}.tmp`, String(process.memoryUsage.rss()));
      renameSync(`${file}.tmp`, file);
    } catch {
      // the bench removed its directory; nothing is measuring any more
    }
  };
  write();
  setInterval(write, 100).unref();
}
