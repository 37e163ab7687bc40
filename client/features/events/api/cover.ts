import { upload } from '../../../lib/request'
import type { ActivityCover } from '../types'

/** One photo to the uploads module (EXIF stripped there); its id is the activity's `coverId`. */
export const uploadCover = (filePath: string) => upload<ActivityCover>('/api/uploads', { filePath })
