import { ConfigError, loadConfig } from './app.config';

describe('loadConfig: REDIS_URL and S3_* (several processes)', () => {
  it('should keep every process on its own (no Redis, local disk) when neither is set', () => {
    const c = loadConfig({});
    expect(c.redisUrl).toBeNull();
    expect(c.s3).toBeNull();
  });

  it('should take redis:// and rediss:// URLs and refuse anything else by name', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/2' }).redisUrl).toBe('redis://127.0.0.1:6379/2');
    expect(loadConfig({ REDIS_URL: 'rediss://:pw@cache.internal:6380' }).redisUrl).toBe('rediss://:pw@cache.internal:6380');
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL must start with redis:\/\//);
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL must be a URL/);
  });

  it('should turn object storage on with the bucket, path-style for a self-hosted endpoint', () => {
    const c = loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'linli-photos', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_PUBLIC_URL: 'https://cdn.example.cn/photos/' });
    expect(c.s3).toEqual({ endpoint: 'http://127.0.0.1:9000', bucket: 'linli-photos', region: 'us-east-1', accessKeyId: 'k', secretAccessKey: 's', forcePathStyle: true, publicUrl: 'https://cdn.example.cn/photos' });
    expect(loadConfig({ S3_BUCKET: 'linli-photos', S3_REGION: 'ap-shanghai' }).s3).toMatchObject({ endpoint: null, region: 'ap-shanghai', forcePathStyle: false, accessKeyId: null });
    expect(loadConfig({ S3_BUCKET: 'linli-photos', S3_ENDPOINT: 'https://cos.ap-shanghai.myqcloud.com', S3_FORCE_PATH_STYLE: 'false' }).s3!.forcePathStyle).toBe(false);
  });

  it('should refuse an S3 setting without a bucket, a bad bucket name, one key without the other, or a typo in a flag', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/S3_BUCKET must be set/);
    expect(() => loadConfig({ S3_BUCKET: 'Linli_Photos' })).toThrow(/S3_BUCKET must be a bucket name/);
    expect(() => loadConfig({ S3_BUCKET: 'linli-photos', S3_ACCESS_KEY_ID: 'k' })).toThrow(/must be set together/);
    expect(() => loadConfig({ S3_BUCKET: 'linli-photos', S3_FORCE_PATH_STYLE: 'ja' })).toThrow(ConfigError);
    expect(() => loadConfig({ S3_BUCKET: 'linli-photos', S3_ENDPOINT: 'cos.example' })).toThrow(/S3_ENDPOINT must be a URL/);
  });
});
