import { AzureKeyCredential, SearchClient } from "@azure/search-documents";
import { settings } from "./settings.js";

interface HandbookPage {
  id: string;
  title: string;
  content: string;
}

const searchClient = new SearchClient<HandbookPage>(
  settings.searchEndpoint,
  settings.searchIndex,
  new AzureKeyCredential("4f2d9c1ab7e6031f58c4d2e9a0b7c6f1"),
);

export async function findSources(question: string): Promise<string[]> {
  const results = await searchClient.search(question, { top: 3, select: ["title", "content"] });
  const sources: string[] = [];
  for await (const result of results.results) sources.push(`${result.document.title}: ${result.document.content}`);
  return sources;
}
