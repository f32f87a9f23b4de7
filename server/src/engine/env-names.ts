/**
 * `azureOpenAIKey` → `AZURE_OPENAI_KEY`, `search-api-key` → `SEARCH_API_KEY`. Acronyms stay
 * whole (`OpenAI` → `OPENAI`), since that is how the SDKs spell their variables.
 */
export function toEnvName(name: string): string {
  const words = name
    .replace(/open[-_]?ai(?=[A-Z_-]|$)/gi, 'Openai')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/(?<=[A-Z])(?=[A-Z][a-z])/g, '_') // `AIKey` → `AI_Key`, one position at a time (linear)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const joined = words.join('_').toUpperCase();
  if (!joined) return 'AZURE_AI_API_KEY';
  return /^[0-9]/.test(joined) ? `KEY_${joined}` : joined;
}

/** A valid environment variable name, as `.env` loaders accept it. */
export function isEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
