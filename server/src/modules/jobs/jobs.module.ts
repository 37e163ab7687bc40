import { Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { JobsService } from './jobs.service';

@Global()
@Module({ imports: [ScheduleModule.forRoot()], providers: [JobsService], exports: [JobsService] })
export class JobsModule {}
