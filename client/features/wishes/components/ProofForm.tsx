import { useState } from 'react'
import { View, Text, Button, Textarea, Image } from '@tarojs/components'
import type { ActionView, WishAction } from '@linli/domain'
import type { ActionBarContext } from '../../../components/ActionBar'
import { errorMessage } from '../../../lib/errors'
import { pickAndUploadPhotos } from '../api/upload-photo'
import type { WishPhoto } from '../types'

const MAX_PHOTOS = 6

/**
 * The control ActionBar draws for `fulfil`: the action's button opens the form (photos + a note), and 提交 sends
 * them through the bar, so the busy state, the toast and showing the returned wish are the bar's as for any move.
 */
export default function ProofForm({ action, bar }: { action: ActionView<WishAction>; bar: ActionBarContext<WishAction> }) {
  const [open, setOpen] = useState(false)
  const [photos, setPhotos] = useState<WishPhoto[]>([])
  const [note, setNote] = useState('')
  const [error, setError] = useState('')

  if (!open) {
    return (
      <Button className={`btn ${action.tone === 'primary' ? 'btn--primary' : 'btn--ghost'} wish-claim__proof`} onClick={() => setOpen(true)}>
        {action.label}
      </Button>
    )
  }

  const pick = async () => {
    setError('')
    try {
      const added = await pickAndUploadPhotos(MAX_PHOTOS - photos.length)
      setPhotos((prev) => [...prev, ...added].slice(0, MAX_PHOTOS))
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  const proof = () => {
    if (!photos.length) {
      setError('请至少上传一张圆梦凭证照片')
      return null
    }
    if (note.trim().length < 2) {
      setError('请写一句圆梦说明')
      return null
    }
    setError('')
    return { photoIds: photos.map((p) => p.id), note: note.trim() }
  }

  return (
    <View className='wish-proof'>
      <Text className='wish-block__title'>{action.label}</Text>
      <View className='wish-block__photos'>
        {photos.map((p) => (
          <Image key={p.id} className='wish-block__photo' src={p.thumbUrl} mode='aspectFill' nativeProps={{ alt: '已上传的完成照片' }} />
        ))}
      </View>
      {photos.length < MAX_PHOTOS ? (
        <Button className='btn btn--ghost wish-proof__pick' onClick={pick}>
          选择照片
        </Button>
      ) : null}
      <Textarea className='input wish-proof__note' value={note} maxlength={300} placeholder='圆梦说明，例如：已把米和油送到服务站' onInput={(e) => setNote(e.detail.value)} />
      {error ? <Text className='wish-block__error'>{error}</Text> : null}
      <View className='wish-block__actions'>
        <Button className='btn btn--primary wish-proof__submit' loading={bar.busy} disabled={bar.busy} onClick={() => bar.run(action, proof)}>
          提交
        </Button>
        <Button className='btn btn--ghost wish-proof__cancel' disabled={bar.busy} onClick={() => setOpen(false)}>
          取消
        </Button>
      </View>
    </View>
  )
}
