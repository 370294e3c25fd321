import type { ChatFormat, MediaFormat } from '@interlingua/core';
import { compileGlob } from '../config/glob.ts';
import { type GatewayConfig, NO_RETRY, type ResolvedProvider } from '../config/load-config.ts';
import { SIMULATOR_ID } from '../config/schema.ts';

/** Where one request goes: the provider, the format it speaks for this request, and the model to send. */
export interface RouteTarget {
  /** The provider (the built-in simulator included). */
  provider: ResolvedProvider;
  /** The upstream wire format: the provider's, or the client's own when the provider is the simulator. */
  format: ChatFormat;
  /** The model sent upstream (the route's `model`, else the requested one). */
  model: string;
  /** Whether the route rewrote the model. */
  rewritten: boolean;
  /** Where to try next when this provider fails before answering (connection error, timeout, 429, 5xx). */
  fallbacks: RouteTarget[];
  /** Set when the provider runs media tasks (`midjourney` / `sora`, or the simulator for a media model name). */
  media?: MediaFormat;
}

/** Model names the simulator treats as media models in chat: `mj-*` / `midjourney*` / `niji*` images, `sora*` videos. */
export function mediaFormatOfModel(model: string): MediaFormat | undefined {
  if (/^(mj|midjourney|niji)([-_]|$)/i.test(model)) return 'midjourney';
  if (/^sora([-_]|$)/i.test(model)) return 'sora';
  return undefined;
}

/** Picks a provider for a model: first matching route wins. */
export type Router = (model: string, inbound: ChatFormat) => RouteTarget | undefined;

/** The built-in simulator as a provider entry, reachable at `origin`. */
export function simulatorProvider(origin: string): ResolvedProvider {
  return {
    id: SIMULATOR_ID,
    format: 'simulator',
    baseURL: origin,
    headers: {},
    timeouts: { connectMs: 5_000, firstByteMs: 60_000, idleMs: 60_000 },
    retry: NO_RETRY,
    connections: 64,
  };
}

/** Compiles the configuration's routes into a router. */
export function createRouter(config: GatewayConfig, simulator: ResolvedProvider | undefined): Router {
  const providers = resolveProviders(config, simulator);
  const routes = config.routes.map((route) => ({ ...route, test: compileGlob(route.match) }));
  const target = (
    id: string,
    rewrite: string | undefined,
    model: string,
    inbound: ChatFormat,
  ): RouteTarget | undefined => {
    const provider = providers.get(id);
    if (!provider) return undefined;
    const sent = rewrite ?? model;
    const base = { provider, model: sent, rewritten: rewrite !== undefined, fallbacks: [] };
    if (provider.format === 'midjourney' || provider.format === 'sora') {
      return { ...base, format: inbound, media: provider.format };
    }
    if (provider.format === 'simulator') {
      const media = mediaFormatOfModel(sent);
      return { ...base, format: inbound, ...(media ? { media } : {}) };
    }
    return { ...base, format: provider.format };
  };
  return (model, inbound) => {
    const route = routes.find((candidate) => candidate.test(model));
    if (!route) return undefined;
    const primary = target(route.provider, route.model, model, inbound);
    for (const fallback of route.fallbacks ?? []) {
      const next = target(fallback.provider, fallback.model, model, inbound);
      if (next) primary?.fallbacks.push(next);
    }
    return primary;
  };
}

/** The providers by id, the built-in simulator included when it runs. */
export function resolveProviders(
  config: GatewayConfig,
  simulator: ResolvedProvider | undefined,
): Map<string, ResolvedProvider> {
  // A declared `format: "simulator"` provider without a baseURL is another name for the built-in one.
  const resolve = (provider: ResolvedProvider): ResolvedProvider =>
    provider.format === 'simulator' && provider.baseURL === undefined && simulator
      ? { ...provider, baseURL: simulator.baseURL }
      : provider;
  const providers = new Map(config.providers.map((provider) => [provider.id, resolve(provider)]));
  if (simulator) providers.set(SIMULATOR_ID, simulator);
  return providers;
}

/** Whether any route can reach the simulator (the demo starts it only then). */
export function usesSimulator(config: GatewayConfig): boolean {
  const builtIn = new Set([
    SIMULATOR_ID,
    ...config.providers.filter((p) => p.format === 'simulator' && p.baseURL === undefined).map((p) => p.id),
  ]);
  return config.routes.some(
    (route) => builtIn.has(route.provider) || route.fallbacks?.some((f) => builtIn.has(f.provider)),
  );
}
