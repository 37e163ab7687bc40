import { ArgumentsHost, Body, Catch, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../common/decorators/auth.decorators';
import { AllExceptionsFilter } from '../../common/filters/all-exceptions.filter';
import { Open311Service } from './open311.service';

/** GeoReport v2 errors: an array of { code, description } with the HTTP status as code. */
@Catch()
export class Open311ExceptionFilter extends AllExceptionsFilter {
  catch(exception: unknown, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse();
    const body = this.toBody(exception);
    if (reply.sent) return;
    // GeoReport v2 clients expect 400 for a bad request; the app's 422 validation failures map onto it.
    if (body.statusCode === 422) body.statusCode = 400;
    const fields = (body as any).fields as Record<string, string[]> | undefined;
    const list = fields && Object.keys(fields).length ? Object.entries(fields).map(([k, v]) => ({ code: body.statusCode, description: `${k}: ${v.join('; ')}` })) : [{ code: body.statusCode, description: body.message }];
    reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(list);
  }
}

/**
 * Open311 GeoReport v2 (JSON only) at /open311/v2 — outside the /api prefix, public, with api_key for POST.
 * https://wiki.open311.org/GeoReport_v2
 */
@ApiExcludeController()
@Public()
@UseFilters(Open311ExceptionFilter)
@Controller('open311/v2')
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  @Get('discovery.json')
  discovery() {
    return this.open311.discovery();
  }

  @Get('services.json')
  services(@Query() q: Record<string, string>) {
    return this.open311.services(q);
  }

  @Get('services/:file')
  service(@Param('file') file: string, @Query() q: Record<string, string>) {
    return this.open311.service(this.open311.jsonName(file), q);
  }

  @Post('requests.json')
  @HttpCode(201)
  create(@Body() body: Record<string, unknown>) {
    return this.open311.create(body ?? {});
  }

  @Get('requests.json')
  list(@Query() q: Record<string, string>) {
    return this.open311.list(q);
  }

  @Get('requests/:file')
  one(@Param('file') file: string, @Query() q: Record<string, string>) {
    return this.open311.one(this.open311.jsonName(file), q);
  }
}
