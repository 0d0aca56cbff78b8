/** Where the engine reads the time. Injected, so that a simulation runs the same engine on a virtual clock. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock that only moves when told to; time never runs backwards. */
export class VirtualClock implements Clock {
  #now: number

  constructor(start: number | Date) {
    this.#now = typeof start === 'number' ? start : start.getTime()
  }

  now(): number {
    return this.#now
  }

  set(time: number): void {
    if (time > this.#now) this.#now = time
  }
}
