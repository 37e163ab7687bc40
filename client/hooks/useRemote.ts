import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { asApiError, type ApiError } from '../lib/errors'

export interface Remote<T> {
  data: T | undefined
  error: ApiError | null
  errorText: string
  loading: boolean
  reload: () => Promise<void>
  /** Shows data the page already has — the detail an action endpoint returned — without a reload. */
  setData: (data: T) => void
}

export interface RemoteOptions {
  /** Reload each time the page comes back into view (a tab page showing counts that change elsewhere). */
  reloadOnShow?: boolean
}

/**
 * Server data is fetched where it is shown (STYLE habit 8). Pull-to-refresh reloads it;
 * pass `enabled: false` to wait for an input such as a route parameter.
 */
export function useRemote<T>(fetcher: () => Promise<T>, deps: unknown[], enabled = true, options: RemoteOptions = {}): Remote<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState<boolean>(enabled)
  const seq = useRef(0)
  const fetcherRef = useRef(fetcher)
  fetcherRef.current = fetcher

  const reload = useCallback(async () => {
    const mine = ++seq.current
    setLoading(true)
    setError(null)
    try {
      const result = await fetcherRef.current()
      if (mine === seq.current) setData(result)
    } catch (err) {
      if (mine === seq.current) setError(asApiError(err))
    } finally {
      if (mine === seq.current) setLoading(false)
    }
  }, [])

  const setShown = useCallback((next: T) => {
    // Newer than anything in flight: a reload started before the action must not bring the old state back.
    seq.current++
    setData(next)
    setError(null)
    setLoading(false)
  }, [])

  useEffect(() => {
    if (enabled) void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])

  // The first show is the mount, which the effect above has loaded for.
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (!shownBefore.current) {
      shownBefore.current = true
      return
    }
    if (options.reloadOnShow && enabled) void reload()
  })

  usePullDownRefresh(() => {
    const done = enabled ? reload() : Promise.resolve()
    void done.finally(() => Taro.stopPullDownRefresh())
  })

  return { data, error, errorText: error?.message ?? '', loading, reload, setData: setShown }
}
