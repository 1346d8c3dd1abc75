/**
 * A service started by the launcher (`npm start`, `npm test`) has an IPC channel to it. When that channel
 * closes, the launcher is gone (even killed with SIGKILL, when it could not stop its children): the service
 * shuts down as on SIGTERM (consumers leave their group) instead of running on as an orphan holding its port.
 * Started any other way (containers, Kubernetes), a service has no channel and this does nothing.
 */
export function exitWithLauncher(): void {
  if (!process.send || !process.channel) return;
  // The channel must not keep the process alive by itself once the app has shut down.
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
