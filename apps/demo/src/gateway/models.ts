import type { JsonObject } from '@interlingua/core';
import type { GatewayConfig } from '../config/load-config.ts';
import { gatewayError } from './gateway-error.ts';

/** The models the simulator advertises (it answers any model name; `-thinking` ones always reason). */
export const SIMULATOR_MODELS = ['interlingua-sim', 'interlingua-sim-thinking'];

/**
 * The advertised model ids: each provider's `models`, the exact (glob-free) route matches, and the
 * simulator's list when a route reaches it. Routing itself accepts any name a route matches.
 */
export function advertisedModels(config: GatewayConfig, simulator: boolean): string[] {
  const ids = new Set<string>();
  for (const provider of config.providers) for (const model of provider.models ?? []) ids.add(model);
  for (const route of config.routes) if (!/[*?]/.test(route.match)) ids.add(route.match);
  if (simulator) for (const model of SIMULATOR_MODELS) ids.add(model);
  return [...ids];
}

const CREATED = 1_767_225_600; // 2026-01-01: a fixed date keeps the lists deterministic.

/** A model list in the shape of the format the client speaks. */
export function modelList(format: 'openai-chat' | 'claude' | 'gemini', ids: readonly string[]): JsonObject {
  if (format === 'claude') {
    return { data: ids.map(anthropicModel), first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null, has_more: false };
  }
  if (format === 'gemini') return { models: ids.map(geminiModel) };
  return { object: 'list', data: ids.map(openaiModel) };
}

/** One model in the client's shape; 404 unless it is advertised or a route serves it (`routed`). */
export function modelInfo(
  format: 'openai-chat' | 'claude' | 'gemini',
  ids: readonly string[],
  id: string,
  routed: boolean,
): JsonObject {
  if (!routed && !ids.includes(id)) {
    throw gatewayError('not_found', 404, `model "${id}" not found`, { code: 'model_not_found' });
  }
  if (format === 'claude') return anthropicModel(id);
  if (format === 'gemini') return geminiModel(id);
  return openaiModel(id);
}

function openaiModel(id: string): JsonObject {
  return { id, object: 'model', created: CREATED, owned_by: 'interlingua' };
}

function anthropicModel(id: string): JsonObject {
  return { id, type: 'model', display_name: id, created_at: new Date(CREATED * 1000).toISOString() };
}

function geminiModel(id: string): JsonObject {
  return {
    name: `models/${id}`,
    baseModelId: id,
    version: '1',
    displayName: id,
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedGenerationMethods: ['generateContent', 'countTokens'],
  };
}
