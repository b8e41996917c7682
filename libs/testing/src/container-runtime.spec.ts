import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerEngineReachable } from './container-runtime';

describe('Docker engine detection for testcontainers', () => {
  const original = process.env['DOCKER_HOST'];
  afterEach(() => {
    if (original === undefined) delete process.env['DOCKER_HOST'];
    else process.env['DOCKER_HOST'] = original;
  });

  it('says no when the socket does not exist', async () => {
    process.env['DOCKER_HOST'] = `unix://${join(mkdtempSync(join(tmpdir(), 'apier-')), 'docker.sock')}`;
    await expect(dockerEngineReachable()).resolves.toBe(false);
  });

  it('says no when nothing listens on a TCP DOCKER_HOST', async () => {
    process.env['DOCKER_HOST'] = 'tcp://127.0.0.1:1';
    await expect(dockerEngineReachable()).resolves.toBe(false);
  });
});
