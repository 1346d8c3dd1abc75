import { createServer } from 'node:net';

/** Fails with a message naming the setting to change when another process already listens on the port. */
export async function assertPortFree(port: number, what: string, envVar: string): Promise<void> {
  const problem = await new Promise<string | undefined>((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(undefined)));
  });
  if (problem === undefined) return;
  const reason =
    problem === 'EADDRINUSE' ? 'is already in use by another process' : `cannot be used (${problem})`;
  throw new Error(
    `Port ${port} on 127.0.0.1, wanted for ${what}, ${reason}. Stop that process or choose another port with ${envVar}=<port>.`,
  );
}
