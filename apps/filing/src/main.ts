import 'reflect-metadata';
import { QUEUE_GROUPS } from '@apier/contracts';
import { bootstrapRpcService, configOrExit, loadConfig } from '@apier/platform';
import { FilingConfigSchema } from './config';
import { FilingModule } from './filing.module';

const config = configOrExit('filing', () => loadConfig(FilingConfigSchema));
void bootstrapRpcService({
  service: 'filing',
  queue: QUEUE_GROUPS.filing,
  config,
  module: (logger) => FilingModule.forRoot(config, logger),
});
