import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { setPages } from './__mocks__/taro'
import LoginPage from '../packages/account/pages/login/index'
import { useSession } from '../stores/session'
import { aUser, httpResponse } from './fixtures'

const requestMock = Taro.request as jest.Mock

const PERSONAS = [
  { key: 'resident', name: '张阿姨', roles: ['resident'], title: '居民', description: '漕湖花园一社区居民' },
  { key: 'volunteer', name: '李建国', roles: ['volunteer', 'resident'], title: '党员志愿者', description: '第一党支部' },
  { key: 'grid_worker', name: '王芳', roles: ['grid_worker'], title: '网格员', description: '第三网格' },
  { key: 'staff', name: '陈主任', roles: ['staff'], title: '社区工作人员', description: '漕湖花园二社区' },
]

function serve(routes: Record<string, (body: any) => Promise<unknown>>) {
  requestMock.mockImplementation((opts: { url: string; data: unknown }) => {
    const path = opts.url.replace('https://api.test', '')
    const handler = routes[path]
    if (!handler) return httpResponse(404, { statusCode: 404, code: 'NOT_FOUND', message: '' })
    return handler(opts.data)
  })
}

describe('login page', () => {
  it('should list the demo personas with their roles', async () => {
    serve({ '/api/auth/demo-personas': () => httpResponse(200, PERSONAS) })
    render(<LoginPage />)
    for (const name of ['张阿姨', '李建国', '王芳', '陈主任']) expect(await screen.findByText(name)).toBeTruthy()
    expect(screen.getByText('党员志愿者')).toBeTruthy()
    expect(screen.getAllByText('网格员').length).toBeGreaterThan(0)
  })

  it('should not offer WeChat login in the browser build', async () => {
    serve({ '/api/auth/demo-personas': () => httpResponse(200, PERSONAS) })
    render(<LoginPage />)
    await screen.findByText('张阿姨')
    expect(screen.queryByText('微信一键登录')).toBeNull()
  })

  it('should sign in as the tapped persona and go back to the previous page', async () => {
    setPages(['pages/mine/index', 'packages/account/pages/login/index'])
    const logins: unknown[] = []
    serve({
      '/api/auth/demo-personas': () => httpResponse(200, PERSONAS),
      '/api/auth/demo-login': (body) => {
        logins.push(body)
        return httpResponse(201, { accessToken: 'tok-staff', user: aUser({ name: '陈主任', roles: ['staff'] }) })
      },
    })
    render(<LoginPage />)
    fireEvent.click(await screen.findByText('陈主任'))
    await waitFor(() => expect(useSession.getState().token).toBe('tok-staff'))
    expect(logins).toEqual([{ persona: 'staff' }])
    expect(useSession.getState().role).toBe('staff')
    expect(Taro.navigateBack).toHaveBeenCalled()
  })

  it('should hide the personas when demo mode is off and still allow staff password login', async () => {
    serve({
      '/api/auth/demo-personas': () => httpResponse(403, { statusCode: 403, code: 'AUTH_DEMO_DISABLED', message: '' }),
      '/api/auth/password-login': (body) =>
        body.password === 'right'
          ? httpResponse(201, { accessToken: 'tok-pw', user: aUser({ roles: ['staff'] }) })
          : httpResponse(401, { statusCode: 401, code: 'AUTH_BAD_CREDENTIALS', message: '' }),
    })
    const { container } = render(<LoginPage />)
    await waitFor(() => expect(requestMock).toHaveBeenCalled())
    await waitFor(() => expect(screen.queryByText('选择演示身份')).toBeNull())

    const user = container.querySelector('.login-form__username') as HTMLInputElement
    const pass = container.querySelector('.login-form__password') as HTMLInputElement
    fireEvent.change(user, { target: { value: 'chen' } })
    fireEvent.change(pass, { target: { value: 'wrong' } })
    fireEvent.click(container.querySelector('.login-form__submit') as HTMLElement)
    expect(await screen.findByText('用户名或密码错误')).toBeTruthy()
    expect(useSession.getState().token).toBeNull()

    fireEvent.change(pass, { target: { value: 'right' } })
    fireEvent.click(container.querySelector('.login-form__submit') as HTMLElement)
    await waitFor(() => expect(useSession.getState().token).toBe('tok-pw'))
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
  })

  it('should show the server field errors under the inputs', async () => {
    serve({
      '/api/auth/demo-personas': () => httpResponse(200, []),
      '/api/auth/password-login': () =>
        httpResponse(422, { statusCode: 422, code: 'VALIDATION_FAILED', message: '填写有误', fields: { password: ['密码至少 8 位'] } }),
    })
    const { container } = render(<LoginPage />)
    fireEvent.change(container.querySelector('.login-form__username') as HTMLElement, { target: { value: 'chen' } })
    fireEvent.change(container.querySelector('.login-form__password') as HTMLElement, { target: { value: '1' } })
    fireEvent.click(container.querySelector('.login-form__submit') as HTMLElement)
    expect(await screen.findByText('密码至少 8 位')).toBeTruthy()
  })
})
