import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { isIP } from 'net';
import * as path from 'path';
import { DEFAULT_TEMPLATES, DEMO_TEMPLATE_PREFIX, KEY_TYPES, TemplatePurpose, TemplateSpec } from '../modules/notifications/templates';

export const DEMO_JWT_SECRET = 'linli-demo-secret-change-me';
export const DEMO_WECHAT_APPID = 'wxlinlidemo000000';
export const DEMO_WECHAT_SECRET = 'linli-demo-wechat-secret';

// Anything but these stays a string, so @IsBoolean refuses it by name instead of reading a typo as "off".
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const v = String(value).toLowerCase();
  return ['1', 'true', 'yes', 'on'].includes(v) ? true : ['0', 'false', 'no', 'off'].includes(v) ? false : value;
};
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Raw environment, validated at boot. Every field here is an env variable of the same name. */
class EnvSchema {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() DATABASE_URL?: string;
  @IsOptional() @IsString() @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' }) JWT_SECRET?: string;
  @IsOptional() @IsString() WECHAT_APPID?: string;
  @IsOptional() @IsString() WECHAT_SECRET?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) WECHAT_API_BASE?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() DEMO_MODE?: boolean;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }) PUBLIC_URL?: string;
  @IsOptional() @IsString() UPLOAD_DIR?: string;
  @IsOptional() @IsString() H5_DIR?: string;
  @IsOptional() @IsString() LOG_LEVEL?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() JOBS_ENABLED?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) DB_POOL_SIZE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) LOGIN_RATE_LIMIT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) RATE_LIMIT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) SUBMIT_RATE_LIMIT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) JOBS_EVERY_MS?: number;
  /** apply pending MySQL migrations before serving (`npm start` on MySQL sets it) */
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'MIGRATE_ON_START must be true or false' }) MIGRATE_ON_START?: boolean;
  /** subscribe-message template ids by purpose, JSON; checked in loadConfig */
  @IsOptional() @IsString() WECHAT_TEMPLATES?: string;
  // 码上办 rules
  @IsOptional() @Transform(toInt) @IsNumber({}, { message: 'TICKET_CHECKIN_RADIUS_M must be a number of metres' }) @Min(1) @Max(10_000) TICKET_CHECKIN_RADIUS_M?: number;
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'OPEN311_JURISDICTION must be 1–64 letters, digits or ._- (e.g. linli.caohu)' }) OPEN311_JURISDICTION?: string;
  // Beyond one process: shared state (REDIS_URL) and object storage (S3_*); checked in loadConfig
  @IsOptional() @IsString() REDIS_URL?: string;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'S3_ENDPOINT must be a URL such as https://cos.ap-shanghai.myqcloud.com' }) S3_ENDPOINT?: string;
  @IsOptional() @IsString() S3_BUCKET?: string;
  @IsOptional() @IsString() S3_REGION?: string;
  @IsOptional() @IsString() S3_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() S3_SECRET_ACCESS_KEY?: string;
  @IsOptional() @Transform(toBool) @IsBoolean({ message: 'S3_FORCE_PATH_STYLE must be true or false' }) S3_FORCE_PATH_STYLE?: boolean;
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'S3_PUBLIC_URL must be a URL (a CDN or public-read bucket address)' }) S3_PUBLIC_URL?: string;
  // 微心愿 rules a street office may tune
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) WISH_VALUE_CAP?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) WISH_CLAIM_LIMIT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) WISH_CLAIM_HOURS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) WISH_REMINDER_HOURS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) WISH_LAPSES_FOR_PAUSE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) WISH_LAPSE_WINDOW_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) WISH_PAUSE_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsNumber() @Min(0) WISH_CREDIT_HOURS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) WISH_CREDIT_POINTS?: number;
  // Network edges (listen address, proxies): checked in loadConfig
  @IsOptional() @IsString() HOST?: string;
  @IsOptional() @IsString() TRUST_PROXY?: string;
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  database: { type: 'mysql'; url: string } | { type: 'sqlite'; file: string };
  jwtSecret: string;
  demoMode: boolean;
  wechat: {
    appId: string;
    secret: string;
    /** null → demo mode mounts the fake WeChat server on this process and uses it */
    apiBase: string | null;
    /** credentials were set explicitly, so QR codes come from getwxacodeunlimit */
    credentialsConfigured: boolean;
    /** subscribe-message template (id and keys) by purpose: the demo ones, overridden by WECHAT_TEMPLATES */
    templates: Record<TemplatePurpose, TemplateSpec>;
  };
  publicUrl: string | null;
  uploadDir: string;
  h5Dir: string;
  logLevel: string;
  jobsEnabled: boolean;
  dbPoolSize: number;
  /** logins per minute per client */
  loginRateLimit: number;
  /** requests per minute per user (or per address when not signed in) */
  rateLimit: number;
  /** submissions (matters, wishes, sign-ups) per minute per user */
  submitRateLimit: number;
  /** apply pending MySQL migrations before serving (MIGRATE_ON_START) */
  migrateOnStart: boolean;
  /** run every scheduled job at this interval instead of its own (multi-process tests, demos) */
  jobsEveryMs: number | null;
  /** REDIS_URL: rate limits and WeChat's access token shared by every process; null → each process keeps its own */
  redisUrl: string | null;
  /** S3_*: photos and QR codes in S3-compatible object storage; null → on local disk in uploadDir */
  s3: S3Settings | null;
  wishes: WishRules;
  tickets: TicketRules;
  open311: { /** the jurisdiction_id this server answers for (OPEN311_JURISDICTION) */ jurisdictionId: string };
  /** the address to listen on (HOST) */
  host: string;
  /**
   * proxies whose X-Forwarded-For is believed (TRUST_PROXY: addresses, CIDRs or proxy-addr's loopback /
   * linklocal / uniquelocal); empty → the header is ignored and the client is the socket's address
   */
  trustProxy: string[];
}

/** S3-compatible object storage (AWS S3, MinIO, Tencent COS, Aliyun OSS, …). */
export interface S3Settings {
  /** null → AWS's own endpoint for the region */
  endpoint: string | null;
  bucket: string;
  region: string;
  /** both null → the AWS SDK's default credential chain (instance role, environment) */
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** bucket in the path (http://host/bucket/key) rather than the host name; most self-hosted stores need it */
  forcePathStyle: boolean;
  /** where public files are read from directly (a CDN or public-read bucket); null → this server serves /uploads/ from the bucket */
  publicUrl: string | null;
}

/** 码上办 rules. */
export interface TicketRules {
  /** GPS check-in must be within this many metres of the point, when it has coordinates (TICKET_CHECKIN_RADIUS_M) */
  checkinRadiusMetres: number;
}

/** 微心愿 rules (WISH_*). */
export interface WishRules {
  /** 心愿预估价值上限, yuan */
  valueCap: number;
  /** wishes a volunteer may hold at once (claimed + awaiting confirmation) */
  claimLimit: number;
  claimHours: number;
  reminderHours: number;
  lapsesForPause: number;
  lapseWindowDays: number;
  pauseDays: number;
  /** credited to the volunteer's ledger when a wish is confirmed */
  creditHours: number;
  creditPoints: number;
}

export class ConfigError extends Error {}

const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // An empty variable (FOO=) counts as unset, so an .env template with blanks falls back to defaults.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const raw = plainToInstance(EnvSchema, present, { enableImplicitConversion: false });
  const errors = validateSync(raw, { skipMissingProperties: false, whitelist: false });
  if (errors.length) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const nodeEnv = (raw.NODE_ENV ?? 'development') as AppConfig['nodeEnv'];
  const isProduction = nodeEnv === 'production';

  if (isProduction && raw.DEMO_MODE === true) {
    throw new ConfigError('DEMO_MODE cannot be on when NODE_ENV=production: demo personas would let anyone log in as staff.');
  }
  const demoMode = isProduction ? false : raw.DEMO_MODE ?? true;

  const jwtSecret = raw.JWT_SECRET ?? (isProduction ? undefined : DEMO_JWT_SECRET);
  if (!jwtSecret || (isProduction && jwtSecret === DEMO_JWT_SECRET)) {
    throw new ConfigError('JWT_SECRET must be set to a private value of at least 16 characters when NODE_ENV=production.');
  }

  const credentialsConfigured = !!(raw.WECHAT_APPID && raw.WECHAT_SECRET);
  if (isProduction && !credentialsConfigured) {
    throw new ConfigError('WECHAT_APPID and WECHAT_SECRET must be set when NODE_ENV=production.');
  }

  const templates = parseTemplates(raw.WECHAT_TEMPLATES);
  const demoIds = Object.entries(templates).filter(([, t]) => t.id.startsWith(DEMO_TEMPLATE_PREFIX)).map(([p]) => p);
  if (isProduction && demoIds.length) {
    throw new ConfigError(`WECHAT_TEMPLATES must give a real template id (from the mini-program console) for every purpose when NODE_ENV=production; still demo ids: ${demoIds.join(', ')}`);
  }

  const dbUrl = raw.DATABASE_URL ?? (isProduction ? undefined : 'sqlite:data/linli.sqlite');
  if (!dbUrl) throw new ConfigError('DATABASE_URL must be set when NODE_ENV=production (mysql://user:pass@host:3306/db).');

  return {
    nodeEnv,
    isProduction,
    port: raw.PORT ?? 3000,
    database: parseDatabaseUrl(dbUrl),
    jwtSecret,
    demoMode,
    wechat: {
      appId: raw.WECHAT_APPID ?? DEMO_WECHAT_APPID,
      secret: raw.WECHAT_SECRET ?? DEMO_WECHAT_SECRET,
      apiBase: raw.WECHAT_API_BASE ?? (demoMode ? null : 'https://api.weixin.qq.com'),
      credentialsConfigured,
      templates,
    },
    publicUrl: raw.PUBLIC_URL ?? null,
    uploadDir: path.resolve(repoRoot, raw.UPLOAD_DIR ?? 'data/uploads'),
    h5Dir: path.resolve(repoRoot, raw.H5_DIR ?? 'dist/h5'),
    // Development keeps the terminal readable for `npm start`; production logs every request as JSON.
    logLevel: raw.LOG_LEVEL ?? (isProduction ? 'info' : 'warn'),
    jobsEnabled: raw.JOBS_ENABLED ?? nodeEnv !== 'test',
    dbPoolSize: raw.DB_POOL_SIZE ?? 20,
    loginRateLimit: raw.LOGIN_RATE_LIMIT ?? 10,
    rateLimit: raw.RATE_LIMIT ?? 600,
    submitRateLimit: raw.SUBMIT_RATE_LIMIT ?? 20,
    jobsEveryMs: raw.JOBS_EVERY_MS ?? null,
    migrateOnStart: raw.MIGRATE_ON_START ?? false,
    redisUrl: parseRedisUrl(raw.REDIS_URL),
    s3: parseS3(raw),
    wishes: {
      valueCap: raw.WISH_VALUE_CAP ?? 500,
      claimLimit: raw.WISH_CLAIM_LIMIT ?? 3,
      claimHours: raw.WISH_CLAIM_HOURS ?? 7 * 24,
      reminderHours: raw.WISH_REMINDER_HOURS ?? 24,
      lapsesForPause: raw.WISH_LAPSES_FOR_PAUSE ?? 2,
      lapseWindowDays: raw.WISH_LAPSE_WINDOW_DAYS ?? 90,
      pauseDays: raw.WISH_PAUSE_DAYS ?? 30,
      creditHours: raw.WISH_CREDIT_HOURS ?? 2,
      creditPoints: raw.WISH_CREDIT_POINTS ?? 10,
    },
    tickets: { checkinRadiusMetres: raw.TICKET_CHECKIN_RADIUS_M ?? 150 },
    open311: { jurisdictionId: raw.OPEN311_JURISDICTION ?? 'linli.caohu' },
    host: parseHost(raw.HOST),
    trustProxy: parseTrustProxy(raw.TRUST_PROXY),
  };
}

/** HOST: where to listen; 0.0.0.0 (every IPv4 interface) as before, 127.0.0.1 behind a proxy on the same machine. */
function parseHost(value: string | undefined): string {
  const host = value?.trim() || '0.0.0.0';
  if (!isIP(host) && !/^[A-Za-z0-9.-]{1,253}$/.test(host)) throw new ConfigError(`HOST must be an address such as 0.0.0.0, 127.0.0.1 or :: (got "${host}")`);
  return host;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY="127.0.0.1,10.0.0.0/8": only a request whose socket comes from one of these has its X-Forwarded-For
 * read. `true` (believe everyone) is refused: any client could then pick its own address and dodge the rate limits.
 */
function parseTrustProxy(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [addr, bits, extra] = entry.split('/');
    const family = isIP(addr);
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (PROXY_NAMES.includes(entry)) continue;
    if (!family || !bitsOk || extra !== undefined) {
      throw new ConfigError(`TRUST_PROXY must list proxy addresses or CIDRs separated by commas (e.g. 127.0.0.1,10.0.0.0/8) or ${PROXY_NAMES.join('/')}; "${entry}" is not one`);
    }
  }
  return entries;
}

/**
 * WECHAT_TEMPLATES='{"ticket_progress":"<id>"}' or '{"ticket_progress":{"id":"<id>","keys":{"character_string1":"character_string",…}}}':
 * a bare id keeps the default keys. A typo in a purpose or a key type would silently send nothing, so both are refused.
 */
function parseTemplates(json: string | undefined): Record<TemplatePurpose, TemplateSpec> {
  const defaults = Object.fromEntries(Object.entries(DEFAULT_TEMPLATES).map(([p, t]) => [p, { id: t.id, keys: { ...t.keys } }])) as unknown as Record<TemplatePurpose, TemplateSpec>;
  if (!json) return defaults;
  const usage = `WECHAT_TEMPLATES must be a JSON object of template ids (or {"id","keys"}) by purpose, e.g. {"ticket_progress":"…"}; purposes: ${Object.keys(DEFAULT_TEMPLATES).join(', ')}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError(`${usage} (it is not valid JSON)`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(usage);
  const out = { ...defaults };
  for (const [purpose, value] of Object.entries(parsed)) {
    if (!(purpose in DEFAULT_TEMPLATES)) throw new ConfigError(`${usage} (unknown purpose "${purpose}")`);
    const spec = typeof value === 'string' ? { id: value, keys: defaults[purpose as TemplatePurpose].keys } : value;
    if (!spec || typeof spec !== 'object' || typeof spec.id !== 'string' || !spec.id.trim() || spec.id.length > 64) {
      throw new ConfigError(`${usage} (the id for "${purpose}" must be a non-empty string of at most 64 characters)`);
    }
    const keys = spec.keys ?? defaults[purpose as TemplatePurpose].keys;
    if (!keys || typeof keys !== 'object' || Array.isArray(keys) || !Object.keys(keys).length) throw new ConfigError(`${usage} (the keys for "${purpose}" must be an object such as {"thing1":"thing"})`);
    for (const [key, type] of Object.entries(keys)) {
      if (!/^[a-z_]+\d+$/.test(key) || !(KEY_TYPES as readonly string[]).includes(type as string)) {
        throw new ConfigError(`${usage} (key "${key}" of "${purpose}" must look like thing1 and have one of the types ${KEY_TYPES.join(', ')})`);
      }
    }
    out[purpose as TemplatePurpose] = { id: spec.id.trim(), keys: keys as TemplateSpec['keys'] };
  }
  return out;
}

export function parseDatabaseUrl(url: string): AppConfig['database'] {
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    return { type: 'mysql', url: url.replace(/^mariadb:/, 'mysql:') };
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { type: 'sqlite', file: file === ':memory:' ? file : path.resolve(repoRoot, file) };
  }
  throw new ConfigError(`DATABASE_URL must start with mysql:// or sqlite: (got "${url.split(':')[0]}:")`);
}

/** REDIS_URL=redis://[:password@]host:6379[/db] (rediss:// for TLS). */
function parseRedisUrl(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('REDIS_URL must be a URL such as redis://127.0.0.1:6379/0');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError(`REDIS_URL must start with redis:// or rediss:// (got "${url.protocol}")`);
  return value;
}

/** Any S3_* setting turns object storage on; then the bucket is required and the two keys come together. */
function parseS3(raw: EnvSchema): S3Settings | null {
  const any = [raw.S3_ENDPOINT, raw.S3_BUCKET, raw.S3_REGION, raw.S3_ACCESS_KEY_ID, raw.S3_SECRET_ACCESS_KEY, raw.S3_FORCE_PATH_STYLE, raw.S3_PUBLIC_URL].some((v) => v !== undefined);
  if (!any) return null;
  if (!raw.S3_BUCKET) throw new ConfigError('S3_BUCKET must be set when any S3_* setting is (photos and QR codes go to that bucket).');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(raw.S3_BUCKET)) throw new ConfigError(`S3_BUCKET must be a bucket name: 3–63 lower-case letters, digits, dots or dashes (got "${raw.S3_BUCKET}")`);
  if (!raw.S3_ACCESS_KEY_ID !== !raw.S3_SECRET_ACCESS_KEY) throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together (or both left out for the default credential chain).');
  return {
    endpoint: raw.S3_ENDPOINT ?? null,
    bucket: raw.S3_BUCKET,
    region: raw.S3_REGION ?? 'us-east-1',
    accessKeyId: raw.S3_ACCESS_KEY_ID ?? null,
    secretAccessKey: raw.S3_SECRET_ACCESS_KEY ?? null,
    // A self-hosted endpoint rarely has a wildcard DNS name per bucket; AWS itself prefers virtual hosts.
    forcePathStyle: raw.S3_FORCE_PATH_STYLE ?? !!raw.S3_ENDPOINT,
    publicUrl: raw.S3_PUBLIC_URL ? raw.S3_PUBLIC_URL.replace(/\/$/, '') : null,
  };
}
