import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { successIcon } from '../lib/toast'
import { errorMessage } from '../lib/errors'

export interface RunOptions<T> {
  /** Toast on success: text, or text from the result. None when omitted. */
  success?: string | ((result: T) => string)
}

export interface Action {
  /** True while a run is in flight; a second run started meanwhile is ignored. */
  busy: boolean
  /** The message of the last failed run ('' after a success or a new run). */
  error: string
  /** Runs `work` once at a time; resolves to its result, or undefined when it failed (already toasted) or was ignored. */
  run: <T>(work: () => Promise<T>, options?: RunOptions<T>) => Promise<T | undefined>
}

/**
 * The one way a page runs a write: a busy flag that blocks double taps, a success toast, and the server's message
 * in a toast when it refuses. The page decides what to do with the result (usually: show the returned detail).
 */
export function useAction(): Action {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  // The ref, not the state, guards: two taps in one frame both see `busy === false`.
  const inFlight = useRef(false)

  const run = useCallback(async <T>(work: () => Promise<T>, options: RunOptions<T> = {}): Promise<T | undefined> => {
    if (inFlight.current) return undefined
    inFlight.current = true
    setBusy(true)
    setError('')
    try {
      const result = await work()
      const title = typeof options.success === 'function' ? options.success(result) : options.success
      // A longer text loses the tick rather than its end (WeChat cuts a success toast at 7 characters).
      if (title) void Taro.showToast({ title, icon: successIcon(title) })
      return result
    } catch (err) {
      const message = errorMessage(err)
      setError(message)
      void Taro.showToast({ title: message, icon: 'none' })
      return undefined
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }, [])

  return { busy, error, run }
}
