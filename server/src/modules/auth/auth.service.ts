import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
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

export interface LoginResult {
  accessToken: string;
  user: UserView;
}

/** A hash to compare against when the username is unknown, so timing does not reveal which usernames exist. */
const DUMMY_HASH = bcrypt.hashSync('linli-not-a-password', 10);

@Injectable()
export class AuthService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
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

  async bindPhone(userId: number, code: string): Promise<LoginResult> {
    let info;
    try {
      info = await this.wechat.getUserPhoneNumber(code);
    } catch (err) {
      throw toAppError(err);
    }
    const user = await this.users.bindPhone(userId, info.purePhoneNumber);
    return this.issue(user);
  }

  async issue(user: User): Promise<LoginResult> {
    const accessToken = this.sign(user);
    return { accessToken, user: await this.me.view(user.id) };
  }

  /** The token says who; the roles are read per request (AuthGuard), so none are put in it. */
  sign(user: Pick<User, 'id'>): string {
    return this.jwt.sign({ sub: user.id });
  }

  private requireDemo() {
    if (!this.config.demoMode) throw new AppError('AUTH_DEMO_DISABLED');
  }
}
