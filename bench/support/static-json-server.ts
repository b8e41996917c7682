/**
 * The baseline of the context-throughput bench: a bare Fastify server in its own process answering
 * every GET with the same JSON bytes the gateway sent, so the two differ only in the work behind
 * the answer. Prints its port on stdout when listening.
 */
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.argv[2]!);
const app = Fastify({ logger: false });
app.get('/*', (_request, reply) => {
  void reply.type('application/json; charset=utf-8').send(body);
});
app.listen({ port: 0, host: '127.0.0.1' }).then(
  () => {
    const address = app.server.address();
    process.stdout.write(`${typeof address === 'object' && address ? address.port : ''}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`static-json-server: ${String(error)}\n`);
    process.exit(1);
  },
);
