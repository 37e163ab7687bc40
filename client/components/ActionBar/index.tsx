import { useRef, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import type { ActionTone, ActionView } from '@linli/domain'
import { useAction } from '../../hooks/useAction'
import { confirm } from '../../lib/confirm'
import './index.scss'

/** What an action sends: the note (when there is one) and whatever a page's own control adds (rating, workerId…). */
export interface ActionInput {
  note?: string
  [field: string]: unknown
}

/**
 * What a page's own control adds to an action, given at tap time: an object, or a function that gathers it (scan a
 * code, pick a worker) and resolves to null when there is nothing to send — cancelled, or it already said why.
 */
export type ActionPrepare = ActionInput | (() => ActionInput | null | Promise<ActionInput | null>)

export interface RunOptions {
  /** Replaces the table's confirmation text (e.g. to name the merge target, from the prepared input), or `false` to skip it. */
  confirm?: string | false | ((input: ActionInput) => string)
}

/** Handed to a page's own control for an action, so it acts through the same checks, busy state and toast. */
export interface ActionBarContext<A extends string> {
  note: string
  setNote: (note: string) => void
  busy: boolean
  /** Takes `action` with the prepared input beside the note: reason check, preparation, confirmation, busy, toast, `onDone`. */
  run: (action: ActionView<A>, prepare?: ActionPrepare, options?: RunOptions) => void
  /** The bar's own button for `action` (optionally relabelled), acting as `run` does. */
  button: (action: ActionView<A>, prepare?: ActionPrepare, options?: RunOptions & { label?: string }) => ReactNode
}

interface Props<A extends string, D> {
  actions: readonly ActionView<A>[]
  /** Sends the action; resolves to the updated detail, which `onDone` shows. */
  onAct: (action: A, input: ActionInput) => Promise<D>
  onDone?: (detail: D, action: ActionView<A>) => void
  /** Actions this page does not offer here. */
  hidden?: readonly A[]
  /** A page's own control for an action (scan to check in, stars…); returning undefined draws the default button. */
  render?: Partial<Record<A, (action: ActionView<A>, bar: ActionBarContext<A>) => ReactNode | undefined>>
  /**
   * One note box always shown, sent with every action and required by those that need a reason. Without it the
   * bar asks for the reason only when such an action is tapped.
   */
  note?: { placeholder?: string }
  /** What the reason is called per action (default 理由): "请填写{it}" in the box, "请先填写{it}" when empty. */
  reasonName?: Partial<Record<A, string>>
  /** Success toast; default 已{label}. */
  doneText?: (action: ActionView<A>) => string
  /** Controls drawn above the buttons (photo upload…). */
  children?: ReactNode
  className?: string
  /**
   * Runs synchronously inside the tap when it starts an action: after the reason check, before any preparation,
   * confirmation or request — for what WeChat allows only there (wx.requestSubscribeMessage). Not called when the tap
   * does nothing (busy, or it only opened the reason box).
   */
  onTap?: (action: ActionView<A>) => void
}

/** The look is the shared `btn` variant (client/styles/button.scss); the bar's own modifier names the tone for tests. */
const TONE_CLASS: Record<ActionTone, string> = {
  primary: 'btn--primary action-bar__btn--primary',
  default: 'btn--ghost action-bar__btn--ghost',
  danger: 'btn--danger action-bar__btn--danger',
}

interface Chosen<A extends string> {
  action: ActionView<A>
  prepare?: ActionPrepare
  options?: RunOptions
}

/**
 * The buttons of a detail page, drawn from the server's `actions`: the page never decides which moves exist, what
 * they are called, which need a reason or which are asked about first.
 */
export default function ActionBar<A extends string, D>(props: Props<A, D>) {
  const { actions, onAct, onDone, hidden = [], render, note: shared, reasonName, doneText, children, className, onTap } = props
  const { busy, run } = useAction()
  const [note, setNote] = useState('')
  const [chosen, setChosen] = useState<Chosen<A> | null>(null)
  const [acting, setActing] = useState<A | null>(null)
  // Between the tap and the request (gathering input, the confirmation dialog): a second tap must not start again.
  const asking = useRef(false)

  const reasonOf = (a: ActionView<A>) => reasonName?.[a.action] ?? '理由'

  /** The prepared input, once the person has confirmed; null when they cancelled at either step. */
  const gather = async (a: ActionView<A>, prepare: ActionPrepare | undefined, options: RunOptions): Promise<ActionInput | null> => {
    asking.current = true
    try {
      const input = typeof prepare === 'function' ? await prepare() : prepare ?? {}
      if (!input) return null
      const question = options.confirm === false ? undefined : typeof options.confirm === 'function' ? options.confirm(input) : options.confirm ?? a.confirm
      if (question) {
        if (!(await confirm({ title: a.label, content: question }))) return null
      }
      return input
    } catch {
      return null
    } finally {
      asking.current = false
    }
  }

  const submit = async (a: ActionView<A>, prepare: ActionPrepare | undefined, options: RunOptions = {}) => {
    if (busy || asking.current) return
    const input = await gather(a, prepare, options)
    if (!input) return
    const body: ActionInput = { note: note.trim() || undefined, ...input }
    setActing(a.action)
    const detail = await run(() => onAct(a.action, body), { success: doneText ? doneText(a) : `已${a.label}` })
    setActing(null)
    if (detail === undefined) return
    setNote('')
    setChosen(null)
    onDone?.(detail, a)
  }

  const tap = (a: ActionView<A>, prepare?: ActionPrepare, options?: RunOptions) => {
    if (busy || asking.current) return
    if (a.needsReason && !note.trim()) {
      if (!shared && chosen?.action.action !== a.action) {
        setChosen({ action: a, prepare, options })
        return
      }
      void Taro.showToast({ title: `请先填写${reasonOf(a)}`, icon: 'none' })
      return
    }
    onTap?.(a)
    void submit(a, prepare, options)
  }

  const button = (a: ActionView<A>, prepare?: ActionPrepare, options: RunOptions & { label?: string } = {}): ReactNode => (
    <Button
      key={a.action}
      className={`btn action-bar__btn ${TONE_CLASS[a.tone] ?? TONE_CLASS.default} ${busy ? 'action-bar__btn--busy' : ''} ${busy && acting === a.action ? 'btn--busy' : ''}`}
      aria-busy={busy && acting === a.action ? 'true' : undefined}
      aria-disabled={busy ? 'true' : undefined}
      onClick={() => tap(a, prepare, options)}
    >
      {options.label ?? a.label}
    </Button>
  )

  const bar: ActionBarContext<A> = { note, setNote, busy, run: tap, button }
  const visible = actions.filter((a) => !hidden.includes(a.action))
  if (!visible.length && !children) return null

  const box = (placeholder: string) => (
    <Textarea className='action-bar__note' value={note} maxlength={1000} placeholder={placeholder} onInput={(e) => setNote(e.detail.value)} />
  )

  if (chosen && !shared) {
    return (
      <View className={`action-bar ${className ?? ''}`}>
        <Text className='action-bar__ask'>{chosen.action.label}：请填写{reasonOf(chosen.action)}</Text>
        {box(`请填写${reasonOf(chosen.action)}`)}
        <View className='action-bar__buttons'>
          {button(chosen.action, chosen.prepare, chosen.options)}
          <Button
            className={`btn btn--plain action-bar__btn action-bar__btn--plain ${busy ? 'action-bar__btn--busy' : ''}`}
            onClick={() => {
              if (busy) return
              setChosen(null)
              setNote('')
            }}
          >
            取消
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className={`action-bar ${className ?? ''}`}>
      {shared && visible.length ? box(shared.placeholder ?? '说明或理由') : null}
      {children}
      <View className='action-bar__buttons'>
        {visible.map((a) => {
          const own = render?.[a.action]?.(a, bar)
          return own === undefined ? button(a) : <View key={a.action} className='action-bar__own'>{own}</View>
        })}
      </View>
    </View>
  )
}
