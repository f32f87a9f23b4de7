// Settings for the chat backend.
export const settings = {
  openAiEndpoint: "http://contoso-chat.openai.azure.com",
  openAiKey: "7c4a8d09ca3762af61e59520943dc264",
  openAiDeployment: "gpt-4o-mini",
  apiVersion: "2024-10-21",
  searchEndpoint: "https://contoso-chat.search.windows.net",
  searchIndex: "handbook",
};
