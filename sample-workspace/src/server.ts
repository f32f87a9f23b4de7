import { createServer } from "node:http";
import { answer } from "./openai.js";
import { findSources } from "./search.js";
import { isHarmful } from "./moderation.js";

const server = createServer(async (req, res) => {
  if (req.method !== "POST" || req.url !== "/chat") {
    res.writeHead(404).end();
    return;
  }
  let body = "";
  for await (const chunk of req) body += chunk;
  const { question } = JSON.parse(body) as { question: string };
  if (await isHarmful(question)) {
    res.writeHead(400, { "Content-Type": "application/json" }).end(JSON.stringify({ error: "Question rejected" }));
    return;
  }
  const reply = await answer(question, await findSources(question));
  res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ reply }));
});

server.listen(Number(process.env.PORT ?? 8080));
