import 'reflect-metadata';
import { QUEUE_GROUPS } from '@apier/contracts';
import { bootstrapRpcService, InfrastructureConfigSchema, loadConfig } from '@apier/platform';
import { AuthBrokerModule } from './auth-broker.module';

const config = loadConfig(InfrastructureConfigSchema);
void bootstrapRpcService({
  service: 'auth-broker',
  queue: QUEUE_GROUPS.auth,
  config,
  module: () => AuthBrokerModule.forRoot(),
});
