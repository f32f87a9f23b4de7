import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('insecure-endpoint', {
  valid: [
    {
      name: 'https endpoint',
      file: 'main.bicep',
      code: `var endpoint = 'https://contoso.openai.azure.com/'
`,
    },
    {
      name: 'http to a host that is not an AI service',
      file: 'main.bicep',
      code: `var docs = 'http://contoso.example.com/openai.azure.com'
`,
    },
    {
      name: 'loopback emulator',
      file: 'main.bicep',
      code: `var local = 'http://localhost:5000'
`,
    },
    {
      name: 'scheme from a param',
      file: 'main.bicep',
      code: `param scheme string
var url = '\${scheme}://contoso.cognitiveservices.azure.com'
`,
    },
    {
      name: 'description decorator and comment',
      file: 'main.bicep',
      code: `// see http://contoso.openai.azure.com
@description('Formerly http://contoso.openai.azure.com')
param endpoint string
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `#disable-next-line insecure-endpoint
var endpoint = 'http://contoso.openai.azure.com'
`,
    },
  ],
  invalid: [
    {
      name: 'interpolated OpenAI host in app settings',
      file: 'main.bicep',
      code: `var openAiName = 'contoso-openai'

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    siteConfig: {
      appSettings: [
        {
          name: 'AZURE_OPENAI_ENDPOINT'
          value: 'http://\${openAiName}.openai.azure.com'
        }
      ]
    }
  }
}
`,
      errors: [{ line: 10, column: 18, endLine: 10, endColumn: 57, message: ['http://', 'Azure OpenAI', 'https://'] }],
      output: `var openAiName = 'contoso-openai'

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    siteConfig: {
      appSettings: [
        {
          name: 'AZURE_OPENAI_ENDPOINT'
          value: 'https://\${openAiName}.openai.azure.com'
        }
      ]
    }
  }
}
`,
    },
    {
      name: 'literal search host names the host',
      file: 'main.bicep',
      code: `output searchEndpoint string = 'http://contoso.search.windows.net/indexes'
`,
      errors: [{ line: 1, column: 32, endLine: 1, endColumn: 75, message: ['contoso.search.windows.net', 'Azure AI Search'] }],
      output: `output searchEndpoint string = 'https://contoso.search.windows.net/indexes'
`,
    },
    {
      name: 'ws:// speech endpoint',
      file: 'main.bicep',
      code: `var stt = 'ws://eastus.stt.speech.microsoft.com/speech/recognition'
`,
      errors: [{ line: 1, column: 11, endLine: 1, endColumn: 68, message: ['wss://'] }],
      output: `var stt = 'wss://eastus.stt.speech.microsoft.com/speech/recognition'
`,
    },
    {
      name: 'two URLs in one string are both fixed',
      file: 'main.bicep',
      code: `var urls = 'http://a.cognitiveservices.azure.com http://b.cognitiveservices.azure.com'
`,
      errors: [{ line: 1, column: 12, endLine: 1, endColumn: 87 }],
      output: `var urls = 'https://a.cognitiveservices.azure.com https://b.cognitiveservices.azure.com'
`,
    },
  ],
});
