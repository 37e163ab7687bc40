import 'reflect-metadata';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { createHash } from 'crypto';
import * as fs from 'fs';
import { Logger } from 'nestjs-pino';
import * as path from 'path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { assertJsonWithinLimits } from './common/json-limits';
import { createValidationPipe } from './common/validation';
import { AppConfig, loadConfig } from './config/app.config';
import { APP_CONFIG } from './config/config.module';
import { buildApiDocument } from './openapi/document';
import { ensureSqliteAppendOnly } from './database/append-only';
import { seedDemo } from './database/seeds/demo.seed';
import { seedDemoContent } from './database/seeds/demo-content.seed';
import { MAX_UPLOAD_BYTES } from './modules/uploads/uploads.service';
import { serveUploads } from './modules/uploads/serve';
import { FILE_STORAGE, FileStorage } from './modules/uploads/storage';
import { fakeWechatPlugin } from './modules/wechat/fake/fake-wechat';
import { WechatClient } from './modules/wechat/wechat.client';

export interface CreateAppOptions {
  config?: AppConfig;
  /** Seed demo data into an empty database when demo mode is on (default true). */
  seed?: boolean;
  /** With `seed`, also file the demo's tickets through the lifecycle (`npm start`; tests start from places only). */
  demoContent?: boolean;
  /** Run pending MySQL migrations before serving (tests and `npm start` on MySQL). */
  migrate?: boolean;
}

export const FAKE_WECHAT_PREFIX = '/fake-wechat';

export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = options.config ?? loadConfig();
  const adapter = new FastifyAdapter({
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For is read only from the proxies named in TRUST_PROXY; with none, a client's own header is
    // ignored, so a new made-up address per request cannot dodge LOGIN_RATE_LIMIT.
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    // Ids are per-request UUIDs in logs, never user data.
    genReqId: () => Math.random().toString(36).slice(2, 10),
    routerOptions: { maxParamLength: 200 },
  } as any);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api', { exclude: ['open311/(.*)'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // Before any pipe: class-transformer walks a body recursively, and a 4 KB body nested 2,000 deep overflowed it.
  fastify.addHook('preValidation', async (req: any) => assertJsonWithinLimits(req.body));
  const h5Index = path.join(config.h5Dir, 'index.html');
  await fastify.register(helmet as any, helmetOptions(fs.existsSync(h5Index) ? fs.readFileSync(h5Index, 'utf8') : '', storageOrigins(config.s3)));
  await fastify.register(multipart as any, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });

  if (config.demoMode && !config.wechat.apiBase) {
    await fastify.register(fakeWechatPlugin({ appId: config.wechat.appId, secret: config.wechat.secret }), { prefix: FAKE_WECHAT_PREFIX });
  }

  // Photos and QR codes, from local disk or the S3 bucket (nosniff, never private/ keys): modules/uploads/serve.ts.
  await serveUploads(fastify, config, app.get<FileStorage>(FILE_STORAGE));
  if (fs.existsSync(h5Index)) {
    await fastify.register(fastifyStatic as any, { root: config.h5Dir, prefix: '/', decorateReply: false, wildcard: false, index: ['index.html'] });
    // Taro's browser router: a page path that is not a file is the app shell. A wildcard route only catches
    // what no specific route (API, static file) matched.
    const shell = fs.readFileSync(h5Index);
    fastify.get('/*', (req: any, reply: any) => {
      const url: string = (req.url ?? '').split('?')[0];
      if (url.startsWith('/api') || url.startsWith('/open311') || url.startsWith('/uploads') || path.extname(url)) {
        reply.code(404).send({ statusCode: 404, code: 'NOT_FOUND', message: '接口不存在' });
        return;
      }
      reply.type('text/html; charset=utf-8').send(shell);
    });
  }

  const doc = buildApiDocument(app);
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  await app.init();

  const ds = app.get(DataSource);
  if (config.database.type === 'mysql' && options.migrate) await ds.runMigrations({ transaction: 'each' });
  if (config.database.type === 'sqlite') await ensureSqliteAppendOnly(ds);
  if (config.demoMode && options.seed !== false) {
    const fresh = await seedDemo(ds);
    // `npm start`'s demo: matters with their histories, so a newcomer sees a board with real rates and a trend.
    if (fresh && options.demoContent) await seedDemoContent(app);
  }
  return app;
}

/** Listens and, in demo mode, points the WeChat adapter at the fake mounted on this same server. */
export async function listen(app: NestFastifyApplication, port: number, host = app.get<AppConfig>(APP_CONFIG).host): Promise<string> {
  // A burst of phones connecting at once must not overflow the accept queue (Node's default backlog is 511).
  await app.listen({ port, backlog: 4096 } as any, host);
  const address = app.getHttpServer().address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const config = app.get<AppConfig>(APP_CONFIG);
  if (config.demoMode && !config.wechat.apiBase) {
    app.get(WechatClient).setBaseUrl(`http://127.0.0.1:${actualPort}${FAKE_WECHAT_PREFIX}`);
  }
  return `http://127.0.0.1:${actualPort}`;
}

/**
 * Where the H5 app's images come from besides this server, with S3_* set: the public URL (a CDN or public-read bucket)
 * and the bucket itself, which presigned URLs for private photos point at.
 */
export function storageOrigins(s3: AppConfig['s3']): string[] {
  if (!s3) return [];
  const origins = new Set<string>();
  if (s3.publicUrl) origins.add(new URL(s3.publicUrl).origin);
  const endpoint = new URL(s3.endpoint ?? `https://s3.${s3.region}.amazonaws.com`);
  if (s3.forcePathStyle) origins.add(endpoint.origin);
  else origins.add(`${endpoint.protocol}//${s3.bucket}.${endpoint.host}`);
  return [...origins];
}

/**
 * Helmet's headers with a CSP that the two pages this server serves can live with: the H5 app (its shell has one
 * inline script, Taro's rem sizing, allowed by its hash; Taro's components inject <style> and style attributes;
 * chosen photos preview as, and are uploaded from, blob: URLs; the QR scanner runs a worker) and the Swagger UI at /api/docs (its own
 * scripts, inline styles and data: images). No upgrade-insecure-requests: the demo and the tests run on plain http.
 */
export function helmetOptions(shellHtml: string, imageOrigins: string[] = []) {
  const inline = [...shellHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'", ...inline],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...imageOrigins],
        fontSrc: ["'self'", 'data:'],
        // blob: Taro.uploadFile on H5 reads the chosen photo back from its blob: URL before sending it.
        connectSrc: ["'self'", 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // Uploads and QR images may be shown by a page on a sibling host (an H5 build served elsewhere in the same site).
    crossOriginResourcePolicy: { policy: 'same-site' },
  };
}
