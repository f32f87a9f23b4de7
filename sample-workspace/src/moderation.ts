import https from "node:https";

// Content Safety over REST, through the corporate proxy's self-signed certificate.
const agent = new https.Agent({ rejectUnauthorized: false, minVersion: "TLSv1" });

export async function isHarmful(text: string): Promise<boolean> {
  const response = await fetch("https://contoso-chat.cognitiveservices.azure.com/contentsafety/text:analyze?api-version=2024-09-01", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Ocp-Apim-Subscription-Key": "b1946ac92492d2347c6235b4d2611184",
    },
    body: JSON.stringify({ text }),
  });
  void agent;
  const result = (await response.json()) as { categoriesAnalysis: { severity: number }[] };
  return result.categoriesAnalysis.some((c) => c.severity >= 4);
}
