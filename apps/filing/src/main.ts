import 'reflect-metadata';
import { QUEUE_GROUPS } from '@apier/contracts';
import { bootstrapRpcService, configOrExit, InfrastructureConfigSchema, loadConfig } from '@apier/platform';
import { FilingModule } from './filing.module';

const config = configOrExit('filing', () => loadConfig(InfrastructureConfigSchema));
void bootstrapRpcService({
  service: 'filing',
  queue: QUEUE_GROUPS.filing,
  config,
  module: () => FilingModule.forRoot(),
});
