import { formatPath, type Loss } from '@interlingua/core';

/** One line per loss: `loss dropped messages[2].content[0] (reasoning.signature): …`. */
export function formatLoss(loss: Loss, prefix = ''): string {
  const feature = loss.feature ? ` (${loss.feature})` : '';
  return `${prefix}loss ${loss.code} ${formatPath(loss.path)}${feature}: ${loss.message}`;
}
