import { jest } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { EventEmitter } from 'node:events'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { installProcessGuard } from '../../src/process/guard'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

describe('process guard', () => {
  const setup = () => {
    // A stand-in for `process`, so the test can emit its events without touching the real ones.
    const target = Object.assign(new EventEmitter(), { pid: 4242 })
    const error = jest.fn()
    const guard = installProcessGuard({ role: 'server', logger: { error } as never, target: target as unknown as NodeJS.Process })
    return { target, error, guard }
  }

  test('an unhandled rejection is logged at error with its error, the role, the pid and a count', () => {
    const { target, error, guard } = setup()
    const reason = new Error('nobody awaited me')
    target.emit('unhandledRejection', reason, Promise.resolve())
    target.emit('unhandledRejection', 'a bare string', Promise.resolve())
    expect(error).toHaveBeenCalledTimes(2)
    expect(error.mock.calls[0]![0]).toMatchObject({ event: 'unhandledRejection', role: 'server', pid: 4242, occurrences: 1, err: reason })
    expect(error.mock.calls[0]![1]).toMatch(/unhandled promise rejection.*keeps serving/)
    // Something thrown that is not an Error is kept as text.
    expect(error.mock.calls[1]![0]).toMatchObject({ event: 'unhandledRejection', occurrences: 2, reason: 'a bare string' })
    expect(guard.counts()).toEqual({ unhandledRejection: 2, uncaughtException: 0 })
  })

  test('an uncaught exception is logged at error with its origin', () => {
    const { target, error, guard } = setup()
    const thrown = new Error('thrown in a timer')
    target.emit('uncaughtException', thrown, 'uncaughtException')
    target.emit('uncaughtException', { code: 'E_OBJECT' }, 'uncaughtException')
    expect(error.mock.calls[0]![0]).toMatchObject({ event: 'uncaughtException', role: 'server', origin: 'uncaughtException', err: thrown })
    expect(error.mock.calls[1]![0]).toMatchObject({ reason: '{"code":"E_OBJECT"}', occurrences: 2 })
    expect(guard.counts()).toEqual({ unhandledRejection: 0, uncaughtException: 2 })
  })

  test('uninstall removes both listeners', () => {
    const { target, guard } = setup()
    expect(target.listenerCount('unhandledRejection')).toBe(1)
    expect(target.listenerCount('uncaughtException')).toBe(1)
    guard.uninstall()
    expect(target.listenerCount('unhandledRejection')).toBe(0)
    expect(target.listenerCount('uncaughtException')).toBe(0)
  })

  test('a real process with the guard survives a rejected promise, a throw in a timer and an unhandled emitter error', () => {
    // Without the guard, any one of these ends a Node process with exit code 1.
    const script = `
      const { installProcessGuard } = await import(${JSON.stringify(path.join(root, 'src/process/guard.ts'))})
      const { EventEmitter } = await import('node:events')
      installProcessGuard({ role: 'test' })
      void Promise.reject(new Error('nobody caught me'))
      setTimeout(() => { throw new Error('thrown in a timer') }, 10)
      setTimeout(() => new EventEmitter().emit('error', new Error('emitted with no listener')), 20)
      setTimeout(() => { console.log('still serving'); process.exit(0) }, 300)
    `
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'info' },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(result.stderr).not.toMatch(/Error \[|^\s+at /m)
    expect(result.status).toBe(0)
    const lines = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { level: number; event: string; role: string; err?: { message: string; stack: string } })
    expect(lines.map((line) => [line.level, line.event, line.err?.message])).toEqual([
      [50, 'unhandledRejection', 'nobody caught me'],
      [50, 'uncaughtException', 'thrown in a timer'],
      [50, 'uncaughtException', 'emitted with no listener'],
    ])
    expect(lines.every((line) => line.role === 'test' && /Error: /.test(line.err!.stack))).toBe(true)
    expect(result.stdout).toContain('still serving')
  }, 40_000)
})
