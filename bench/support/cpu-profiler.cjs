/**
 * Preloaded into a measured service (`NODE_OPTIONS=--require …/cpu-profiler.cjs`) when a bench
 * profiles: once `<BENCH_CPU_PROF_DIR>/start` exists it starts V8's sampling profiler in-process,
 * and once `…/stop` exists it writes `<BENCH_CPU_PROF_DIR>/<BENCH_CPU_PROF_NAME>.cpuprofile`.
 * `--cpu-prof` alone would cover start-up and lose the profile when NestJS re-raises SIGTERM, and
 * the harness does not expose its children's pids, so the bench brackets the load with files.
 */
'use strict';
const { Session } = require('node:inspector');
const { existsSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_CPU_PROF_DIR;
const name = process.env.BENCH_CPU_PROF_NAME || String(process.pid);
if (dir) {
  const session = new Session();
  session.connect();
  let state = 'waiting';
  const timer = setInterval(() => {
    if (state === 'waiting' && existsSync(join(dir, 'start'))) {
      state = 'running';
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')),
      );
    } else if (state === 'running' && existsSync(join(dir, 'stop'))) {
      state = 'done';
      clearInterval(timer);
      session.post('Profiler.stop', (error, result) => {
        if (!error) writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(result.profile));
      });
    }
  }, 100);
  timer.unref();
}
