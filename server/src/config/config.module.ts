import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from './app.config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Infrastructure, hence global: the validated settings (`APP_CONFIG`) and the clock every rule and job reads
 * (tests move it forward). Feature modules are never global; they import what they use.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig) {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }, Clock], exports: [APP_CONFIG, Clock] };
  }
}
