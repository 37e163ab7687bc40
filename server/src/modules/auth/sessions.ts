import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'crypto';
import { EntityManager, IsNull, Not } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { insertRow } from '../../database/insert';
import { TransactionService } from '../../database/transaction.service';
import { RefreshToken } from './refresh-token.entity';

/**
 * An access token lives an hour. The guard reads the roles on every request, so a role removed takes effect on the
 * next request whatever the token's age; the hour only bounds how long a copied access token (a shared phone, a
 * leaked log) keeps working after logout. An hour keeps renewals to a few per working session, so a slow network is
 * rarely asked for one mid-form.
 */
export const ACCESS_TOKEN_SECONDS = 60 * 60;
/**
 * A refresh token lives 30 days from its last use, and each use replaces it. Elders sign in rarely and the weapp signs
 * in silently anyway; a phone left unused for a month signs in again.
 */
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 60 * 60;

export type RevokeReason = 'logout' | 'reuse' | 'role_change';

export interface IssuedTokens {
  accessToken: string;
  /** when the access token stops working (ISO) */
  expiresAt: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const REFRESH_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Takes back every sign-in of a person (refresh tokens; their access tokens run out within the hour, and the roles in
 * them were never trusted), in the caller's transaction. `keepFamily`: the sign-in the person is using to change their
 * own role stays, so accepting an invite does not sign them out.
 */
export async function revokeSessions(em: EntityManager, userId: number, reason: RevokeReason, keepFamily?: string | null): Promise<void> {
  const where = { userId, revokedAt: IsNull(), ...(keepFamily ? { familyId: Not(keepFamily) } : {}) };
  await em.update(RefreshToken, where, { revokedAt: new Date(), revokeReason: reason });
}

@Injectable()
export class SessionsService {
  constructor(
    @Inject(JwtService) private readonly jwt: JwtService,
    private readonly tx: TransactionService,
  ) {}

  /** A new sign-in: a new family with its first refresh token. */
  async start(userId: number): Promise<IssuedTokens> {
    const familyId = randomBytes(16).toString('hex');
    return this.tx.run((em) => this.issue(em, userId, familyId));
  }

  /**
   * Exchanges a refresh token for a new pair. The conditional UPDATE is the exchange: of two concurrent renewals with
   * one token only one marks it used; the other — and anyone presenting it later — is reuse, which revokes the family.
   */
  async renew(refreshToken: unknown): Promise<IssuedTokens> {
    if (typeof refreshToken !== 'string' || !REFRESH_PATTERN.test(refreshToken)) throw expired();
    const tokenHash = hashToken(refreshToken);
    const outcome = await this.tx.run(async (em) => {
      const row = await em.findOne(RefreshToken, { where: { tokenHash } });
      if (!row || row.revokedAt) return null;
      const now = new Date();
      if (row.usedAt) {
        await em.update(RefreshToken, { familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: now, revokeReason: 'reuse' });
        return 'reuse' as const;
      }
      if (row.expiresAt.getTime() <= now.getTime()) return null;
      const taken = await em.createQueryBuilder().update(RefreshToken).set({ usedAt: now }).where('id = :id AND usedAt IS NULL AND revokedAt IS NULL', { id: row.id }).execute();
      if (!taken.affected) {
        await em.update(RefreshToken, { familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: now, revokeReason: 'reuse' });
        return 'reuse' as const;
      }
      return this.issue(em, row.userId, row.familyId);
    });
    // The revocation above is committed before this refusal.
    if (!outcome || outcome === 'reuse') throw expired();
    return outcome;
  }

  /** Ends the sign-in the refresh token belongs to (whatever state the token is in). Unknown tokens are ignored. */
  async logout(refreshToken: unknown): Promise<void> {
    if (typeof refreshToken !== 'string' || !REFRESH_PATTERN.test(refreshToken)) return;
    await this.tx.run(async (em) => {
      const row = await em.findOne(RefreshToken, { where: { tokenHash: hashToken(refreshToken) } });
      if (row) await em.update(RefreshToken, { familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: new Date(), revokeReason: 'logout' });
    });
  }

  /** Ends one sign-in by its family id (the access token's `sid`). */
  async end(familyId: string, reason: RevokeReason): Promise<void> {
    await this.tx.run((em) => em.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date(), revokeReason: reason }));
  }

  private async issue(em: EntityManager, userId: number, familyId: string): Promise<IssuedTokens> {
    const refreshToken = randomBytes(32).toString('base64url');
    const now = Date.now();
    const refreshExpiresAt = new Date(now + REFRESH_TOKEN_SECONDS * 1000);
    await insertRow(em, RefreshToken, { userId, familyId, tokenHash: hashToken(refreshToken), expiresAt: refreshExpiresAt, usedAt: null, revokedAt: null, revokeReason: null });
    // The token says who and which sign-in; the roles are read per request (AuthGuard), so none are put in it.
    const accessToken = this.jwt.sign({ sub: userId, sid: familyId }, { expiresIn: ACCESS_TOKEN_SECONDS });
    return {
      accessToken,
      expiresAt: new Date(now + ACCESS_TOKEN_SECONDS * 1000).toISOString(),
      expiresIn: ACCESS_TOKEN_SECONDS,
      refreshToken,
      refreshExpiresAt: refreshExpiresAt.toISOString(),
    };
  }
}

const expired = () => new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
