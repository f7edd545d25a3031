import { describe, expect, it } from 'vitest'

import { estimateSkew, rotateGray } from './deskew.js'
import {
  encodePgm,
  grayFromRgba,
  profilePage,
  scaleGray,
  stackRegions,
  turnGray,
  type GrayImage,
} from './gray-image.js'

/** A white page with dark horizontal bars standing in for lines of text. */
function barsPage(width: number, height: number, bars: readonly [number, number][]): GrayImage {
  const data = new Uint8Array(width * height).fill(250)
  for (const [top, bottom] of bars) {
    for (let y = top; y < bottom; y++) {
      // Words: dark runs separated by gaps.
      for (let x = 40; x < width - 40; x++) if (x % 50 < 38) data[y * width + x] = 20
    }
  }
  return { width, height, data }
}

describe('grayFromRgba', () => {
  it('composites transparent pixels over white', () => {
    const rgba = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255])
    expect([...grayFromRgba(rgba, 3, 1).data]).toEqual([255, 0, 255])
  })
})

describe('encodePgm', () => {
  it('writes a binary PGM header followed by the pixels', () => {
    const bytes = encodePgm({ width: 2, height: 1, data: new Uint8Array([7, 9]) })
    expect(new TextDecoder().decode(bytes.subarray(0, 11))).toBe('P5\n2 1\n255\n')
    expect([...bytes.subarray(11)]).toEqual([7, 9])
  })
})

describe('scaleGray', () => {
  it('halves by averaging and doubles by interpolating', () => {
    const image = { width: 2, height: 2, data: new Uint8Array([0, 100, 200, 100]) }
    expect([...scaleGray(image, 0.5).data]).toEqual([100])
    expect(scaleGray(image, 2)).toMatchObject({ width: 4, height: 4 })
  })
})

describe('profilePage', () => {
  it('finds one band per line and their usual height', () => {
    const profile = profilePage(
      barsPage(600, 400, [
        [50, 80],
        [120, 150],
        [190, 222],
      ]),
    )
    expect(profile.bands).toHaveLength(3)
    expect(profile.lineHeight).toBeGreaterThanOrEqual(30)
    expect(profile.lineHeight).toBeLessThanOrEqual(32)
  })

  it('sees no ink on a blank page with faint noise', () => {
    const data = new Uint8Array(400 * 300).map((_, i) => 245 + (i % 7))
    expect(profilePage({ width: 400, height: 300, data }).hasInk).toBe(false)
  })
})

describe('stackRegions', () => {
  it('copies regions one below the other with white between them', () => {
    const page = barsPage(300, 200, [[20, 40]])
    const stacked = stackRegions(page, [{ top: 20, bottom: 40, left: 40, right: 140 }], 10)
    expect(stacked).toMatchObject({ width: 120, height: 40 })
    expect(stacked.data[0]).toBe(255)
    expect(stacked.data[10 * 120 + 25]).toBe(20)
  })
})

describe('estimateSkew', () => {
  it('measures the angle of rotated lines and finds none after straightening', () => {
    const page = barsPage(900, 700, [
      [150, 180],
      [240, 270],
      [330, 360],
      [420, 450],
      [510, 540],
    ])
    const skewed = rotateGray(page, -4)
    const angle = estimateSkew(skewed)
    expect(Math.abs(Math.abs(angle) - 4)).toBeLessThanOrEqual(0.3)
    expect(Math.abs(estimateSkew(rotateGray(skewed, angle)))).toBeLessThanOrEqual(0.3)
  })

  it('reports no skew for level lines', () => {
    expect(
      estimateSkew(
        barsPage(900, 500, [
          [100, 130],
          [200, 230],
          [300, 330],
        ]),
      ),
    ).toBe(0)
  })
})

describe('turnGray', () => {
  // 3 × 2:  1 2 3
  //         4 5 6
  const image: GrayImage = { width: 3, height: 2, data: new Uint8Array([1, 2, 3, 4, 5, 6]) }

  it('turns an image clockwise by quarter turns', () => {
    expect(turnGray(image, 1)).toEqual({
      width: 2,
      height: 3,
      data: new Uint8Array([4, 1, 5, 2, 6, 3]),
    })
    expect(turnGray(image, 2)).toEqual({
      width: 3,
      height: 2,
      data: new Uint8Array([6, 5, 4, 3, 2, 1]),
    })
    expect(turnGray(image, 3)).toEqual({
      width: 2,
      height: 3,
      data: new Uint8Array([3, 6, 2, 5, 1, 4]),
    })
  })

  it('gives the image back after four quarter turns', () => {
    expect(turnGray(turnGray(turnGray(turnGray(image, 1), 1), 1), 1)).toEqual(image)
    expect(turnGray(image, 0)).toBe(image)
  })
})
