import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { fireReachBottom, firePullDownRefresh } from './__mocks__/taro'
import { usePagedList, type KeysetPage } from '../hooks/usePagedList'
import { ApiError } from '../lib/errors'

type Row = { id: number; name: string }

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

function List({ fetchPage }: { fetchPage: (filter: string, cursor: number | null) => Promise<KeysetPage<Row, number>> }) {
  const [filter, setFilter] = useState('a')
  const list = usePagedList<Row, number>((cursor) => fetchPage(filter, cursor), [filter])
  return (
    <div>
      <button onClick={() => setFilter('b')}>filter b</button>
      {list.loading ? <span>loading</span> : null}
      {list.errorText ? <span>error: {list.errorText}</span> : null}
      {list.moreErrorText ? <span>more error: {list.moreErrorText}</span> : null}
      {list.empty ? <span>empty</span> : null}
      <ul>{list.items.map((r) => <li key={r.id}>{r.name}</li>)}</ul>
      <span>{list.hasMore ? 'has more' : 'the end'}</span>
    </div>
  )
}

const names = () => screen.queryAllByRole('listitem').map((li) => li.textContent)

describe('usePagedList', () => {
  it('should load the next page at the bottom, drop rows it already shows, and stop at the last page', async () => {
    const fetchPage = jest.fn(async (_f: string, cursor: number | null) =>
      cursor === null ? { items: [{ id: 3, name: 'c' }, { id: 2, name: 'b' }], nextCursor: 2 } : { items: [{ id: 2, name: 'b' }, { id: 1, name: 'a' }], nextCursor: null },
    )
    render(<List fetchPage={fetchPage} />)
    await waitFor(() => expect(names()).toEqual(['c', 'b']))
    expect(screen.getByText('has more')).toBeTruthy()
    await act(() => fireReachBottom())
    await waitFor(() => expect(names()).toEqual(['c', 'b', 'a']))
    expect(fetchPage).toHaveBeenLastCalledWith('a', 2)
    expect(screen.getByText('the end')).toBeTruthy()
    await act(() => fireReachBottom())
    expect(fetchPage).toHaveBeenCalledTimes(2)
  })

  it('should ignore a slow answer for the filter the user has left', async () => {
    const slowA = deferred<KeysetPage<Row, number>>()
    const fetchPage = jest.fn((f: string) => (f === 'a' ? slowA.promise : Promise.resolve({ items: [{ id: 9, name: 'from b' }], nextCursor: null })))
    render(<List fetchPage={fetchPage} />)
    fireEvent.click(screen.getByText('filter b'))
    await waitFor(() => expect(names()).toEqual(['from b']))
    await act(async () => slowA.resolve({ items: [{ id: 1, name: 'from a' }], nextCursor: 5 }))
    expect(names()).toEqual(['from b'])
    expect(screen.getByText('the end')).toBeTruthy()
  })

  it('should ignore a further page of the previous filter', async () => {
    const more = deferred<KeysetPage<Row, number>>()
    const fetchPage = jest.fn((f: string, cursor: number | null) => {
      if (f === 'a' && cursor === null) return Promise.resolve({ items: [{ id: 2, name: 'a2' }], nextCursor: 2 })
      if (f === 'a') return more.promise
      return Promise.resolve({ items: [{ id: 7, name: 'b7' }], nextCursor: null })
    })
    render(<List fetchPage={fetchPage} />)
    await waitFor(() => expect(names()).toEqual(['a2']))
    act(() => void fireReachBottom())
    fireEvent.click(screen.getByText('filter b'))
    await waitFor(() => expect(names()).toEqual(['b7']))
    await act(async () => more.resolve({ items: [{ id: 1, name: 'a1' }], nextCursor: null }))
    expect(names()).toEqual(['b7'])
  })

  it('should refresh the first page on pull-down, keeping the rows shown until it arrives', async () => {
    let round = 0
    const fetchPage = jest.fn(async () => ({ items: [{ id: 1, name: `round ${++round}` }], nextCursor: null }))
    render(<List fetchPage={fetchPage} />)
    await waitFor(() => expect(names()).toEqual(['round 1']))
    await act(() => firePullDownRefresh())
    await waitFor(() => expect(names()).toEqual(['round 2']))
  })

  it('should say empty only once an empty first page has arrived', async () => {
    const first = deferred<KeysetPage<Row, number>>()
    render(<List fetchPage={() => first.promise} />)
    expect(screen.getByText('loading')).toBeTruthy()
    expect(screen.queryByText('empty')).toBeNull()
    await act(async () => first.resolve({ items: [], nextCursor: null }))
    expect(screen.getByText('empty')).toBeTruthy()
  })

  it('should show a failed first page as an error, and a failed further page without losing the rows', async () => {
    const fetchPage = jest
      .fn()
      .mockRejectedValueOnce(new ApiError(0, 'NETWORK_ERROR', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce({ items: [{ id: 2, name: 'b' }], nextCursor: 2 })
      .mockRejectedValueOnce(new ApiError(500, 'INTERNAL', '服务开小差了'))
    render(<List fetchPage={fetchPage} />)
    expect(await screen.findByText('error: 网络不给力，请检查网络后重试')).toBeTruthy()
    expect(screen.queryByText('empty')).toBeNull()
    await act(() => firePullDownRefresh())
    await waitFor(() => expect(names()).toEqual(['b']))
    await act(() => fireReachBottom())
    expect(await screen.findByText('more error: 服务开小差了')).toBeTruthy()
    expect(names()).toEqual(['b'])
  })
})
