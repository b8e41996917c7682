import 'reflect-metadata';
import { QUEUE_GROUPS } from '@apier/contracts';
import { bootstrapRpcService, configOrExit, loadConfig } from '@apier/platform';
import { AuthBrokerModule } from './auth-broker.module';
import { AuthBrokerConfigSchema } from './config';

const config = configOrExit('auth-broker', () => loadConfig(AuthBrokerConfigSchema));
void bootstrapRpcService({
  service: 'auth-broker',
  queue: QUEUE_GROUPS.auth,
  config,
  module: (logger) => AuthBrokerModule.forRoot(config, logger),
});
