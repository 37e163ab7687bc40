import { Inject, Injectable } from '@nestjs/common';
import * as bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/app.config';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { WechatClient } from '../wechat/wechat.client';
import { toAppError } from '../wechat/wechat.module';
import { DEMO_PERSONAS } from './demo-personas';
import { MeService, UserView } from './me.service';
import { IssuedTokens, revokeSessions, SessionsService } from './sessions';
import { TransactionService } from '../../database/transaction.service';

/** `accessToken` (an hour) with `expiresAt`, and `refreshToken` to renew it (see sessions.ts for the lifetimes). */
export interface LoginResult extends IssuedTokens {
  user: UserView;
}

/** A hash to compare against when the username is unknown, so timing does not reveal which usernames exist. */
const DUMMY_HASH = bcrypt.hashSync('linli-not-a-password', 10);

@Injectable()
export class AuthService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly tx: TransactionService,
    private readonly users: UsersService,
    private readonly wechat: WechatClient,
    private readonly me: MeService,
  ) {}

  async wechatLogin(code: string): Promise<LoginResult> {
    let session;
    try {
      session = await this.wechat.code2Session(code);
    } catch (err) {
      throw toAppError(err);
    }
    const user = await this.users.findOrCreateByOpenid(session.openid, session.unionid);
    return this.issue(user);
  }

  async passwordLogin(username: string, password: string): Promise<LoginResult> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { username } });
    const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !user.passwordHash || !ok) throw new AppError('AUTH_BAD_CREDENTIALS');
    return this.issue(user);
  }

  demoPersonas() {
    this.requireDemo();
    return DEMO_PERSONAS.map(({ key, name, title, description, roles }) => ({ key, name, title, description, roles }));
  }

  async demoLogin(persona: string): Promise<LoginResult> {
    this.requireDemo();
    const user = await this.dataSource.getRepository(User).findOne({ where: { demoKey: persona } });
    if (!user) throw new AppError('NOT_FOUND', '演示账号尚未初始化，请重启服务以写入演示数据');
    return this.issue(user);
  }

  /** Answers a new sign-in, and ends the one that asked (the client adopts the new pair). */
  async bindPhone(userId: number, code: string, sessionId?: string): Promise<LoginResult> {
    let info;
    try {
      info = await this.wechat.getUserPhoneNumber(code);
    } catch (err) {
      throw toAppError(err);
    }
    const user = await this.users.bindPhone(userId, info.purePhoneNumber);
    // Binding may merge this WeChat account into an earlier phone-only one: the old account's sign-ins end here.
    if (user.id !== userId) await this.tx.run((em) => revokeSessions(em, userId, 'role_change'));
    else if (sessionId) await this.sessions.end(sessionId, 'logout');
    return this.issue(user);
  }

  async issue(user: Pick<User, 'id'>): Promise<LoginResult> {
    const tokens = await this.sessions.start(user.id);
    return { ...tokens, user: await this.me.view(user.id) };
  }

  renew(refreshToken: string): Promise<IssuedTokens> {
    return this.sessions.renew(refreshToken);
  }

  logout(refreshToken: string | undefined): Promise<void> {
    return this.sessions.logout(refreshToken);
  }

  private requireDemo() {
    if (!this.config.demoMode) throw new AppError('AUTH_DEMO_DISABLED');
  }
}
