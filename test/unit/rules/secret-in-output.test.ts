import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('secret-in-output', {
  valid: [
    {
      name: 'secure output of a key',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

@secure()
output key string = openAi.listKeys().key1
`,
    },
    {
      name: 'endpoint output',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

output endpoint string = openAi.properties.endpoint
`,
    },
    {
      name: 'plain param in an output',
      file: 'main.bicep',
      code: `param name string

output accountName string = name
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' existing = {
  name: 'contoso-search'
}

#disable-next-line secret-in-output
output queryKey string = search.listQueryKeys().value[0].key
`,
    },
  ],
  invalid: [
    {
      name: 'listKeys() on an existing account',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

@description('The primary key.')
output openAiKey string = openAi.listKeys().key1
`,
      errors: [{ line: 6, column: 1, endLine: 6, endColumn: 49, message: ["Output 'openAiKey'", 'listKeys()'] }],
      output: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

@secure()
@description('The primary key.')
output openAiKey string = openAi.listKeys().key1
`,
    },
    {
      name: 'listAdminKeys() of AI Search',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
}

output searchAdminKey string = search.listAdminKeys().primaryKey
`,
      errors: [{ line: 5, column: 1, endLine: 5, endColumn: 65 }],
      output: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
}

@secure()
output searchAdminKey string = search.listAdminKeys().primaryKey
`,
    },
    {
      name: 'function form listKeys(resourceId(…)) through a var',
      file: 'main.bicep',
      code: `param accountName string

var keys = listKeys(resourceId('Microsoft.CognitiveServices/accounts', accountName), '2024-10-01')

output keys object = keys
`,
      errors: [{ line: 5, column: 1, endLine: 5, endColumn: 26, message: ["through var 'keys'"] }],
      output: `param accountName string

var keys = listKeys(resourceId('Microsoft.CognitiveServices/accounts', accountName), '2024-10-01')

@secure()
output keys object = keys
`,
    },
    {
      name: 'a @secure() param',
      file: 'main.bicep',
      code: `@secure()
param adminPassword string

output password string = adminPassword
`,
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 39, message: ["@secure() param 'adminPassword'"] }],
      output: `@secure()
param adminPassword string

@secure()
output password string = adminPassword
`,
    },
    {
      name: 'listQueryKeys() in a loop output',
      file: 'main.bicep',
      code: `param names array = [
  'a'
  'b'
]

resource searches 'Microsoft.Search/searchServices@2023-11-01' = [for n in names: {
  name: n
}]

output queryKeys array = [for (n, i) in names: searches[i].listQueryKeys().value[0].key]
`,
      errors: [{ line: 10, column: 1, endLine: 10, endColumn: 89 }],
      output: null,
    },
    {
      name: 'var aliases three deep, of a key and of a @secure() param, inside an object output',
      file: 'main.bicep',
      code: `@secure()
param searchAdminKey string

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

var openAiKeys = openAi.listKeys()
var primary = openAiKeys.key1
var connection = {
  endpoint: openAi.properties.endpoint
  key: primary
}
var searchKey = searchAdminKey
var searchSettings = searchKey

output aiConnection object = connection
output searchConfig string = searchSettings
`,
      errors: [
        { line: 17, column: 1, endLine: 17, endColumn: 40, message: ["Output 'aiConnection'", 'the result of listKeys()', "through var 'connection'"] },
        { line: 18, column: 1, endLine: 18, endColumn: 44, message: ["@secure() param 'searchAdminKey'", "through var 'searchSettings'"] },
      ],
      output: `@secure()
param searchAdminKey string

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

var openAiKeys = openAi.listKeys()
var primary = openAiKeys.key1
var connection = {
  endpoint: openAi.properties.endpoint
  key: primary
}
var searchKey = searchAdminKey
var searchSettings = searchKey

@secure()
output aiConnection object = connection
output searchConfig string = searchSettings
`,
    },
    {
      name: 'CRLF',
      file: 'main.bicep',
      code: "resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {\r\n  name: 'contoso-openai'\r\n}\r\n\r\noutput key string = openAi.listKeys().key2\r\n",
      errors: [{ line: 5, column: 1, endLine: 5, endColumn: 43 }],
      output:
        "resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {\r\n  name: 'contoso-openai'\r\n}\r\n\r\n@secure()\r\noutput key string = openAi.listKeys().key2\r\n",
    },
  ],
});
