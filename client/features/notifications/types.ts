export interface Notification {
  id: number
  kind: string
  title: string
  body: string
  link: string | null
  readAt: string | null
  createdAt: string
}

export interface NotificationPage {
  items: Notification[]
  nextCursor: string | null
}
