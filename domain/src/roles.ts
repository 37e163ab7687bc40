export const ROLES = ['resident', 'volunteer', 'grid_worker', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  grid_worker: '网格员',
  staff: '工作人员',
  admin: '管理员',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles that may see a full phone number of someone they serve. Every reveal is still audited. */
export const PHONE_VISIBLE_ROLES: readonly Role[] = ['grid_worker', 'staff', 'admin'];

export function hasAnyRole(roles: readonly string[] | undefined, wanted: readonly Role[]): boolean {
  return !!roles && roles.some((r) => (wanted as readonly string[]).includes(r));
}

/** The role someone acts in when no narrower standing applies: the strongest they hold. Audit rows record it. */
export function primaryRole(roles: readonly string[] | undefined): Role {
  for (const r of ['admin', 'staff', 'grid_worker', 'volunteer'] as const) if (roles?.includes(r)) return r;
  return 'resident';
}
