import { Controller, Get, Header } from '@nestjs/common';
import { register } from 'prom-client';
import { Public } from '@lianxin/auth';

@Controller('metrics')
export class MetricsController {
  @Get()
  @Public()
  @Header('Content-Type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
