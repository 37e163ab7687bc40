/** Plain-DOM stand-ins for @tarojs/components, mapping Taro's `detail` events onto DOM events. */
import { createElement, type ReactNode } from 'react'

type AnyProps = { className?: string; children?: ReactNode; id?: string; style?: any; onClick?: (e: any) => void; [k: string]: any }

const DATA = (props: AnyProps) =>
  Object.fromEntries(Object.entries(props).filter(([k]) => k === 'role' || k.startsWith('data-') || k.startsWith('aria-')))

const box = (tag: string) =>
  function TaroBox({ className, children, id, style, onClick, ...rest }: AnyProps) {
    return createElement(tag, { className, id, style, onClick, ...DATA(rest) }, children)
  }

export const View = box('div')
export const Text = box('span')
export const ScrollView = box('div')
export const Block = ({ children }: AnyProps) => <>{children}</>
export const Label = box('label')
export const Form = box('form')
export const RichText = ({ nodes, className }: AnyProps) => <div className={className}>{typeof nodes === 'string' ? nodes : ''}</div>

export function Button({ className, children, id, onClick, disabled, loading, openType, ...rest }: AnyProps) {
  return (
    <button
      type='button'
      className={className}
      id={id}
      disabled={disabled}
      data-open-type={openType}
      data-loading={loading ? 'true' : undefined}
      onClick={onClick}
      {...DATA(rest)}
    >
      {children}
    </button>
  )
}

export function Input({ className, value, placeholder, password, onInput, onConfirm, maxlength, ...rest }: AnyProps) {
  return (
    <input
      className={className}
      type={password ? 'password' : 'text'}
      // Taro's Input without `value` is uncontrolled: what is typed stays (the check-in code box relies on that).
      {...(value === undefined ? {} : { value: value ?? '' })}
      placeholder={placeholder}
      maxLength={maxlength}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onConfirm?.({ detail: { value: (e.target as HTMLInputElement).value } })
      }}
      {...DATA(rest)}
    />
  )
}

export function Switch({ className, checked, onChange, ...rest }: AnyProps) {
  return (
    <input
      type='checkbox'
      role='switch'
      className={className}
      checked={!!checked}
      onChange={(e) => onChange?.({ detail: { value: e.target.checked } })}
      {...DATA(rest)}
    />
  )
}

export function Image({ className, src, onError, onLoad }: AnyProps) {
  return <img className={className} src={src} alt='' onError={onError} onLoad={onLoad} />
}

export function Navigator({ className, url, children }: AnyProps) {
  return (
    <a className={className} href={url}>
      {children}
    </a>
  )
}

export function Textarea({ className, value, placeholder, onInput, maxlength, ...rest }: AnyProps) {
  return (
    <textarea
      className={className}
      value={value ?? ''}
      placeholder={placeholder}
      maxLength={maxlength}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
      {...DATA(rest)}
    />
  )
}

export function Picker({ className, range, onChange, children }: AnyProps) {
  return (
    <select className={className} onChange={(e) => onChange?.({ detail: { value: e.target.value } })}>
      {(range ?? []).map((r: string, i: number) => (
        <option key={i} value={i}>
          {r}
        </option>
      ))}
      {children}
    </select>
  )
}
