#!/usr/bin/env node
/**
 * Draws the tab-bar icons (81×81 PNG, the size WeChat recommends) without an image library,
 * so a fresh clone can regenerate them: `node scripts/gen-tab-icons.js`.
 * Output: client/assets/tabbar/{home,mine}{,-active}.png
 */
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

const SIZE = 81
const GREY = [0x8a, 0x8f, 0x99]
const RED = [0xc8, 0x10, 0x2e]

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

function encodePng(pixels) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE)
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0
    pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function draw(inside, color) {
  const px = Buffer.alloc(SIZE * SIZE * 4)
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      // 3×3 supersampling keeps the edges smooth at this small size
      let hits = 0
      for (let sy = 0; sy < 3; sy++) for (let sx = 0; sx < 3; sx++) if (inside(x + (sx + 0.5) / 3, y + (sy + 0.5) / 3)) hits++
      const i = (y * SIZE + x) * 4
      px[i] = color[0]
      px[i + 1] = color[1]
      px[i + 2] = color[2]
      px[i + 3] = Math.round((hits / 9) * 255)
    }
  }
  return px
}

const ring = (cx, cy, r, w) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy)
  return d <= r && d >= r - w
}
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1

function home(x, y) {
  const roofOuter = y >= 14 && y <= 42 && Math.abs(x - 40.5) <= (y - 14) * 1.15 + 2
  const roofInner = y >= 22 && Math.abs(x - 40.5) <= (y - 22) * 1.15 - 3
  const roof = roofOuter && !roofInner && y <= 42
  const walls = rect(18, 38, 63, 68)(x, y) && !rect(24, 38, 57, 62)(x, y)
  const door = rect(35, 48, 46, 68)(x, y)
  return roof || walls || door
}

function mine(x, y) {
  const head = ring(40.5, 28, 13, 5)(x, y)
  const bodyOuter = y >= 46 && y <= 68 && disc(40.5, 70, 26)(x, y)
  const bodyInner = y >= 46 && y <= 63 && disc(40.5, 70, 21)(x, y)
  return head || (bodyOuter && !bodyInner)
}

/** 心愿: an outlined heart. */
function wishes(x, y) {
  const heart = (s) => (px, py) => {
    const u = (px - 40.5) / s
    const v = (44 - py) / s
    return Math.pow(u * u + v * v - 1, 3) - u * u * v * v * v <= 0
  }
  return heart(27)(x, y) && !heart(20)(x, y)
}

/** 办事: a clipboard with a tick. */
function service(x, y) {
  const board = rect(18, 16, 63, 70)(x, y) && !rect(24, 22, 57, 64)(x, y)
  const clip = rect(31, 11, 50, 21)(x, y)
  const d1 = Math.abs((y - 45) - (x - 30)) <= 3.2 && x >= 29 && x <= 38
  const d2 = Math.abs((y - 54) + (x - 39)) <= 3.2 && x >= 37 && x <= 53
  return board || clip || d1 || d2
}

/** 活动: a calendar page with two rings and a tick. */
function events(x, y) {
  const page = rect(16, 20, 65, 68)(x, y) && !rect(22, 34, 59, 62)(x, y)
  const rings = rect(27, 13, 32, 25)(x, y) || rect(49, 13, 54, 25)(x, y)
  const d1 = Math.abs((y - 47) - (x - 30)) <= 3 && x >= 29 && x <= 38
  const d2 = Math.abs((y - 55) + (x - 38)) <= 3 && x >= 37 && x <= 52
  return page || rings || d1 || d2
}

const outDir = path.join(__dirname, '..', 'client', 'assets', 'tabbar')
fs.mkdirSync(outDir, { recursive: true })
for (const [name, shape] of [['home', home], ['service', service], ['wishes', wishes], ['events', events], ['mine', mine]]) {
  fs.writeFileSync(path.join(outDir, `${name}.png`), encodePng(draw(shape, GREY)))
  fs.writeFileSync(path.join(outDir, `${name}-active.png`), encodePng(draw(shape, RED)))
}
console.log(`tab icons written to ${path.relative(process.cwd(), outDir)}`)
