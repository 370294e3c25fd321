import { ADAPTERS } from './adapters.ts';
import { ConfigError, configPath, loadConfig } from './config/load-config.ts';
import { configJsonSchema } from './config/schema.ts';
import { usesSimulator } from './gateway/router.ts';
import { createGateway } from './gateway/server.ts';
import { createSimulator } from './simulator/server.ts';

// `npm run demo [-- --config FILE]`: the gateway, with the simulator as upstream when routes use it.
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(
      'usage: interlingua-demo [--config FILE]   (or INTERLINGUA_CONFIG=FILE)\n' +
        '       interlingua-demo --config-schema    (print the configuration JSON Schema)\nSee apps/demo/README.md.\n',
    );
    return;
  }
  if (argv.includes('--config-schema')) {
    process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    return;
  }
  const path = configPath(argv);
  const config = await loadConfig(path);
  const adapters = ADAPTERS;
  if (config.keys.length === 0 && !LOOPBACK.test(config.server.host)) {
    warn(`no client keys configured and listening on ${config.server.host}: anyone who can reach it can use it`);
  }
  const simulator = usesSimulator(config) ? createSimulator({ adapters, ...config.simulator }) : undefined;
  const simulatorOrigin = simulator ? await simulator.listen() : undefined;
  const gateway = createGateway({ config, adapters, ...(simulatorOrigin ? { simulatorOrigin } : {}) });
  const origin = await gateway.listen();
  process.stderr.write(
    `interlingua gateway listening on ${origin} (config: ${path ?? 'none, every model goes to the simulator'})\n` +
      (simulatorOrigin ? `simulator upstream on ${simulatorOrigin}\n` : '') +
      `try: curl -s ${origin}/v1/chat/completions -d '{"model":"demo","messages":[{"role":"user","content":"Hello!"}]}'\n`,
  );
  const stop = async () => {
    await gateway.close();
    await simulator?.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function warn(message: string): void {
  process.stderr.write(`interlingua gateway: warning: ${message}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError)
    process.stderr.write(`interlingua gateway: invalid configuration\n${error.message}\n`);
  else process.stderr.write(`interlingua gateway: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
