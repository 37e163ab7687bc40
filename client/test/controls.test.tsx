import { useState } from 'react'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { LIMITS, type ActionView } from '@linli/domain'
import { Chip, ChipGroup } from '../components/Chip'
import FormField from '../components/FormField'
import ActionBar from '../components/ActionBar'
import { ApiError, errorMessage, fieldErrors, fieldsText } from '../lib/errors'
import { fontScaleClass, suggestsElderMode } from '../lib/font-scale'

describe('Chip', () => {
  it('should say which option is chosen by aria-checked and the ✓ class, not by colour alone', () => {
    function Pick() {
      const [v, setV] = useState<string | undefined>('a')
      return <ChipGroup label='类型' options={[{ value: 'a', label: '物资' }, { value: 'b', label: '服务' }]} value={v} onChange={setV} />
    }
    render(<Pick />)
    expect(screen.getByRole('radiogroup').getAttribute('aria-label')).toBe('类型')
    const [a, b] = screen.getAllByRole('radio')
    expect(a.getAttribute('aria-checked')).toBe('true')
    expect(a.className).toContain('chip--on')
    expect(b.getAttribute('aria-checked')).toBe('false')
    fireEvent.click(b)
    expect(screen.getByText('服务').getAttribute('aria-checked')).toBe('true')
    expect(screen.getByText('物资').getAttribute('aria-checked')).toBe('false')
  })

  it('should keep a single choice when the chosen chip is tapped again, unless it may be cleared', () => {
    const onChange = jest.fn()
    const { rerender } = render(<ChipGroup options={[{ value: 1, label: '一' }]} value={1} onChange={onChange} />)
    fireEvent.click(screen.getByText('一'))
    expect(onChange).not.toHaveBeenCalled()
    rerender(<ChipGroup options={[{ value: 1, label: '一' }]} value={1} onChange={onChange} deselectable />)
    fireEvent.click(screen.getByText('一'))
    expect(onChange).toHaveBeenCalledWith(undefined)
  })

  it('should add and remove values of a multiple choice, as checkboxes', () => {
    const onChange = jest.fn()
    render(<ChipGroup multiple options={[{ value: 'x', label: '甲' }, { value: 'y', label: '乙' }]} value={['x']} onChange={onChange} chipClassName='svc-chip' />)
    expect(screen.getAllByRole('checkbox')).toHaveLength(2)
    // The caller's class keeps its --on twin, for its own layout and selectors.
    expect(screen.getByText('甲').className).toContain('svc-chip--on')
    fireEvent.click(screen.getByText('乙'))
    expect(onChange).toHaveBeenLastCalledWith(['x', 'y'])
    fireEvent.click(screen.getByText('甲'))
    expect(onChange).toHaveBeenLastCalledWith([])
  })

  it('should ignore taps on a disabled chip', () => {
    const onTap = jest.fn()
    render(<Chip selected={false} onTap={onTap} disabled>满员</Chip>)
    fireEvent.click(screen.getByText('满员'))
    expect(onTap).not.toHaveBeenCalled()
    expect(screen.getByText('满员').getAttribute('aria-disabled')).toBe('true')
  })
})

describe('FormField', () => {
  function Title({ initial = '' }: { initial?: string }) {
    const [v, setV] = useState(initial)
    return <FormField label='心愿标题' value={v} onInput={setV} limit={LIMITS.wish.title} />
  }

  it('should cut the input at the server’s limit and count what is used as it is typed', () => {
    render(<Title />)
    const input = screen.getByLabelText('心愿标题') as HTMLInputElement
    expect(input.maxLength).toBe(LIMITS.wish.title)
    expect(screen.getByText(`0/${LIMITS.wish.title}`)).toBeTruthy()
    fireEvent.change(input, { target: { value: '给独居老人买个电饭煲' } })
    expect(screen.getByText(`10/${LIMITS.wish.title}`)).toBeTruthy()
  })

  it('should count an emoji as one character, as the server does', () => {
    render(<Title initial='🍚饭' />)
    expect(screen.getByText(`2/${LIMITS.wish.title}`)).toBeTruthy()
  })

  it('should warn near the limit', () => {
    render(<Title initial={'字'.repeat(LIMITS.wish.title - 2)} />)
    expect(screen.getByText(`${LIMITS.wish.title - 2}/${LIMITS.wish.title}`).className).toContain('form-field__counter--near')
  })

  it('should show its error under the input', () => {
    render(<FormField label='联系人' value='' onInput={jest.fn()} error='请填写联系人' />)
    expect(screen.getByText('请填写联系人').className).toContain('form-field__error')
  })
})

describe('error texts', () => {
  const refusal = { 'beneficiary.name': ['姓名须为 1–50 个字'], title: ['title must be shorter than or equal to 40 characters'], story: ['心愿故事须为 1–300 个字'] }

  it('should never show a raw field path, even without the form’s labels', () => {
    const err = new ApiError(422, 'VALIDATION_FAILED', '以下字段有误：beneficiary.name, title, story', refusal)
    expect(err.message).not.toMatch(/beneficiary|title|story/)
    expect(err.message).toContain('姓名须为 1–50 个字')
    expect(errorMessage(err)).toBe(err.message)
  })

  it('should name each field by the form’s label', () => {
    const labels = { 'beneficiary.name': '受助人姓名', title: '心愿标题', story: '心愿故事' }
    expect(fieldsText(refusal, labels)).toBe('受助人姓名：姓名须为 1–50 个字；心愿标题填写有误；心愿故事须为 1–300 个字')
    expect(fieldErrors(refusal, labels).title).toBe('心愿标题填写有误')
  })

  it('should find the label of a nested answer through its parent', () => {
    expect(fieldsText({ 'answers.q1': ['请回答'] }, { answers: '报名问题' })).toBe('报名问题：请回答')
  })

  it('should keep the server’s message when there are no fields', () => {
    expect(errorMessage(new ApiError(409, 'WISH_TAKEN', '这个心愿已被认领'))).toBe('这个心愿已被认领')
  })
})

describe('WeChat font factor', () => {
  it('should scale in tenths, never below 1 nor above 2', () => {
    expect(fontScaleClass(1)).toBe('')
    expect(fontScaleClass(0.9)).toBe('')
    expect(fontScaleClass(1.12)).toBe('font-scale-11')
    expect(fontScaleClass(1.3)).toBe('font-scale-13')
    expect(fontScaleClass(3)).toBe('font-scale-20')
  })

  it('should suggest 大字模式 from the second step of WeChat’s font size up', () => {
    expect(suggestsElderMode(1.1)).toBe(false)
    expect(suggestsElderMode(1.15)).toBe(true)
    expect(suggestsElderMode(1.4)).toBe(true)
  })
})

describe('button states', () => {
  type A = 'sign' | 'return'
  const sign: ActionView<A> = { action: 'sign', label: '签收', needsReason: false, tone: 'primary' }
  const giveBack: ActionView<A> = { action: 'return', label: '退回', needsReason: false, tone: 'danger' }

  it('should look enabled when idle: no disabled attribute, no busy or disabled class', () => {
    render(<ActionBar actions={[sign, giveBack]} onAct={jest.fn()} />)
    for (const label of ['签收', '退回']) {
      const b = screen.getByText(label)
      expect(b.hasAttribute('disabled')).toBe(false)
      expect(b.className).toContain('btn ')
      expect(b.classList.contains('btn--busy') || b.classList.contains('btn--disabled')).toBe(false)
    }
    expect(screen.getByText('退回').className).toContain('btn--danger')
  })

  it('should show the spinner on the move being sent, keep its label and refuse a second tap', async () => {
    let finish!: (v: unknown) => void
    const onAct = jest.fn(() => new Promise((r) => (finish = r)))
    render(<ActionBar actions={[sign, giveBack]} onAct={onAct} />)
    fireEvent.click(screen.getByText('签收'))
    await waitFor(() => expect(screen.getByText('签收').classList.contains('btn--busy')).toBe(true))
    expect(screen.getByText('签收').getAttribute('aria-busy')).toBe('true')
    // The other move waits without a spinner of its own.
    expect(screen.getByText('退回').classList.contains('btn--busy')).toBe(false)
    expect(screen.getByText('退回').getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(screen.getByText('签收'))
    fireEvent.click(screen.getByText('退回'))
    expect(onAct).toHaveBeenCalledTimes(1)
    await act(async () => finish({ ok: true }))
    await waitFor(() => expect(screen.getByText('签收').classList.contains('btn--busy')).toBe(false))
  })
})
