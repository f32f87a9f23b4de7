import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('hardcoded-key', {
  valid: [
    {
      name: 'secure param without default',
      file: 'main.bicep',
      code: `@secure()
param openAiKey string
`,
    },
    {
      name: 'placeholder default',
      file: 'main.bicep',
      code: `param openAiKey string = '<your-key>'
`,
    },
    {
      name: 'empty default',
      file: 'main.bicep',
      code: `@secure()
param speechKey string = ''
`,
    },
    {
      name: 'hex value with a name that is not about keys',
      file: 'main.bicep',
      code: `param buildHash string = '7c4a8d09ca3762af61e59520943dc264'
var keyVaultName = 'kv-7c4a8d09ca3762af61e59520943dc264'
`,
    },
    {
      name: 'key from listKeys() is not a literal',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  name: 'kv/openai-key'
  properties: {
    value: openAi.listKeys().key1
  }
}
`,
    },
    {
      name: '.bicepparam reading an environment variable',
      file: 'main.bicepparam',
      code: `using './main.bicep'

param openAiKey = readEnvironmentVariable('AZURE_OPENAI_API_KEY')
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `#disable-next-line hardcoded-key insecure-key-param
param searchApiKey string = '7c4a8d09ca3762af61e59520943dc264'
`,
    },
  ],
  invalid: [
    {
      name: 'hex default of a key param: suggestion drops it and adds @secure()',
      file: 'main.bicep',
      code: `@description('Key of the Azure OpenAI account.')
param openAiKey string = '7c4a8d09ca3762af61e59520943dc264'

output endpoint string = 'https://contoso.openai.azure.com'
`,
      errors: [{ line: 2, column: 26, endLine: 2, endColumn: 60, message: ["param 'openAiKey'", "'7c4a…'", 'regenerated'] }],
      output: null,
      suggestions: [
        {
          title: 'Remove the key and mark the param @secure()',
          output: `@secure()
@description('Key of the Azure OpenAI account.')
param openAiKey string

output endpoint string = 'https://contoso.openai.azure.com'
`,
        },
      ],
    },
    {
      name: 'secure param with a literal default keeps its decorator',
      file: 'main.bicep',
      code: `@secure()
param searchAdminKey string = '7c4a8d09ca3762af61e59520943dc264'
`,
      errors: [{ line: 2, column: 31, endLine: 2, endColumn: 65 }],
      output: null,
      suggestions: [
        {
          title: 'Remove the key and mark the param @secure()',
          output: `@secure()
param searchAdminKey string
`,
        },
      ],
    },
    {
      name: '.bicepparam value of a key param',
      file: 'main.bicepparam',
      code: `using './main.bicep'

param location = 'eastus'
param speechKey = '7c4a8d09ca3762af61e59520943dc264'
`,
      errors: [{ line: 4, column: 19, endLine: 4, endColumn: 53, message: ["the value of param 'speechKey'"] }],
      output: null,
      suggestions: [
        {
          title: 'Read the key from environment variable SPEECH_KEY',
          output: `using './main.bicep'

param location = 'eastus'
param speechKey = readEnvironmentVariable('SPEECH_KEY')
`,
        },
      ],
    },
    {
      name: 'identifiable AI key in a var',
      file: 'main.bicep',
      code: `var openAiApiKey = 'Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5hJ7kL9mN1pQ3sT5vJQQJ99BKACAAAAAAAAAAAAABACOGXy12'
`,
      errors: [{ line: 1, column: 20, endLine: 1, endColumn: 106, message: ['Azure OpenAI key', "'Ab3d…'"] }],
      output: null,
      suggestions: [
        {
          title: "Turn var 'openAiApiKey' into a @secure() param",
          output: `@secure()
param openAiApiKey string
`,
        },
      ],
    },
    {
      name: 'storage connection string in apiProperties',
      file: 'main.bicep',
      code: `param location string = resourceGroup().location

resource qna 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-qna'
  location: location
  kind: 'QnAMaker.v2'
  properties: {
    apiProperties: {
      storageAccountConnectionString: 'DefaultEndpointsProtocol=https;AccountName=contosostore;AccountKey=q1W2e3R4t5Y6u7I8o9P0a1S2d3F4g5H6j7K8l9Z0x1C2v3B4n5M6q7W8e9R0t1Y2u3I4o5P6a7S8d9F0g1H2j3==;EndpointSuffix=core.windows.net'
    }
  }
}
`,
      errors: [{ line: 9, column: 39, endLine: 9, endColumn: 228, message: ["property 'storageAccountConnectionString' of 'qna'"] }],
      output: null,
      suggestions: [
        {
          title: "Move the key to a new @secure() param 'qnaStorageAccountConnectionString'",
          output: `param location string = resourceGroup().location

@description('storageAccountConnectionString of qna, supplied at deployment.')
@secure()
param qnaStorageAccountConnectionString string

resource qna 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-qna'
  location: location
  kind: 'QnAMaker.v2'
  properties: {
    apiProperties: {
      storageAccountConnectionString: qnaStorageAccountConnectionString
    }
  }
}
`,
        },
      ],
    },
    {
      name: 'identifiable key anywhere: in a tag and in a comment',
      file: 'main.bicep',
      code: `// old key Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5hJ7kL9mN1pQ3sT5vJQQJ99BKACAAAAAAAAAAAAABACOGXy12
resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
  tags: {
    note: 'Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5hJ7kL9mN1pQ3sT5vJQQJ99BKACAAAAAAAAAAAAABACOGXy12'
  }
}
`,
      errors: [
        { line: 1, column: 12, endLine: 1, endColumn: 96 },
        { line: 6, column: 11, endLine: 6, endColumn: 97 },
      ],
      output: null,
    },
    {
      name: 'CRLF',
      file: 'main.bicep',
      code: "@description('Speech key')\r\nparam speechKey string = '7c4a8d09ca3762af61e59520943dc264'\r\n",
      errors: [{ line: 2, column: 26, endLine: 2, endColumn: 60 }],
      output: null,
      suggestions: [{ title: 'Remove the key and mark the param @secure()', output: "@secure()\r\n@description('Speech key')\r\nparam speechKey string\r\n" }],
    },
  ],
});
