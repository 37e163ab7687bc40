/** Phone binding needs WeChat's getPhoneNumber button; the browser build has no equivalent. */
export default function BindPhoneButton() {
  return null
}
