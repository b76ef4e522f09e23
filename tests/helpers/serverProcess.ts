import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type ServerProcess = {
  child: ChildProcess
  url: string
  /** Everything the process printed so far. */
  output: () => string
  exited: Promise<number | null>
}

/**
 * Runs `src/server.ts` as its own process, as `npm run dev` does (or `npm start` with
 * `production`, which needs `npm run build` first), and resolves once it is listening.
 */
export function spawnServer(env: Record<string, string>, { production = false } = {}): Promise<ServerProcess> {
  const mode = production ? 'production' : 'development'
  const child = spawn(process.execPath, [`--conditions=${mode}`, '--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: mode,
      HOST: '127.0.0.1',
      PORT: '0',
      SERVE_ADMIN: production ? 'true' : 'false',
      LOG_LEVEL: 'info',
      // No test mails anyone: production is started with reset mail off, development logs it (a test passes SMTP_URL to send).
      SMTP_URL: production ? 'off' : '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 90_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const ready = output.match(/"url":"(http:\/\/127\.0\.0\.1:\d+)"/)
      if (ready) {
        clearTimeout(timer)
        resolve({ child, url: ready[1]!, output: () => output, exited })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(Object.assign(new Error(`server exited with ${code}:\n${output}`), { code, output }))
    })
  })
}
