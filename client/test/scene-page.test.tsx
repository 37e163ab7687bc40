import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { setRouterParams } from './__mocks__/taro'
import ScenePage from '../packages/places/pages/scene/index'
import { aResolvedScene, httpResponse, networkFailure } from './fixtures'

const requestMock = Taro.request as jest.Mock

describe('scene page', () => {
  it('should show where the resident is and the on-duty grid worker with a masked phone', async () => {
    setRouterParams({ scene: encodeURIComponent('p.x7k2m9') })
    requestMock.mockImplementation(() => httpResponse(200, aResolvedScene()))
    const { container } = render(<ScenePage />)

    const name = await screen.findByText('安置小区公共充电站', { selector: '.scene-point-name' })
    expect(name).toBeTruthy()
    expect(container.querySelector('.scene-page')).not.toBeNull()
    expect(screen.getByText('你在：')).toBeTruthy()
    expect(screen.getAllByText(/漕湖花园二社区/).length).toBeGreaterThan(0)
    expect(screen.getByText('第三网格', { selector: '.scene-path__value' })).toBeTruthy()
    expect(screen.getByText('王芳')).toBeTruthy()
    expect(screen.getByText('139****5678')).toBeTruthy()
    expect(container.textContent).not.toContain('13912345678')
    expect(requestMock.mock.calls[0][0].url).toBe('https://api.test/api/places/scene/p.x7k2m9')
  })

  it('should say the code is invalid, without a retry, when the server does not know the scene', async () => {
    setRouterParams({ scene: 'p.gone00' })
    requestMock.mockImplementation(() =>
      httpResponse(404, { statusCode: 404, code: 'PLACE_SCENE_INVALID', message: '二维码无效或已停用' }),
    )
    const { container } = render(<ScenePage />)
    expect(await screen.findByText('二维码无效或已停用')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
    expect(container.querySelector('.scene-point-name')).toBeNull()
    fireEvent.click(screen.getByText('返回首页'))
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' })
  })

  it('should not ask the server about a malformed scene', async () => {
    setRouterParams({ scene: '%E4%B8%AD%E6%96%87' })
    render(<ScenePage />)
    expect(await screen.findByText('二维码无效或已停用')).toBeTruthy()
    expect(requestMock).not.toHaveBeenCalled()
  })

  it('should offer 重试 after a network failure and show the point once it succeeds', async () => {
    setRouterParams({ scene: 'p.x7k2m9' })
    requestMock.mockImplementation(networkFailure)
    render(<ScenePage />)
    fireEvent.click(await screen.findByText('重试'))
    // each load is one attempt plus one automatic retry: two loads, four calls
    await waitFor(() => expect(requestMock).toHaveBeenCalledTimes(4))
    requestMock.mockImplementation(() => httpResponse(200, aResolvedScene({ gridWorker: null })))
    fireEvent.click(await screen.findByText('重试'))
    expect(await screen.findByText('安置小区公共充电站', { selector: '.scene-point-name' })).toBeTruthy()
    expect(screen.getByText(/暂未安排网格员/)).toBeTruthy()
  })
})
