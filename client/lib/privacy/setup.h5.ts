/** Browsers have no WeChat privacy gate; the guide page is still reachable from 我的. */
export function setupPrivacy(): void {}

export function openPrivacyContract(): void {}
