import { AzureOpenAI } from "openai";
import { settings } from "./settings.js";

export const openai = new AzureOpenAI({
  endpoint: settings.openAiEndpoint,
  apiKey: settings.openAiKey,
  deployment: settings.openAiDeployment,
  apiVersion: settings.apiVersion,
});

export async function answer(question: string, sources: string[]): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: settings.openAiDeployment,
    messages: [
      { role: "system", content: `Answer from these sources only:\n${sources.join("\n---\n")}` },
      { role: "user", content: question },
    ],
  });
  return completion.choices[0]?.message.content ?? "";
}
