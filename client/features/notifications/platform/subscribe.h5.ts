/** A browser has no subscribe messages: nothing is asked, and the message centre is where news arrives. */
export const CAN_SUBSCRIBE = false

export function requestSubscribe(_tmplIds: string[]): Promise<string[]> {
  return Promise.resolve([])
}
