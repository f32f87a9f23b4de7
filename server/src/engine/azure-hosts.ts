/**
 * Azure AI service hosts (docs/rules/insecure-endpoint.md), shared by the TypeScript and Bicep rules.
 */
const HOST_SERVICES: ReadonlyArray<[RegExp, string]> = [
  [/\.openai\.azure\.(com|us|cn)$/i, 'Azure OpenAI'],
  [/\.services\.ai\.azure\.com$/i, 'Azure AI services'],
  // Azure AI Foundry serverless model endpoints (`<name>.<region>.models.ai.azure.com`).
  [/\.models\.ai\.azure\.(com|us|cn)$/i, 'Azure AI Foundry models'],
  // Azure Machine Learning online endpoints (`<name>.<region>.inference.ml.azure.com`) and workspace APIs.
  [/\.inference\.ml\.azure\.(com|us|cn)$/i, 'Azure Machine Learning'],
  [/\.api\.azureml\.ms$/i, 'Azure Machine Learning'],
  [/\.api\.ml\.azure\.(us|cn)$/i, 'Azure Machine Learning'],
  [/\.cognitiveservices\.azure\.(com|us|cn)$/i, 'Azure AI services'],
  [/(^|\.)api\.cognitive\.microsoft\.(com|us)$/i, 'Azure AI services'],
  [/\.api\.cognitive\.azure\.cn$/i, 'Azure AI services'],
  [/^api\.cognitive\.microsofttranslator\.com$/i, 'Azure AI Translator'],
  [/\.search\.windows\.net$/i, 'Azure AI Search'],
  [/\.search\.azure\.(us|cn)$/i, 'Azure AI Search'],
  [/\.(stt|tts|s2s|voice)\.speech\.(microsoft\.com|azure\.us|azure\.cn)$/i, 'Azure AI Speech'],
];

/** The service an Azure AI host belongs to, or undefined for any other host. */
export function azureAiServiceOfHost(host: string): string | undefined {
  const bare = host.replace(/:\d+$/, '').replace(/\.$/, '');
  for (const [pattern, service] of HOST_SERVICES) if (pattern.test(bare)) return service;
  return undefined;
}

/** Host of a URL-ish string (`https://x.openai.azure.com/openai`), without parsing failures. */
export function hostOf(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s'"`]+)/i.exec(url.trim());
  if (!m) return undefined;
  return m[1]!.replace(/^[^@]*@/, '');
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return /^(localhost|127(\.\d{1,3}){3}|::1|0\.0\.0\.0|host\.docker\.internal)$/i.test(bare) || /\.localhost$/i.test(bare);
}
