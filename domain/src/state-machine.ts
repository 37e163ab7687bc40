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
  /** How the button looks: the main move, a plain one, or one that takes something away. Default 'default'. */
  tone?: ActionTone;
  /**
   * Asked before an irreversible or scarce move (claim, cancel, reject): the client shows it in a confirmation
   * dialog and acts only on 确定.
   */
  confirm?: string;
}

export type ActionTone = 'primary' | 'default' | 'danger';

/** One button, as the server sends it in every detail's `actions` and the client's ActionBar draws it. */
export interface ActionView<A extends string = string> {
  action: A;
  label: string;
  needsReason: boolean;
  tone: ActionTone;
  confirm?: string;
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

/**
 * The moves someone may make from `state`, given their standing towards the record: the `by` entries they hold
 * for it ('owner', 'grid_worker' of its grid, 'staff' of its community…). The server computes the standing with
 * the same scope hook it enforces, so a button is shown exactly when the move would be accepted.
 */
export function actionViews<S extends string, A extends string, R extends string>(
  table: TransitionTable<S, A, R>,
  state: S,
  standing: readonly string[],
  allow: (action: A) => boolean = () => true,
): ActionView<A>[] {
  const rules = table[state] ?? {};
  return (Object.keys(rules) as A[])
    .filter((action) => (rules[action] as TransitionRule<S, R>).by.some((who) => who !== 'system' && standing.includes(who)))
    .filter(allow)
    .map((action) => toView(action, rules[action] as TransitionRule<S, R>));
}

function toView<A extends string>(action: A, rule: TransitionRule<string, string>): ActionView<A> {
  const v: ActionView<A> = { action, label: rule.label, needsReason: !!rule.needsReason, tone: rule.tone ?? 'default' };
  if (rule.confirm) v.confirm = rule.confirm;
  return v;
}

/** The rule for `action` from `from`, or undefined when the table has no such move. */
export function ruleFor<S extends string, A extends string, R extends string>(
  table: TransitionTable<S, A, R>,
  from: S,
  action: A,
): TransitionRule<S, R> | undefined {
  return table[from]?.[action] as TransitionRule<S, R> | undefined;
}

/** Every role named in the table for `action`, from any state: the roles that may ever take it. */
export function rolesFor<S extends string, A extends string, R extends string>(table: TransitionTable<S, A, R>, action: A): readonly string[] {
  const out = new Set<string>();
  for (const from of Object.keys(table) as S[]) for (const who of (table[from][action] as TransitionRule<S, R> | undefined)?.by ?? []) out.add(who);
  return [...out];
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
