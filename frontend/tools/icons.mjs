// Draws the app's icons (public/icons/icon-192.png, icon-512.png, maskable-512.png) without any download: a blue
// square with a white "一" bar under a ring, the portal's mark in shapes a PNG encoder needs no font for.
// Run `node tools/icons.mjs` after changing the drawing; the PNGs are committed.
import { deflateSync } from 'node:zlib'
import { mkdirSync, writeFileSync } from 'node:fs'

const BLUE = [0x1a, 0x56, 0xb8]
const WHITE = [0xff, 0xff, 0xff]

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes) {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

// RGBA pixels from a function of the pixel's centre in units of the icon's size (0..1).
function png(size, paint) {
  const rows = []
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4)
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = paint((x + 0.5) / size, (y + 0.5) / size)
      row.set([r, g, b, a], 1 + x * 4)
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// The mark within a safe zone of `inset` (maskable icons keep their content within the middle 80 %).
function mark(inset, rounded) {
  return (x, y) => {
    const corner = 0.18
    if (rounded) {
      const cx = Math.min(Math.max(x, corner), 1 - corner)
      const cy = Math.min(Math.max(y, corner), 1 - corner)
      if (Math.hypot(x - cx, y - cy) > corner) return [0, 0, 0, 0]
    }
    const u = (x - inset) / (1 - 2 * inset)
    const v = (y - inset) / (1 - 2 * inset)
    const ring = Math.hypot(u - 0.5, v - 0.4)
    const onRing = ring > 0.2 && ring < 0.28
    const onBar = v > 0.74 && v < 0.84 && u > 0.2 && u < 0.8
    return [...(onRing || onBar ? WHITE : BLUE), 255]
  }
}

const dir = new URL('../public/icons/', import.meta.url)
mkdirSync(dir, { recursive: true })
writeFileSync(new URL('icon-192.png', dir), png(192, mark(0.08, true)))
writeFileSync(new URL('icon-512.png', dir), png(512, mark(0.08, true)))
writeFileSync(new URL('maskable-512.png', dir), png(512, mark(0.16, false)))
writeFileSync(new URL('apple-touch-icon-180.png', dir), png(180, mark(0.1, false)))
