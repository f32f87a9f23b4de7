import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('key-in-app-settings', {
  valid: [
    {
      name: 'Key Vault reference and endpoint only',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    siteConfig: {
      appSettings: [
        {
          name: 'AZURE_OPENAI_ENDPOINT'
          value: openAi.properties.endpoint
        }
        {
          name: 'AZURE_OPENAI_API_KEY'
          value: '@Microsoft.KeyVault(SecretUri=https://contoso-kv.vault.azure.net/secrets/openai-key/)'
        }
      ]
    }
  }
}
`,
    },
    {
      name: 'storage keys are not AI keys',
      file: 'main.bicep',
      code: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosostore'
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    siteConfig: {
      appSettings: [
        {
          name: 'STORAGE_KEY'
          value: st.listKeys().keys[0].value
        }
      ]
    }
  }
}
`,
    },
    {
      name: 'key in a Key Vault secret is the safe sink',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  name: 'contoso-kv/openai-key'
  properties: {
    value: openAi.listKeys().key1
  }
}
`,
    },
    {
      name: 'container app secret from Key Vault, APIM named value from Key Vault, backend with managed identity policy',
      file: 'main.bicep',
      code: `param identityId string

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

resource api 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'contoso-api'
  properties: {
    configuration: {
      secrets: [
        {
          name: 'openai-key'
          keyVaultUrl: 'https://contoso-kv.vault.azure.net/secrets/openai-key'
          identity: identityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'api'
          image: 'contoso/api:1.0'
          env: [
            {
              name: 'AZURE_OPENAI_ENDPOINT'
              value: openAi.properties.endpoint
            }
          ]
        }
      ]
    }
  }
}

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: 'contoso-apim'

  resource openAiKeyValue 'namedValues' = {
    name: 'openai-key'
    properties: {
      displayName: 'openai-key'
      secret: true
      keyVault: {
        secretIdentifier: 'https://contoso-kv.vault.azure.net/secrets/openai-key'
      }
    }
  }

  resource backend 'backends' = {
    name: 'openai'
    properties: {
      protocol: 'http'
      url: '\${openAi.properties.endpoint}openai'
      credentials: {
        header: {
          'x-ms-client-name': [
            'contoso-gateway'
          ]
        }
      }
    }
  }
}
`,
    },
    {
      name: 'storage keys in a container app secret are not AI keys',
      file: 'main.bicep',
      code: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosostore'
}

resource jobs 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'contoso-jobs'
  properties: {
    configuration: {
      secrets: [
        {
          name: 'storage-key'
          value: st.listKeys().keys[0].value
        }
      ]
    }
  }
}
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    siteConfig: {
      appSettings: [
        {
          name: 'AZURE_OPENAI_API_KEY'
          #disable-next-line key-in-app-settings
          value: openAi.listKeys().key1
        }
      ]
    }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'listKeys() of an existing account in web app settings',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    siteConfig: {
      appSettings: [
        {
          name: 'AZURE_OPENAI_API_KEY'
          value: openAi.listKeys().key1
        }
      ]
    }
  }
}
`,
      errors: [{ line: 12, column: 18, endLine: 12, endColumn: 40, message: ['Azure AI account key from listKeys()', "app settings of 'app'", 'managed identity', 'Key Vault reference'] }],
      output: null,
    },
    {
      name: 'listAdminKeys() of AI Search through a var, in an appsettings config child',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
}

var searchKey = search.listAdminKeys().primaryKey

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'

  resource settings 'config' = {
    name: 'appsettings'
    properties: {
      AZURE_SEARCH_ENDPOINT: 'https://contoso-search.search.windows.net'
      AZURE_SEARCH_KEY: searchKey
    }
  }
}
`,
      errors: [{ line: 14, column: 7, endLine: 14, endColumn: 34, message: ["(var 'searchKey')"] }],
      output: null,
    },
    {
      name: 'function form in container app env',
      file: 'main.bicep',
      code: `param accountName string

resource api 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'contoso-api'
  properties: {
    template: {
      containers: [
        {
          name: 'api'
          image: 'contoso/api:1.0'
          env: [
            {
              name: 'SPEECH_KEY'
              value: listKeys(resourceId('Microsoft.CognitiveServices/accounts', accountName), '2024-10-01').key1
            }
          ]
        }
      ]
    }
  }
}
`,
      errors: [{ line: 14, column: 22, endLine: 14, endColumn: 114, message: ["container env of 'api'"] }],
      output: null,
    },
    {
      name: 'interpolated into a setting of web apps in a loop',
      file: 'main.bicep',
      code: `resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
}

resource apps 'Microsoft.Web/sites@2023-12-01' = [for i in range(0, 2): {
  name: 'contoso-app-\${i}'
  properties: {
    siteConfig: {
      appSettings: [
        {
          name: 'AI_CONNECTION'
          value: 'Endpoint=\${ai.properties.endpoint};Key=\${ai.listKeys().key2}'
        }
      ]
    }
  }
}]
`,
      errors: [{ line: 13, column: 18, endLine: 13, endColumn: 80 }],
      output: null,
    },
    {
      name: 'container app secret from listKeys() of an existing account',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'contoso-openai'
}

resource api 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'contoso-api'
  properties: {
    configuration: {
      secrets: [
        {
          name: 'openai-key'
          value: openAi.listKeys().key1
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'api'
          image: 'contoso/api:1.0'
          env: [
            {
              name: 'AZURE_OPENAI_API_KEY'
              secretRef: 'openai-key'
            }
          ]
        }
      ]
    }
  }
}
`,
      errors: [{ line: 12, column: 18, endLine: 12, endColumn: 40, message: ['Azure AI account key from listKeys()', "secrets of container app 'api'", 'keyVaultUrl'] }],
      output: null,
    },
    {
      name: 'container app secret through two vars',
      file: 'main.bicep',
      code: `resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
}

var aiKeys = ai.listKeys()
var aiKey = aiKeys.key1

resource worker 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'contoso-worker'
  properties: {
    configuration: {
      secrets: [
        {
          name: 'ai-key'
          value: aiKey
        }
      ]
    }
  }
}
`,
      errors: [{ line: 16, column: 11, endLine: 16, endColumn: 23, message: ["(var 'aiKey')", "secrets of container app 'worker'"] }],
      output: null,
    },
    {
      name: 'API Management named value holding an AI Search query key, even marked secret',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2025-05-01' existing = {
  name: 'contoso-search'
}

resource apim 'Microsoft.ApiManagement/service@2024-05-01' existing = {
  name: 'contoso-apim'
}

resource searchKey 'Microsoft.ApiManagement/service/namedValues@2024-05-01' = {
  parent: apim
  name: 'search-query-key'
  properties: {
    displayName: 'search-query-key'
    secret: true
    value: search.listQueryKeys().value[0].key
  }
}
`,
      errors: [
        { line: 15, column: 12, endLine: 15, endColumn: 47, message: ['AI Search service key from listQueryKeys()', "API Management named value 'searchKey'", 'keyVault.secretIdentifier'] },
      ],
      output: null,
    },
    {
      name: 'API Management backend credential header and query, nested in the service',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
}

resource apim 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: 'contoso-apim'
  location: 'eastus'
  sku: {
    name: 'Developer'
    capacity: 1
  }
  properties: {
    publisherEmail: 'admin@contoso.com'
    publisherName: 'Contoso'
  }

  resource openAiBackend 'backends' = {
    name: 'openai'
    properties: {
      protocol: 'http'
      url: '\${openAi.properties.endpoint}openai'
      credentials: {
        header: {
          'api-key': [
            openAi.listKeys().key1
          ]
        }
        query: {
          'api-key': [openAi.listKeys().key2]
        }
      }
    }
  }
}
`,
      errors: [
        { line: 26, column: 13, endLine: 26, endColumn: 35, message: ["credentials of API Management backend 'openAiBackend'", 'authentication-managed-identity'] },
        { line: 30, column: 23, endLine: 30, endColumn: 45 },
      ],
      output: null,
    },
  ],
});
