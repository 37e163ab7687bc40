/**
 * 扫码 in a browser: the phone's camera in a full-screen overlay, decoded by `qr-scanner`. Resolves with the
 * code's text, or null when the person taps 取消; rejects with a CameraScanError whose message says, in Chinese,
 * why the camera cannot be used (then the caller offers the typed code instead).
 */
import Taro from '@tarojs/taro'
import QrScanner from 'qr-scanner'
import { useSession } from '../stores/session'

export class CameraScanError extends Error {}

export const CAMERA_REASONS = {
  insecure: '浏览器只在 https 下允许使用摄像头，请输入二维码下方的编码',
  unsupported: '这个浏览器不能使用摄像头，请输入二维码下方的编码',
  noCamera: '这台设备没有可用的摄像头，请输入二维码下方的编码',
  denied: '没有获得摄像头权限，请在浏览器设置中允许使用摄像头，或输入二维码下方的编码',
  busy: '摄像头正被其他应用使用，请关闭后重试，或输入二维码下方的编码',
} as const

function reasonFor(err: unknown): string {
  const name = (err as { name?: string } | null)?.name
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return CAMERA_REASONS.denied
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return CAMERA_REASONS.busy
  return CAMERA_REASONS.noCamera
}

async function openCamera(): Promise<MediaStream> {
  if (typeof window === 'undefined' || !window.isSecureContext) throw new CameraScanError(CAMERA_REASONS.insecure)
  const media = navigator.mediaDevices
  if (!media?.getUserMedia) throw new CameraScanError(CAMERA_REASONS.unsupported)
  // A device with no camera at all says so before any permission prompt.
  const devices = await media.enumerateDevices?.().catch(() => null)
  if (devices && !devices.some((d) => d.kind === 'videoinput')) throw new CameraScanError(CAMERA_REASONS.noCamera)
  try {
    return await media.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
  } catch (err) {
    throw new CameraScanError(reasonFor(err))
  }
}

const size = (designPx: number) => Taro.pxTransform(designPx)

function overlay(hint: string, elder: boolean) {
  const root = document.createElement('div')
  root.className = 'camera-scan'
  root.setAttribute('role', 'dialog')
  root.setAttribute('aria-label', '扫码')
  Object.assign(root.style, {
    position: 'fixed', inset: '0', zIndex: '10000', background: '#000', display: 'flex',
    flexDirection: 'column', alignItems: 'stretch', justifyContent: 'space-between',
  })
  const video = document.createElement('video')
  video.className = 'camera-scan__video'
  video.setAttribute('playsinline', 'true')
  video.muted = true
  Object.assign(video.style, { position: 'absolute', inset: '0', width: '100%', height: '100%', objectFit: 'cover' })
  const text = document.createElement('div')
  text.className = 'camera-scan__hint'
  text.textContent = hint
  Object.assign(text.style, {
    position: 'relative', zIndex: '1', margin: size(48), padding: size(20), borderRadius: size(12), background: 'rgba(0,0,0,0.7)',
    color: '#fff', textAlign: 'center', fontSize: size(elder ? 42 : 32), lineHeight: '1.5',
  })
  const frame = document.createElement('div')
  Object.assign(frame.style, {
    position: 'relative', alignSelf: 'center', width: '62vw', height: '62vw', border: '3px solid #fff', borderRadius: size(16),
    boxShadow: '0 0 0 200vmax rgba(0,0,0,0.35)',
  })
  const cancel = document.createElement('button')
  cancel.type = 'button'
  cancel.className = 'camera-scan__cancel'
  cancel.textContent = '取消'
  Object.assign(cancel.style, {
    position: 'relative', zIndex: '1', margin: size(48), minHeight: elder ? `max(64px, ${size(128)})` : `max(48px, ${size(96)})`,
    border: 'none', borderRadius: size(12), background: '#fff', color: '#c8102e', fontWeight: '600',
    fontSize: size(elder ? 42 : 32),
  })
  root.append(video, text, frame, cancel)
  document.body.appendChild(root)
  return { root, video, cancel }
}

/** Opens the camera and reads one QR code; `hint` says what to point it at. */
export async function scanWithCamera(hint = '将二维码放入框内'): Promise<string | null> {
  const stream = await openCamera()
  const { root, video, cancel } = overlay(hint, useSession.getState().elderMode)
  let done = false
  const close = () => {
    done = true
    stream.getTracks().forEach((t) => t.stop())
    root.remove()
  }
  try {
    video.srcObject = stream
    await video.play()
    const engine = await QrScanner.createQrEngine()
    return await new Promise<string | null>((resolve, reject) => {
      cancel.addEventListener('click', () => resolve(null))
      stream.getVideoTracks()[0]?.addEventListener('ended', () => reject(new CameraScanError(CAMERA_REASONS.noCamera)))
      const tick = async () => {
        if (done) return
        try {
          const r = await QrScanner.scanImage(video, { returnDetailedScanResult: true, qrEngine: engine })
          if (r.data && !done) return resolve(r.data)
        } catch {
          // no code in this frame
        }
        if (!done) setTimeout(() => void tick(), 150)
      }
      void tick()
    }).finally(() => {
      if (engine instanceof Worker) engine.terminate()
    })
  } finally {
    close()
  }
}
