import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { hasAnyRole, isRole, Role } from '@linli/domain';
import { AppError } from '../errors/app-error';
import { AuthUser, IS_PUBLIC, ROLES_KEY } from '../decorators/auth.decorators';

/**
 * Stateless sessions: the signed token carries the user id and roles, so any server process serves any user.
 * Public routes still read a token when one is sent, to personalise answers.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JwtService) private readonly jwt: JwtService,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()]);
    const token = extractToken(req);
    let user: AuthUser | undefined;
    if (token) {
      try {
        const payload = this.jwt.verify<{ sub: number; roles: string[] }>(token);
        user = { id: Number(payload.sub), roles: (payload.roles ?? []).filter(isRole) as Role[] };
      } catch {
        if (!isPublic) throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
      }
    }
    req.user = user;
    if (isPublic) return true;
    if (!user) throw new AppError('UNAUTHENTICATED');
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (roles?.length && !hasAnyRole(user.roles, roles)) throw new AppError('FORBIDDEN');
    return true;
  }
}

function extractToken(req: any): string | null {
  const header: string | undefined = req.headers?.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  // <Image src> cannot send headers; QR code images accept ?token= instead.
  const q = req.query?.token;
  return typeof q === 'string' && q ? q : null;
}
