import { apiUrl } from '../../../lib/request'

/** An <Image> cannot send headers, so the server also accepts the token as a query parameter here. */
export const pointQrcodeUrl = (pointId: number, token: string | null) =>
  apiUrl(`/api/places/points/${pointId}/qrcode.png`, { token })
