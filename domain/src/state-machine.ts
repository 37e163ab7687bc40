/**
 * One generic finite state machine. Each stateful thing declares a transition table once
 * (state → action → next state + who may do it); the server enforces it and the client
 * reads the same table to decide which buttons to show.
 */
export interface TransitionRule<S extends string, R extends string = string> {
  to: S;
  /** Roles allowed to take this action. 'system' is the scheduler. 'owner' means the record's requester/claimer. */
  by: readonly (R | 'system' | 'owner')[];
  /** Needs a reason/note from the actor (reject, return, reopen…). */
  needsReason?: boolean;
  label: string;
}

export type TransitionTable<S extends string, A extends string, R extends string = string> = {
  readonly [state in S]: Partial<Record<A, TransitionRule<S, R>>>;
};

export class IllegalTransitionError extends Error {
  constructor(
    public readonly from: string,
    public readonly action: string,
  ) {
    super(`illegal transition: ${action} from ${from}`);
  }
}

export function nextState<S extends string, A extends string, R extends string>(
  table: TransitionTable<S, A, R>,
  from: S,
  action: A,
): S {
  const rule = table[from]?.[action];
  if (!rule) throw new IllegalTransitionError(from, action);
  return rule.to;
}

export function canTransition<S extends string, A extends string, R extends string>(
  table: TransitionTable<S, A, R>,
  from: S,
  action: A,
): boolean {
  return !!table[from]?.[action];
}

/**
 * Actions available from `state` to someone holding `roles` (plus 'owner' when isOwner).
 * The client uses this to draw buttons; the server still checks scope (which grid, which community).
 */
export function availableActions<S extends string, A extends string, R extends string>(
  table: TransitionTable<S, A, R>,
  state: S,
  roles: readonly string[],
  isOwner = false,
): A[] {
  const rules = table[state] ?? {};
  return (Object.keys(rules) as A[]).filter((action) => {
    const rule = rules[action] as TransitionRule<S, R>;
    return rule.by.some((who) => (who === 'owner' ? isOwner : (roles as string[]).includes(who)));
  });
}

export function allTransitions<S extends string, A extends string, R extends string>(
  table: TransitionTable<S, A, R>,
): Array<{ from: S; action: A; to: S }> {
  const out: Array<{ from: S; action: A; to: S }> = [];
  for (const from of Object.keys(table) as S[]) {
    for (const action of Object.keys(table[from]) as A[]) {
      out.push({ from, action, to: (table[from][action] as TransitionRule<S, R>).to });
    }
  }
  return out;
}
