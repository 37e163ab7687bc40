import type { Role } from '@linli/domain';

/** Who you can be in demo mode. The seed creates these users; demo login looks them up by key. */
export interface DemoPersona {
  key: string;
  name: string;
  title: string;
  description: string;
  roles: Role[];
  phone: string;
}

export const DEMO_PERSONAS: DemoPersona[] = [
  { key: 'resident', name: '张秀英', title: '居民', description: '漕湖花园二社区居民，扫码反映问题、报名活动', roles: ['resident'], phone: '13812341234' },
  { key: 'volunteer', name: '李建国', title: '党员志愿者', description: '漕湖花园二社区第一党支部，认领微心愿、参加志愿服务', roles: ['resident', 'volunteer'], phone: '13912345678' },
  { key: 'grid_worker', name: '王芳', title: '网格员', description: '负责漕湖花园二社区第一网格，签收处置诉求、录入心愿', roles: ['grid_worker'], phone: '13700001111' },
  { key: 'staff', name: '陈主任', title: '社区工作人员', description: '漕湖街道工作人员，派单督办、审核心愿、组织活动', roles: ['staff'], phone: '13600002222' },
  { key: 'admin', name: '系统管理员', title: '管理员', description: '管理点位、分类、账号与角色', roles: ['admin', 'staff'], phone: '13500003333' },
];
