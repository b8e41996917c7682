type Stoppable = { stop(): Promise<unknown> };

export default async function globalTeardown(): Promise<void> {
  const containers = (globalThis as { __APIER_CONTAINERS__?: Stoppable[] }).__APIER_CONTAINERS__ ?? [];
  await Promise.all(containers.map((c) => c.stop()));
}
