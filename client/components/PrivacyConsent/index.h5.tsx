/** Browsers have no WeChat privacy gate to answer. */
export default function PrivacyConsent() {
  return null
}
