import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MinePage from '../pages/mine/index'
import { useSession } from '../stores/session'
import { aUser, httpResponse } from './fixtures'

const requestMock = Taro.request as jest.Mock

function serveMe(user = aUser(), unread = 0) {
  requestMock.mockImplementation((opts: { url: string }) => {
    if (opts.url.endsWith('/api/me')) return httpResponse(200, user)
    if (opts.url.endsWith('/api/notifications/unread-count')) return httpResponse(200, { count: unread })
    return httpResponse(404, {})
  })
}

describe('mine page', () => {
  it('should switch the page into large-text mode and remember it', async () => {
    const { container } = render(<MinePage />)
    const root = container.querySelector('.mine-page') as HTMLElement
    expect(root.classList.contains('elder')).toBe(false)

    fireEvent.click(screen.getByRole('switch'))
    await waitFor(() => expect(root.classList.contains('elder')).toBe(true))
    expect(useSession.getState().elderMode).toBe(true)

    fireEvent.click(screen.getByRole('switch'))
    await waitFor(() => expect(root.classList.contains('elder')).toBe(false))
  })

  it('should show the masked phone, role tags, party branch and unread count', async () => {
    const user = aUser({ name: '李建国', roles: ['volunteer', 'resident'], isPartyMember: true, branch: '漕湖花园二社区第一党支部', phone: '13812341234' })
    useSession.getState().signIn('tok', user)
    serveMe(user, 5)
    render(<MinePage />)
    expect(screen.getByText('李建国')).toBeTruthy()
    expect(screen.getByText('138****1234')).toBeTruthy()
    expect(screen.getByText('志愿者', { selector: '.tag' })).toBeTruthy()
    expect(screen.getByText('居民', { selector: '.tag' })).toBeTruthy()
    expect(screen.getByText('党员 · 漕湖花园二社区第一党支部')).toBeTruthy()
    expect(await screen.findByText('5')).toBeTruthy()
  })

  it('should offer 登录 and hide account actions when signed out', () => {
    render(<MinePage />)
    fireEvent.click(screen.getByText('登录'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/login/index' })
    expect(screen.queryByText('退出登录')).toBeNull()
    expect(screen.getByText('隐私保护指引')).toBeTruthy()
  })

  it('should sign out after confirmation', async () => {
    useSession.getState().signIn('tok', aUser())
    serveMe()
    render(<MinePage />)
    await waitFor(() => expect(requestMock).toHaveBeenCalledTimes(2))
    fireEvent.click(screen.getByText('退出登录'))
    await waitFor(() => expect(useSession.getState().token).toBeNull())
    expect(await screen.findByText('未登录')).toBeTruthy()
  })
})
