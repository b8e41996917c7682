import type { Provider } from '@nestjs/common';
import { RequestLog } from './request-log';
import { RequestLogController } from './request-log.controller';
import { RequestRecorder } from './request-recorder';

export const REQUEST_LOG_CONTROLLERS = [RequestLogController];
export const REQUEST_LOG_PROVIDERS: Provider[] = [
  { provide: RequestLog, useFactory: () => new RequestLog() },
  RequestRecorder,
];
