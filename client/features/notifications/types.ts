export interface Notification {
  id: number
  kind: string
  title: string
  body: string
  link: string | null
  push: PushState
  readAt: string | null
  createdAt: string
}

export interface NotificationPage {
  items: Notification[]
  nextCursor: string | null
}

/** Whether a subscribe message went out for this message: null when it is for the message centre only. */
export type PushState = 'sent' | 'pending' | 'not_sent' | null
