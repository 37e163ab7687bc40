import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { asApiError, type ApiError } from '../lib/errors'

/** One keyset page as every list route returns it; `nextCursor` is null on the last page. */
export interface KeysetPage<T, C = string | number> {
  items: T[]
  nextCursor: C | null
}

export interface PagedList<T, P> {
  items: T[]
  /** The first page's response, for what a list route sends beside its items (counts, totals). */
  first: P | undefined
  /** The first page is loading (also on a refresh; `items` keep showing meanwhile). */
  loading: boolean
  loadingMore: boolean
  /** The first page failed. */
  error: ApiError | null
  errorText: string
  /** Loading a further page failed; the items loaded so far stay. */
  moreErrorText: string
  hasMore: boolean
  /** Loaded, without error, and nothing there. */
  empty: boolean
  reload: () => Promise<void>
  loadMore: () => Promise<void>
  /** Local edits after a write (mark read, remove a row) without refetching. */
  setItems: (update: (items: T[]) => T[]) => void
}

export interface PagedListOptions<T> {
  /** Wait for an input such as a route parameter. Default true. */
  enabled?: boolean
  /** Identity for dropping a row a later page repeats (a row can move between pages while reading). Default `id`. */
  key?: (item: T) => string | number
}

const byId = (item: unknown) => (item as { id: string | number }).id

/**
 * A keyset-paged list: the first page when `deps` change (the old filter's rows are cleared), pull-to-refresh
 * reloads it, reaching the bottom loads the next. Like `useRemote`, a response that arrives after a newer request
 * was started is dropped, so a slow first page of the previous filter never overwrites the current one.
 */
export function usePagedList<T, C = string | number, P extends KeysetPage<T, C> = KeysetPage<T, C>>(
  fetchPage: (cursor: C | null) => Promise<P>,
  deps: unknown[],
  options: PagedListOptions<T> = {},
): PagedList<T, P> {
  const enabled = options.enabled ?? true
  const [items, setItemsState] = useState<T[]>([])
  const [first, setFirst] = useState<P | undefined>(undefined)
  const [cursor, setCursor] = useState<C | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [loading, setLoading] = useState(enabled)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [moreErrorText, setMoreErrorText] = useState('')

  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const keyRef = useRef(options.key ?? byId)
  keyRef.current = options.key ?? byId
  // Bumped by every first-page request: a page (first or further) answers only if its generation is current.
  const generation = useRef(0)
  const cursorRef = useRef<C | null>(null)
  const moreInFlight = useRef(false)

  const loadFirst = useCallback(async (clear: boolean) => {
    const mine = ++generation.current
    moreInFlight.current = false
    if (clear) {
      setItemsState([])
      setFirst(undefined)
      setLoaded(false)
      cursorRef.current = null
      setCursor(null)
    }
    setLoading(true)
    setLoadingMore(false)
    setError(null)
    setMoreErrorText('')
    try {
      const page = await fetchRef.current(null)
      if (mine !== generation.current) return
      setItemsState(page.items)
      setFirst(page)
      cursorRef.current = page.nextCursor
      setCursor(page.nextCursor)
      setLoaded(true)
    } catch (err) {
      if (mine === generation.current) setError(asApiError(err))
    } finally {
      if (mine === generation.current) setLoading(false)
    }
  }, [])

  const reload = useCallback(() => loadFirst(false), [loadFirst])

  const loadMore = useCallback(async () => {
    const from = cursorRef.current
    if (from === null || moreInFlight.current) return
    const mine = generation.current
    moreInFlight.current = true
    setLoadingMore(true)
    setMoreErrorText('')
    try {
      const page = await fetchRef.current(from)
      if (mine !== generation.current) return
      const key = keyRef.current
      setItemsState((prev) => {
        const seen = new Set(prev.map(key))
        return [...prev, ...page.items.filter((item) => !seen.has(key(item)))]
      })
      cursorRef.current = page.nextCursor
      setCursor(page.nextCursor)
    } catch (err) {
      if (mine === generation.current) setMoreErrorText(asApiError(err).message)
    } finally {
      if (mine === generation.current) {
        moreInFlight.current = false
        setLoadingMore(false)
      }
    }
  }, [])

  useEffect(() => {
    if (enabled) void loadFirst(true)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])

  usePullDownRefresh(() => {
    const done = enabled ? reload() : Promise.resolve()
    void done.finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (enabled) void loadMore()
  })

  const setItems = useCallback((update: (items: T[]) => T[]) => setItemsState(update), [])

  return {
    items,
    first,
    loading,
    loadingMore,
    error,
    errorText: error?.message ?? '',
    moreErrorText,
    hasMore: cursor !== null,
    empty: loaded && !error && items.length === 0,
    reload,
    loadMore,
    setItems,
  }
}
