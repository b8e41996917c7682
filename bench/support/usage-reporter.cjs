/**
 * Preloaded into a measured process (`NODE_OPTIONS=--require …/usage-reporter.cjs`) by the benches:
 * every 100 ms it writes `{"rss": bytes, "heapUsed": bytes, "cpuUs": user + system µs since start}` to
 * `<BENCH_USAGE_DIR>/<BENCH_USAGE_NAME>.json` (written aside and renamed, so a reader never sees
 * half a file). The harness does not expose its children's pids, so each reports for itself. CPU
 * time per request holds still on a machine shared with other work, where requests per second
 * do not.
 */
'use strict';
const { renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_USAGE_DIR;
const name = process.env.BENCH_USAGE_NAME || String(process.pid);
if (dir) {
  const file = join(dir, `${name}.json`);
  const write = () => {
    try {
      const cpu = process.cpuUsage();
      const { heapUsed } = process.memoryUsage();
      writeFileSync(
        `${file}.tmp`,
        JSON.stringify({ rss: process.memoryUsage.rss(), heapUsed, cpuUs: cpu.user + cpu.system }),
      );
      renameSync(`${file}.tmp`, file);
    } catch {
      // the bench removed its directory; nothing is measuring any more
    }
  };
  write();
  setInterval(write, 100).unref();
}
