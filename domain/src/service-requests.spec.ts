import { allTransitions, IllegalTransitionError, nextState } from './state-machine';
import { ERROR_MESSAGES } from './error-codes';
import {
  open311Status,
  shanghaiDay,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  TICKET_STATUS_LABELS,
  TICKET_TRANSITIONS,
  TicketAction,
  TicketStatus,
  ticketActions,
  ticketNumber,
  checkTicketAttributes,
} from './service-requests';

/** The lifecycle exactly as issue #3 writes it. */
const EXPECTED: Array<[TicketStatus, TicketAction, TicketStatus]> = [
  ['submitted', 'accept', 'accepted'],
  ['submitted', 'reject', 'rejected'],
  ['submitted', 'merge', 'merged'],
  ['accepted', 'dispatch', 'dispatched'],
  ['dispatched', 'sign', 'signed'],
  ['dispatched', 'return', 'returned'],
  ['returned', 'dispatch', 'dispatched'],
  ['signed', 'check_in', 'on_site'],
  ['on_site', 'resolve', 'resolved'],
  ['resolved', 'confirm', 'closed'],
  ['resolved', 'reopen', 'reopened'],
  ['closed', 'rate', 'rated'],
  ['closed', 'reopen', 'reopened'],
  ['reopened', 'dispatch', 'dispatched'],
  // 改派 was a move written by hand beside the table; it is a row of the table now, so it goes through the same layer.
  ['dispatched', 'reassign', 'dispatched'],
  ['signed', 'reassign', 'dispatched'],
  ['on_site', 'reassign', 'dispatched'],
];

describe('码上办 ticket lifecycle', () => {
  it.each(EXPECTED)('should allow %s --%s--> %s', (from, action, to) => {
    expect(nextState(TICKET_TRANSITIONS, from, action)).toBe(to);
  });

  it('should contain no transitions beyond the issue’s table', () => {
    const actual = allTransitions(TICKET_TRANSITIONS).map((t) => `${t.from}:${t.action}:${t.to}`).sort();
    expect(actual).toEqual(EXPECTED.map(([f, a, t]) => `${f}:${a}:${t}`).sort());
  });

  it('should refuse every other (state, action) pair with IllegalTransitionError', () => {
    const legal = new Set(EXPECTED.map(([f, a]) => `${f}:${a}`));
    let refused = 0;
    for (const from of TICKET_STATUSES) {
      for (const action of TICKET_ACTIONS) {
        if (legal.has(`${from}:${action}`)) continue;
        expect(() => nextState(TICKET_TRANSITIONS, from, action)).toThrow(IllegalTransitionError);
        refused++;
      }
    }
    expect(refused).toBe(TICKET_STATUSES.length * TICKET_ACTIONS.length - EXPECTED.length);
  });

  it('should label every status in Chinese', () => {
    for (const s of TICKET_STATUSES) expect(TICKET_STATUS_LABELS[s]).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('should offer the resident confirm/reopen on a resolved ticket and nothing to a stranger', () => {
    expect(ticketActions('resolved', ['resident', 'owner']).map((a) => a.action)).toEqual(['confirm', 'reopen']);
    expect(ticketActions('resolved', ['resident']).map((a) => a.action)).toEqual([]);
    expect(ticketActions('resolved', ['grid_worker']).map((a) => a.action)).toEqual([]);
  });

  it('should offer sign/return only to grid workers and dispatch only to staff', () => {
    expect(ticketActions('dispatched', ['grid_worker']).map((a) => a.action)).toEqual(['sign', 'return']);
    expect(ticketActions('dispatched', ['resident', 'owner']).map((a) => a.action)).toEqual([]);
    expect(ticketActions('submitted', ['staff']).map((a) => a.action)).toEqual(['accept', 'reject', 'merge']);
    expect(ticketActions('returned', ['grid_worker']).map((a) => a.action)).toEqual([]);
  });

  it('should drop reopen from a closed ticket after 7 days', () => {
    const closedAt = new Date('2026-11-01T00:00:00Z');
    expect(ticketActions('closed', ['resident', 'owner'], { closedAt, now: new Date('2026-11-07T23:00:00Z') }).map((a) => a.action)).toEqual(['rate', 'reopen']);
    expect(ticketActions('closed', ['resident', 'owner'], { closedAt, now: new Date('2026-11-08T00:00:01Z') }).map((a) => a.action)).toEqual(['rate']);
  });

  it('should number tickets by the Shanghai date', () => {
    expect(shanghaiDay(new Date('2026-11-27T16:30:00Z'))).toBe('20261128');
    expect(shanghaiDay(new Date('2026-11-27T15:59:59Z'))).toBe('20261127');
    expect(ticketNumber('20261128', 42)).toBe('MSB-20261128-0042');
  });

  it('should map statuses to Open311 open/closed', () => {
    expect(open311Status('on_site')).toBe('open');
    expect(open311Status('reopened')).toBe('open');
    expect(open311Status('resolved')).toBe('closed');
    expect(open311Status('rejected')).toBe('closed');
  });

  it('should register Chinese messages for its error codes', () => {
    expect(ERROR_MESSAGES.TICKET_REOPEN_EXPIRED).toContain('7 天');
  });
});

describe('a category’s extra questions', () => {
  const questions = [
    { code: 'facility', datatype: 'singlevaluelist', description: '设施类型', required: true, order: 1, values: [{ key: 'light', name: '路灯' }, { key: 'lift', name: '电梯' }] },
    { code: 'parts', datatype: 'multivaluelist', description: '损坏部位', required: false, order: 2, values: [{ key: 'door', name: '门' }, { key: 'button', name: '按钮' }] },
    { code: 'count', datatype: 'number', description: '数量', required: false, order: 3 },
    { code: 'happened_at', datatype: 'datetime', description: '发生时间', required: false, order: 4 },
    { code: 'pile_no', datatype: 'string', description: '编号', required: false, order: 5 },
  ] as const;

  it('should clean every type of answer the same way on both sides', () => {
    const r = checkTicketAttributes(questions as any, { facility: 'lift', parts: ['door', 'door'], count: '2', happened_at: '2026-12-02T10:00:00+08:00', pile_no: ' A-3 ' });
    expect(r.problems).toEqual({});
    expect(r.cleaned).toEqual({ facility: 'lift', parts: ['door'], count: 2, happened_at: '2026-12-02T02:00:00.000Z', pile_no: ' A-3 ' });
  });

  it('should name each wrong or missing answer by its question, and leave optional ones out', () => {
    expect(checkTicketAttributes(questions as any, {}).problems).toEqual({ facility: '请填写设施类型' });
    const r = checkTicketAttributes(questions as any, { facility: 'roof', parts: ['x'], count: 'many', happened_at: 'soon', pile_no: { a: 1 }, extra: 1 });
    expect(r.problems).toEqual({
      extra: '未知的补充问题 extra',
      facility: '设施类型的选项无效',
      parts: '损坏部位的选项无效',
      count: '数量须为数字',
      happened_at: '发生时间须为日期时间',
      pile_no: '编号须为文字',
    });
  });
});
