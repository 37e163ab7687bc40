import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { hasAnyRole, isRole, Role } from '@linli/domain';
import { AppError } from '../errors/app-error';
import { AuthUser, IS_PUBLIC, ROLES_KEY } from '../decorators/auth.decorators';
import { SIGNED_URL, SignedUrls } from '../signed-urls/signed-urls';

/**
 * The signed token says who someone is; what they may do is read from the database on every request (one primary-key
 * read), so a role removed by staff stops working on that person's next request, not when the token expires, and a
 * deleted account's token is worthless. Any server process still serves any user.
 * Public routes still read a token when one is sent, to personalise answers.
 * The token comes only in the Authorization header: a query string ends up in proxy logs. What an <Image> must load
 * without headers is reached by a signed URL instead (routes marked `@SignedUrlAccess()`, see signed-urls.ts).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SignedUrls) private readonly signedUrls: SignedUrls,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    const token = extractToken(req);
    let user: AuthUser | undefined;
    if (token) {
      let claims: { sub: number; sid?: unknown } | null = null;
      try {
        claims = this.jwt.verify<{ sub: number; sid?: unknown }>(token);
      } catch {
        claims = null;
      }
      // Outside the try: a database that is down answers 503, not "please log in again".
      if (claims) user = await this.current(Number(claims.sub), typeof claims.sid === 'string' ? claims.sid : undefined);
      if (!user && !isPublic) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
    } else if (this.reflector.getAllAndOverride<boolean>(SIGNED_URL, [ctx.getHandler(), ctx.getClass()])) {
      const signed = this.signedUrls.verify(String(req.url ?? ''));
      if (signed && (!signed.ok || !signed.userId)) throw new AppError('FORBIDDEN', '图片链接已失效，请刷新页面');
      if (signed?.ok && signed.userId) {
        user = await this.current(signed.userId);
        if (!user) throw new AppError('FORBIDDEN', '图片链接已失效，请刷新页面');
      }
    }
    req.user = user;
    if (isPublic) return true;
    if (!user) throw new AppError('UNAUTHENTICATED');
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (roles?.length && !hasAnyRole(user.roles, roles)) throw new AppError('FORBIDDEN');
    return true;
  }

  private async current(id: number, sessionId?: string): Promise<AuthUser | undefined> {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const row = await this.dataSource.getRepository<{ id: number; roles: unknown }>('User').findOne({ select: { id: true, roles: true }, where: { id } });
    if (!row) return undefined;
    const roles = Array.isArray(row.roles) ? row.roles : [];
    return { id: row.id, roles: roles.filter(isRole) as Role[], ...(sessionId ? { sessionId } : {}) };
  }
}

function extractToken(req: any): string | null {
  const header: string | undefined = req.headers?.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return null;
}
