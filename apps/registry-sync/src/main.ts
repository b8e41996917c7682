import 'reflect-metadata';
import { QUEUE_GROUPS } from '@apier/contracts';
import { bootstrapRpcService, configOrExit, loadConfig } from '@apier/platform';
import { RegistrySyncConfigSchema } from './config';
import { RegistrySyncModule } from './registry-sync.module';

const config = configOrExit('registry-sync', () => loadConfig(RegistrySyncConfigSchema));
void bootstrapRpcService({
  service: 'registry-sync',
  queue: QUEUE_GROUPS.registry,
  config,
  module: (logger) => RegistrySyncModule.forRoot(config, logger),
});
