import { pickPhotos } from '../../../lib/media'
import { upload } from '../../../lib/request'
import type { WishPhoto } from '../types'

/** Lets the person pick photos and uploads them one by one (the server strips EXIF). Resolves [] if cancelled. */
export async function pickAndUploadPhotos(max: number): Promise<WishPhoto[]> {
  let paths: string[]
  try {
    paths = await pickPhotos({ count: max })
  } catch {
    return []
  }
  const out: WishPhoto[] = []
  // Private: a wish's photos may show the beneficiary's home, so they are served only by signed, expiring URLs.
  for (const filePath of paths) out.push(await upload<WishPhoto>('/api/uploads?visibility=private', { filePath }))
  return out
}
