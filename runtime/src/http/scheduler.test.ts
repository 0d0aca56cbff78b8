import { describe, expect, it } from 'vitest'
import { latenessWindow } from './scheduler'

describe('the lateness /health reports', () => {
  it('is nothing before anything ran', () => {
    expect(latenessWindow().quantiles()).toEqual({ p50: 0, p99: 0, max: 0 })
  })

  it('is read from the last 1,000 items only: a late start long ago does not stay in the figures', () => {
    const window = latenessWindow()
    for (let i = 0; i < 500; i++) window.record(60_000)
    for (let i = 1; i <= 1000; i++) window.record(i)
    expect(window.quantiles()).toEqual({ p50: 501, p99: 991, max: 1000 })
  })

  it('sorts as numbers, not as text (9 ms is less late than 10 ms)', () => {
    const window = latenessWindow(3)
    for (const ms of [10, 9, 100]) window.record(ms)
    expect(window.quantiles()).toEqual({ p50: 10, p99: 100, max: 100 })
  })
})
