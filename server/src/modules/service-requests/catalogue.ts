import type { TicketAttribute } from '@linli/domain';

/** The seeded catalogue (issue #3). Hours follow 12345's common 1/3/5-working-day tiers, shortened for a grid. */
/** signForHours: how long a dispatched matter may wait to be signed for (the urgent ones 2 h, the rest within a working half-day or day). */
export const SEED_CATEGORIES: Array<{ code: string; name: string; icon: string; hint: string; slaHours: number; signForHours: number; attributes: TicketAttribute[] }> = [
  { code: 'sanitation', name: '环境卫生', icon: '🧹', hint: '垃圾堆放、污水、卫生死角等，请拍下现场', slaHours: 24, signForHours: 4, attributes: [] },
  {
    code: 'repair', name: '设施报修', icon: '🔧', hint: '路灯、门禁、电梯、座椅等公共设施损坏', slaHours: 48, signForHours: 4,
    attributes: [{ code: 'facility', datatype: 'singlevaluelist', description: '设施类型', required: false, order: 1, values: [{ key: 'light', name: '路灯' }, { key: 'door', name: '门禁' }, { key: 'lift', name: '电梯' }, { key: 'bench', name: '座椅' }, { key: 'other', name: '其他' }] }],
  },
  {
    code: 'charging', name: '充电设施', icon: '🔌', hint: '充电桩故障、充电口被占用等', slaHours: 24, signForHours: 4,
    attributes: [{ code: 'pile_no', datatype: 'string', description: '充电桩编号', required: false, order: 1 }],
  },
  { code: 'high_throw', name: '高空抛物', icon: '⚠️', hint: '请注明楼层位置和时间，注意自身安全', slaHours: 12, signForHours: 2, attributes: [{ code: 'happened_at', datatype: 'datetime', description: '发生时间', required: false, order: 1 }] },
  { code: 'ebike_indoor', name: '电动车进楼道', icon: '🛵', hint: '电动车停放、充电进楼道或入户，存在火灾隐患', slaHours: 12, signForHours: 2, attributes: [{ code: 'count', datatype: 'number', description: '车辆数量', required: false, order: 1 }] },
  { code: 'dispute', name: '邻里纠纷', icon: '🤝', hint: '噪音、漏水、占道等邻里矛盾，网格员上门调解', slaHours: 72, signForHours: 8, attributes: [] },
  { code: 'policy', name: '政策咨询', icon: '📄', hint: '社保、养老、拆迁安置等政策问题', slaHours: 72, signForHours: 8, attributes: [] },
  { code: 'other', name: '其他', icon: '💬', hint: '其他需要社区帮忙的事', slaHours: 72, signForHours: 8, attributes: [] },
];

/** In demo mode this key is seeded so any Open311 client can be tried against `npm start`. */
export const DEMO_OPEN311_KEY = 'linli-demo-open311-key';
