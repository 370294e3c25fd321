import { createLossRecorder } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import {
  chooseSchemaMode,
  jsonSchemaToOpenApi,
  needsJsonSchema,
  openApiToJsonSchema,
  sanitizeJsonSchema,
} from './schema.ts';

describe('schema dialects', () => {
  it('reads the OpenAPI subset as JSON Schema with lowercase types', () => {
    expect(
      openApiToJsonSchema({
        type: 'OBJECT',
        properties: { city: { type: 'STRING', nullable: true }, tags: { type: 'ARRAY', items: { type: 'string' } } },
        required: ['city'],
      }),
    ).toEqual({
      type: 'object',
      properties: { city: { type: ['string', 'null'] }, tags: { type: 'array', items: { type: 'string' } } },
      required: ['city'],
    });
  });

  it('inlines $ref / $defs and cuts recursion with a loss', () => {
    const losses = createLossRecorder('gemini');
    const out = jsonSchemaToOpenApi(
      {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { address: { $ref: '#/$defs/Address' }, node: { $ref: '#/$defs/Node' } },
        $defs: {
          Address: { type: 'object', properties: { street: { type: 'string' } } },
          Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' } } },
        },
      },
      losses,
      ['tools', 0, 'parameters'],
    );
    expect(out.properties).toMatchObject({ address: { type: 'object', properties: { street: { type: 'string' } } } });
    expect(JSON.stringify(out)).not.toContain('$ref');
    expect(JSON.stringify(out)).not.toContain('$defs');
    expect(losses.losses).toHaveLength(1);
    expect(losses.losses[0]).toMatchObject({ code: 'dropped', feature: 'tool.schema' });
    expect(losses.losses[0]?.message).toContain('recursive');
  });

  it('translates const, type arrays, oneOf and drops the rest with losses', () => {
    const losses = createLossRecorder('gemini');
    const out = jsonSchemaToOpenApi(
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          kind: { const: 'a' },
          name: { type: ['string', 'null'] },
          size: { enum: [1, 2] },
          either: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        },
      },
      losses,
      [],
    );
    expect(out).toEqual({
      type: 'object',
      properties: {
        kind: { enum: ['a'] },
        name: { type: 'string', nullable: true },
        size: { enum: ['1', '2'] },
        either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
      },
    });
    expect(losses.losses.map((l) => [l.code, l.path.join('.')])).toEqual([
      ['dropped', 'additionalProperties'],
      ['approximated', 'properties.size.enum'],
      ['approximated', 'properties.either.oneOf'],
    ]);
    expect(new Set(losses.losses.map((l) => l.feature))).toEqual(new Set(['tool.schema']));
  });

  it('chooses JSON Schema exactly when the OpenAPI subset would lose something', () => {
    expect(needsJsonSchema({ type: 'object', properties: { a: { type: 'string' } } })).toBe(false);
    expect(needsJsonSchema({ type: 'object', additionalProperties: false })).toBe(true);
    expect(needsJsonSchema({ type: 'object', properties: { a: { type: ['string', 'null'] } } })).toBe(true);
    expect(chooseSchemaMode({ type: 'object', $defs: {} }, undefined)).toBe('json-schema');
    expect(chooseSchemaMode({ type: 'object', $defs: {} }, 'openapi')).toBe('openapi');
  });

  it('keeps only accepted JSON Schema keywords', () => {
    const losses = createLossRecorder('gemini');
    expect(
      sanitizeJsonSchema(
        {
          type: 'object',
          definitions: { A: { type: 'string', minLength: 2 } },
          properties: { a: { $ref: '#/definitions/A', description: 'x' }, b: { const: 3 } },
        },
        losses,
        [],
      ),
    ).toEqual({
      type: 'object',
      $defs: { A: { type: 'string' } },
      properties: { a: { $ref: '#/$defs/A' }, b: { enum: [3] } },
    });
    expect(losses.losses.map((l) => l.path.join('.'))).toEqual(['definitions.A.minLength', 'properties.a.description']);
  });
});
