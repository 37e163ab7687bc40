import { apiUrl, get } from '../../../lib/request'

export interface SignedImageUrl {
  /** relative to the API base, signed and expiring in minutes */
  url: string
  expiresAt: string
}

/**
 * An <Image> cannot send the login header, and the login never goes in a URL: the server hands out a signed image
 * address that works for minutes (a retry asks for a fresh one).
 */
export const pointQrcodeUrl = async (pointId: number): Promise<string> =>
  apiUrl((await get<SignedImageUrl>(`/api/places/points/${pointId}/qrcode-url`)).url)
