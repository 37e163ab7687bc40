import fastifyStatic from '@fastify/static';
import * as fs from 'fs';
import type { AppConfig } from '../../config/app.config';
import { contentTypeFor, FileStorage, isPrivateKey } from './storage';

const WEEK_SECONDS = 7 * 24 * 3600;
const NOT_FOUND = { statusCode: 404, code: 'NOT_FOUND', message: '文件不存在' };

/**
 * `/uploads/<key>`: public files by their unguessable names, from whichever store holds them. Keys under
 * `private/` are never answered here (see FileStorage). Local disk goes through @fastify/static (ranges, ETags); a
 * bucket is read through the storage, so any process serves what another one stored and the bucket stays private.
 */
export async function serveUploads(fastify: any, config: AppConfig, storage: FileStorage): Promise<void> {
  if (storage.kind === 'local') {
    fs.mkdirSync(config.uploadDir, { recursive: true });
    await fastify.register(fastifyStatic as any, {
      root: config.uploadDir,
      prefix: '/uploads/',
      decorateReply: false,
      index: false,
      maxAge: '7d',
      allowedPath: (pathName: string) => !isPrivateKey(safeDecode(pathName)),
      // Files are typed by extension; a browser must never guess HTML or script from an upload's bytes.
      // @fastify/static passes its reply (not the raw response) to setHeaders.
      setHeaders: (reply: any) => reply.header('x-content-type-options', 'nosniff'),
    });
    return;
  }
  fastify.get('/uploads/*', async (req: any, reply: any) => {
    const key = String(req.params['*'] ?? '');
    if (!/^[a-z0-9/_.-]+$/i.test(key) || key.includes('..') || isPrivateKey(key)) return reply.code(404).send(NOT_FOUND);
    const data = await storage.get(key);
    if (!data) return reply.code(404).send(NOT_FOUND);
    return reply
      .header('content-type', contentTypeFor(key))
      .header('cache-control', `public, max-age=${WEEK_SECONDS}, immutable`)
      .header('x-content-type-options', 'nosniff')
      .send(data);
  });
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}
