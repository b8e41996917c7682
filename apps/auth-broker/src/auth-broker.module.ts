import { type DynamicModule, Module } from '@nestjs/common';
import { HealthHandler } from './health/health.handler';

/** Shell until its milestone: answers health over NATS so the stack can see it is up. */
@Module({})
export class AuthBrokerModule {
  static forRoot(): DynamicModule {
    return { module: AuthBrokerModule, controllers: [HealthHandler] };
  }
}
