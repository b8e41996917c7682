import { existsSync } from 'node:fs';
import { request } from 'node:http';

/** True when a Docker engine answers on its socket (or DOCKER_HOST); the docker CLI alone is not enough. */
export function dockerEngineReachable(): Promise<boolean> {
  const host = process.env['DOCKER_HOST'];
  const socketPath = host?.startsWith('unix://')
    ? host.slice('unix://'.length)
    : host
      ? undefined
      : '/var/run/docker.sock';
  if (socketPath && !existsSync(socketPath)) return Promise.resolve(false);
  const target = socketPath
    ? { socketPath }
    : (() => {
        const url = new URL(host!.replace(/^tcp:/, 'http:'));
        return { host: url.hostname, port: Number(url.port) };
      })();
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}
