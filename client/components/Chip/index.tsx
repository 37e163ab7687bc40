import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import './index.scss'

interface ChipProps {
  selected: boolean
  onTap: () => void
  children: ReactNode
  /** radio in a single choice, checkbox in a multiple one; a filter toggle is a checkbox too. */
  role?: 'radio' | 'checkbox'
  /**
   * The caller's own class (svc-chip, cs__chip…): kept, with its `--on` twin when selected, so a page's layout and
   * its tests' selectors keep working while the look comes from here.
   */
  className?: string
  disabled?: boolean
}

const twins = (className: string | undefined, selected: boolean) =>
  (className ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((c) => (selected ? [c, `${c}--on`] : [c]))
    .join(' ')

/**
 * One option to choose. The chosen one says so three ways, never by colour alone: a ✓ before the label, a heavier
 * border and weight, and aria-checked for a screen reader. Styles live here (index.scss), so every page and weapp
 * subpackage that draws a chip gets them.
 */
export function Chip({ selected, onTap, children, role = 'radio', className, disabled }: ChipProps) {
  return (
    <View
      className={`chip ${selected ? 'chip--on' : ''} ${disabled ? 'chip--disabled' : ''} ${twins(className, selected)}`}
      role={role}
      aria-checked={selected}
      aria-disabled={disabled ? 'true' : undefined}
      onClick={() => {
        if (!disabled) onTap()
      }}
    >
      {children}
    </View>
  )
}

export interface ChipOption<T> {
  value: T
  label: ReactNode
}

interface GroupBase<T> {
  options: readonly ChipOption<T>[]
  /** What is being chosen, for a screen reader (the visible label sits above the group). */
  label?: string
  className?: string
  chipClassName?: string
}

interface SingleProps<T> extends GroupBase<T> {
  multiple?: false
  value: T | null | undefined
  onChange: (value: T | undefined) => void
  /** Tapping the chosen chip again clears the choice (an optional question). */
  deselectable?: boolean
}

interface MultipleProps<T> extends GroupBase<T> {
  multiple: true
  value: readonly T[]
  onChange: (value: T[]) => void
}

/** A set of chips: one choice (radiogroup) or several (group of checkboxes). */
export function ChipGroup<T extends string | number | boolean | null>(props: SingleProps<T> | MultipleProps<T>) {
  const { options, label, className, chipClassName } = props
  return (
    <View className={`chip-group ${className ?? ''}`} role={props.multiple ? 'group' : 'radiogroup'} aria-label={label}>
      {options.map((o) => {
        const on = props.multiple ? props.value.includes(o.value) : props.value === o.value
        const tap = () => {
          if (props.multiple) {
            props.onChange(on ? props.value.filter((v) => v !== o.value) : [...props.value, o.value])
          } else if (!on) {
            props.onChange(o.value)
          } else if (props.deselectable) {
            props.onChange(undefined)
          }
        }
        return (
          <Chip key={String(o.value)} selected={on} onTap={tap} role={props.multiple ? 'checkbox' : 'radio'} className={chipClassName}>
            {o.label}
          </Chip>
        )
      })}
    </View>
  )
}

export default Chip
