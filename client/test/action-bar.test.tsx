import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import type { ActionView } from '@linli/domain'
import ActionBar from '../components/ActionBar'
import { ApiError } from '../lib/errors'

type A = 'sign' | 'return' | 'check_in' | 'reassign'

const sign: ActionView<A> = { action: 'sign', label: '签收', needsReason: false, tone: 'primary' }
const giveBack: ActionView<A> = { action: 'return', label: '退回', needsReason: true, tone: 'danger', confirm: '退回后工单回到社区重新派单。确定退回吗？' }
const checkIn: ActionView<A> = { action: 'check_in', label: '到场打卡', needsReason: false, tone: 'primary' }
const reassign: ActionView<A> = { action: 'reassign', label: '改派', needsReason: false, tone: 'default' }

const modal = Taro.showModal as jest.Mock
const toast = Taro.showToast as jest.Mock

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('ActionBar', () => {
  it('should draw one button per action with the label and the tone the server sent', () => {
    render(<ActionBar actions={[sign, giveBack, reassign]} onAct={jest.fn()} />)
    expect(screen.getByText('签收').className).toContain('action-bar__btn--primary')
    expect(screen.getByText('退回').className).toContain('action-bar__btn--danger')
    expect(screen.getByText('改派').className).toContain('action-bar__btn--ghost')
  })

  it('should draw nothing when there is no action to offer', () => {
    const { container } = render(<ActionBar actions={[]} onAct={jest.fn()} />)
    expect(container.innerHTML).toBe('')
  })

  it('should act, show the returned detail through onDone and say what happened', async () => {
    const onAct = jest.fn().mockResolvedValue({ id: 42, status: 'signed' })
    const onDone = jest.fn()
    render(<ActionBar actions={[sign]} onAct={onAct} onDone={onDone} />)
    fireEvent.click(screen.getByText('签收'))
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ id: 42, status: 'signed' }, sign))
    expect(onAct).toHaveBeenCalledWith('sign', { note: undefined })
    expect(modal).not.toHaveBeenCalled()
    expect(toast).toHaveBeenCalledWith({ title: '已签收', icon: 'success' })
  })

  it('should ask for the reason when an action needs one, refuse an empty one and send the one written', async () => {
    const onAct = jest.fn().mockResolvedValue({ id: 42 })
    const { container } = render(<ActionBar actions={[sign, giveBack]} onAct={onAct} />)
    expect(container.querySelector('textarea')).toBeNull()
    fireEvent.click(screen.getByText('退回'))
    expect(container.querySelector('textarea')).not.toBeNull()
    expect(screen.queryByText('签收')).toBeNull()
    fireEvent.click(screen.getByText('退回'))
    expect(toast).toHaveBeenCalledWith({ title: '请先填写理由', icon: 'none' })
    expect(onAct).not.toHaveBeenCalled()
    fireEvent.input(container.querySelector('textarea')!, { target: { value: '不在我的网格' } })
    fireEvent.click(screen.getByText('退回'))
    await waitFor(() => expect(onAct).toHaveBeenCalledWith('return', { note: '不在我的网格' }))
    expect(await screen.findByText('签收')).toBeTruthy()
  })

  it('should let the reason box be closed without acting', () => {
    const onAct = jest.fn()
    const { container } = render(<ActionBar actions={[sign, giveBack]} onAct={onAct} />)
    fireEvent.click(screen.getByText('退回'))
    fireEvent.click(screen.getByText('取消'))
    expect(container.querySelector('textarea')).toBeNull()
    expect(screen.getByText('签收')).toBeTruthy()
    expect(onAct).not.toHaveBeenCalled()
  })

  it('should name the reason per action when the page says what it is called', () => {
    const { container } = render(<ActionBar actions={[giveBack]} onAct={jest.fn()} reasonName={{ return: '退回原因' }} />)
    fireEvent.click(screen.getByText('退回'))
    expect(container.querySelector('textarea')!.getAttribute('placeholder')).toBe('请填写退回原因')
    fireEvent.click(screen.getByText('退回'))
    expect(toast).toHaveBeenCalledWith({ title: '请先填写退回原因', icon: 'none' })
  })

  it('should act on a confirmed move only after 确定', async () => {
    const onAct = jest.fn().mockResolvedValue({ id: 42 })
    const { container } = render(<ActionBar actions={[giveBack]} onAct={onAct} />)
    fireEvent.click(screen.getByText('退回'))
    fireEvent.input(container.querySelector('textarea')!, { target: { value: '不在我的网格' } })
    modal.mockResolvedValueOnce({ confirm: false, cancel: true })
    fireEvent.click(screen.getByText('退回'))
    await waitFor(() => expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '退回', content: giveBack.confirm })))
    await act(async () => undefined)
    expect(onAct).not.toHaveBeenCalled()
    modal.mockResolvedValueOnce({ confirm: true, cancel: false })
    fireEvent.click(screen.getByText('退回'))
    await waitFor(() => expect(onAct).toHaveBeenCalledTimes(1))
  })

  it('should take a move once however often it is tapped while the first tap is in flight', async () => {
    const reply = deferred<{ id: number }>()
    const onAct = jest.fn().mockReturnValue(reply.promise)
    const onDone = jest.fn()
    render(<ActionBar actions={[sign]} onAct={onAct} onDone={onDone} />)
    fireEvent.click(screen.getByText('签收'))
    fireEvent.click(screen.getByText('签收'))
    await waitFor(() => expect(screen.getByText('签收').className).toContain('action-bar__btn--busy'))
    fireEvent.click(screen.getByText('签收'))
    expect(onAct).toHaveBeenCalledTimes(1)
    await act(async () => reply.resolve({ id: 42 }))
    expect(onDone).toHaveBeenCalledTimes(1)
    expect(screen.getByText('签收').className).not.toContain('action-bar__btn--busy')
  })

  it('should show the server’s refusal and keep the reason typed', async () => {
    const onAct = jest.fn().mockRejectedValue(new ApiError(409, 'TICKET_STATE_CHANGED', '工单状态已变化，请刷新后重试'))
    const onDone = jest.fn()
    const { container } = render(<ActionBar actions={[giveBack]} onAct={onAct} onDone={onDone} />)
    fireEvent.click(screen.getByText('退回'))
    fireEvent.input(container.querySelector('textarea')!, { target: { value: '不在我的网格' } })
    fireEvent.click(screen.getByText('退回'))
    await waitFor(() => expect(toast).toHaveBeenCalledWith({ title: '工单状态已变化，请刷新后重试', icon: 'none' }))
    expect(onDone).not.toHaveBeenCalled()
    expect((container.querySelector('textarea') as HTMLTextAreaElement).value).toBe('不在我的网格')
  })

  it('should leave out hidden actions and draw a page’s own control through the same run', async () => {
    const onAct = jest.fn().mockResolvedValue({ id: 42 })
    render(
      <ActionBar
        actions={[checkIn, reassign, sign]}
        hidden={['sign']}
        onAct={onAct}
        render={{ check_in: (a, bar) => <Button onClick={() => bar.run(a, { scene: 'p.x7k2m9' })}>扫码打卡</Button> }}
      />,
    )
    expect(screen.queryByText('签收')).toBeNull()
    expect(screen.queryByText('到场打卡')).toBeNull()
    expect(screen.getByText('改派')).toBeTruthy()
    fireEvent.click(screen.getByText('扫码打卡'))
    await waitFor(() => expect(onAct).toHaveBeenCalledWith('check_in', { note: undefined, scene: 'p.x7k2m9' }))
    expect(toast).toHaveBeenCalledWith({ title: '已到场打卡', icon: 'success' })
  })

  it('should keep one note box open when the page asks for it, required only by the moves that need a reason', async () => {
    const onAct = jest.fn().mockResolvedValue({ id: 42 })
    modal.mockResolvedValue({ confirm: true, cancel: false })
    const { container } = render(<ActionBar actions={[sign, giveBack]} onAct={onAct} note={{ placeholder: '说明或理由' }} />)
    expect(container.querySelector('textarea')!.getAttribute('placeholder')).toBe('说明或理由')
    fireEvent.click(screen.getByText('退回'))
    expect(toast).toHaveBeenCalledWith({ title: '请先填写理由', icon: 'none' })
    fireEvent.input(container.querySelector('textarea')!, { target: { value: '已联系' } })
    fireEvent.click(screen.getByText('签收'))
    await waitFor(() => expect(onAct).toHaveBeenCalledWith('sign', { note: '已联系' }))
  })

  it('should gather a page’s input at tap time, act on nothing when it is cancelled, and ask about what was gathered', async () => {
    const onAct = jest.fn().mockResolvedValue({ id: 42 })
    const pick = jest.fn().mockResolvedValueOnce(null).mockResolvedValueOnce({ workerId: 7 })
    modal.mockResolvedValue({ confirm: true, cancel: false })
    render(
      <ActionBar
        actions={[reassign]}
        onAct={onAct}
        render={{ reassign: (a, bar) => bar.button(a, pick, { label: '改派给…', confirm: (input) => `改派给 ${input.workerId} 号？` }) }}
      />,
    )
    fireEvent.click(screen.getByText('改派给…'))
    await waitFor(() => expect(pick).toHaveBeenCalledTimes(1))
    await act(async () => undefined)
    expect(modal).not.toHaveBeenCalled()
    expect(onAct).not.toHaveBeenCalled()
    fireEvent.click(screen.getByText('改派给…'))
    await waitFor(() => expect(onAct).toHaveBeenCalledWith('reassign', { note: undefined, workerId: 7 }))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '改派给 7 号？' }))
  })
})
