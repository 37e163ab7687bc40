import { ArgumentsHost, Body, Catch, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiTags } from '@nestjs/swagger';
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

// What GeoReport v2 clients send, for the OpenAPI document (the service reads these fields by hand).
const JURISDICTION = ApiQuery({ name: 'jurisdiction_id', required: false, description: 'this server\'s jurisdiction (OPEN311_JURISDICTION); another one is 404' });
const text = (description: string) => ({ type: 'string', description });
const NEW_REQUEST = ApiBody({
  schema: {
    type: 'object',
    required: ['api_key', 'service_code', 'description'],
    properties: {
      api_key: text('issued by an admin (POST /api/service/open311-keys)'),
      jurisdiction_id: text('optional; must be this server\'s'),
      service_code: text('a category code from services.json'),
      description: text('at most 1000 characters'),
      address_id: text('a point\'s scene code; or lat and long'),
      lat: text('WGS84 latitude'),
      long: text('WGS84 longitude: the nearest point within 500 m'),
      address_string: text('free text, kept with the matter'),
      media_url: text('an http(s) photo URL'),
      first_name: text('contact'),
      last_name: text('contact'),
      phone: text('contact'),
      attribute: { type: 'object', additionalProperties: true, description: 'attribute[code]=value, as in services/{code}.json' },
    },
  },
});

/**
 * Open311 GeoReport v2 (JSON only) at /open311/v2 — outside the /api prefix, public, with api_key for POST.
 * https://wiki.open311.org/GeoReport_v2
 */
@ApiTags('open311')
@Public()
@UseFilters(Open311ExceptionFilter)
@Controller('open311/v2')
export class Open311Controller {
  constructor(private readonly open311: Open311Service) {}

  @Get('discovery.json')
  discovery() {
    return this.open311.discovery();
  }

  @JURISDICTION
  @Get('services.json')
  services(@Query() q: Record<string, string>) {
    return this.open311.services(q);
  }

  @JURISDICTION
  @Get('services/:file')
  service(@Param('file') file: string, @Query() q: Record<string, string>) {
    return this.open311.service(this.open311.jsonName(file), q);
  }

  @NEW_REQUEST
  @Post('requests.json')
  @HttpCode(201)
  create(@Body() body: Record<string, unknown>) {
    return this.open311.create(body ?? {});
  }

  @JURISDICTION
  @ApiQuery({ name: 'service_request_id', required: false, description: 'comma-separated ids; the other filters are then ignored' })
  @ApiQuery({ name: 'service_code', required: false, description: 'comma-separated category codes' })
  @ApiQuery({ name: 'start_date', required: false, description: 'ISO 8601; default 90 days before end_date' })
  @ApiQuery({ name: 'end_date', required: false, description: 'ISO 8601; default now' })
  @ApiQuery({ name: 'status', required: false, description: 'open, closed or both, comma-separated' })
  @Get('requests.json')
  list(@Query() q: Record<string, string>) {
    return this.open311.list(q);
  }

  @JURISDICTION
  @Get('requests/:file')
  one(@Param('file') file: string, @Query() q: Record<string, string>) {
    return this.open311.one(this.open311.jsonName(file), q);
  }
}
