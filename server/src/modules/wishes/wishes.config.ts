import { Inject } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig, WishRules } from '../../config/app.config';

/**
 * 微心愿 rules a street office may tune (WISH_* in the environment), validated at boot with the rest of the config
 * (`config/app.config.ts`). The module provides them under this token so the flow's code names only its own knobs.
 */
export const WISH_RULES = Symbol('WISH_RULES');
export type { WishRules };

export const wishRulesProvider = { provide: WISH_RULES, inject: [APP_CONFIG], useFactory: (c: AppConfig): WishRules => c.wishes };

/** `@InjectWishRules() private readonly rules: WishRules` */
export const InjectWishRules = () => Inject(WISH_RULES);
