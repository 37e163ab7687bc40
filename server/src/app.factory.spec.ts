import { helmetOptions, storageOrigins } from './app.factory';

const s3 = { endpoint: null, bucket: 'linli-photos', region: 'ap-shanghai', accessKeyId: null, secretAccessKey: null, forcePathStyle: false, publicUrl: null };

describe('the H5 app’s image sources', () => {
  it('should add nothing while photos live on this server', () => {
    expect(storageOrigins(null)).toEqual([]);
    expect(helmetOptions('').contentSecurityPolicy.directives.imgSrc).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('should let the H5 app read a chosen photo back from its blob: URL (Taro.uploadFile does, before sending it)', () => {
    expect(helmetOptions('').contentSecurityPolicy.directives.connectSrc).toEqual(["'self'", 'blob:']);
  });

  it('should allow the bucket that presigned URLs point at, and the public URL', () => {
    expect(storageOrigins(s3)).toEqual(['https://linli-photos.s3.ap-shanghai.amazonaws.com']);
    expect(storageOrigins({ ...s3, endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, publicUrl: 'https://img.example.cn/linli/' })).toEqual(['https://img.example.cn', 'http://127.0.0.1:9000']);
    expect(storageOrigins({ ...s3, endpoint: 'https://cos.ap-shanghai.myqcloud.com' })).toEqual(['https://linli-photos.cos.ap-shanghai.myqcloud.com']);
    expect(helmetOptions('', storageOrigins(s3)).contentSecurityPolicy.directives.imgSrc).toContain('https://linli-photos.s3.ap-shanghai.amazonaws.com');
  });
});
