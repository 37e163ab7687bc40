import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { fireReachBottom } from './__mocks__/taro'
import MessagesPage from '../packages/account/pages/messages/index'
import { httpResponse } from './fixtures'

const requestMock = Taro.request as jest.Mock

const note = (id: number, readAt: string | null = null) => ({
  id,
  kind: 'ticket',
  title: `消息 ${id}`,
  body: `正文 ${id}`,
  link: id === 1 ? '/packages/places/pages/scene/index?scene=p.x7k2m9' : null,
  readAt,
  createdAt: '2024-11-27T06:00:00Z',
})

describe('messages page', () => {
  it('should say 暂无消息 when there are none', async () => {
    requestMock.mockImplementation(() => httpResponse(200, { items: [], nextCursor: null }))
    render(<MessagesPage />)
    expect(await screen.findByText('暂无消息')).toBeTruthy()
  })

  it('should load the next page with the cursor when scrolled to the bottom', async () => {
    requestMock.mockImplementation((opts: { url: string }) =>
      opts.url.includes('cursor=c2')
        ? httpResponse(200, { items: [note(3)], nextCursor: null })
        : httpResponse(200, { items: [note(1), note(2, '2024-11-27T07:00:00Z')], nextCursor: 'c2' }),
    )
    render(<MessagesPage />)
    await screen.findByText('消息 2')
    await act(() => fireReachBottom())
    expect(await screen.findByText('消息 3')).toBeTruthy()
    expect(requestMock.mock.calls[1][0].url).toBe('https://api.test/api/notifications?cursor=c2')
    expect(await screen.findByText('没有更多了')).toBeTruthy()
  })

  it('should mark an unread message read on tap and follow its link', async () => {
    const posted: string[] = []
    requestMock.mockImplementation((opts: { url: string; method: string; header: Record<string, string> }) => {
      if (opts.method === 'POST') {
        posted.push(opts.url)
        expect(opts.header['Idempotency-Key']).toBeTruthy()
        return httpResponse(201, { ok: true })
      }
      return httpResponse(200, { items: [note(1)], nextCursor: null })
    })
    const { container } = render(<MessagesPage />)
    fireEvent.click(await screen.findByText('消息 1'))
    await waitFor(() => expect(posted).toEqual(['https://api.test/api/notifications/1/read']))
    expect(container.querySelector('.msg-item--read')).not.toBeNull()
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/places/pages/scene/index?scene=p.x7k2m9' })
  })

  it('should show an error with 重试 when the list cannot load', async () => {
    requestMock.mockImplementation(() => httpResponse(500, {}))
    render(<MessagesPage />)
    expect(await screen.findByText('系统开小差了，请稍后再试')).toBeTruthy()
    requestMock.mockImplementation(() => httpResponse(200, { items: [note(5)], nextCursor: null }))
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('消息 5')).toBeTruthy()
  })
})
