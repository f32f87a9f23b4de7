import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('missing-cmk', {
  valid: [
    {
      name: 'OpenAI account with a customer-managed key',
      file: 'main.bicep',
      code: `param keyVaultUri string
param keyName string

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    encryption: {
      keySource: 'microsoft.keyvault'
      keyVaultProperties: {
        keyVaultUri: keyVaultUri
        keyName: keyName
      }
    }
  }
}
`,
    },
    {
      name: 'AIServices stores no customer data (policy exclusion)',
      file: 'main.bicep',
      code: `resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
}
`,
    },
    {
      name: 'ContentSafety is excluded too',
      file: 'main.bicep',
      code: `resource cs 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-safety'
  kind: 'ContentSafety'
}
`,
    },
    {
      name: 'unknown kind (param without default)',
      file: 'main.bicep',
      code: `param kind string

resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-acct'
  kind: kind
}
`,
    },
    {
      name: 'AI Search enforcing CMK',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  properties: {
    encryptionWithCmk: {
      enforcement: 'Enabled'
    }
  }
}
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `#disable-next-line missing-cmk
resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
}
`,
    },
  ],
  invalid: [
    {
      name: 'OpenAI account without encryption: suggestion adds params and the block',
      file: 'main.bicep',
      code: `@description('Name of the account.')
param name string = 'contoso-openai'

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  kind: 'OpenAI'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    disableLocalAuth: true
  }
}
`,
      errors: [{ line: 4, column: 10, endLine: 4, endColumn: 16, message: ["Azure AI account 'openAi' (kind 'OpenAI')", "'Microsoft.KeyVault'"] }],
      output: null,
      suggestions: [
        {
          title: 'Use a customer-managed key: add an encryption block and params for the Key Vault URI and key name',
          output: `@description('Name of the account.')
param name string = 'contoso-openai'

@description('URI of the Key Vault holding the customer-managed key for openAi (https://<vault>.vault.azure.net/).')
param openAiCmkKeyVaultUri string

@description('Name of the customer-managed key for openAi in that Key Vault.')
param openAiCmkKeyName string

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  kind: 'OpenAI'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    disableLocalAuth: true
    encryption: {
      keySource: 'Microsoft.KeyVault'
      keyVaultProperties: {
        keyVaultUri: openAiCmkKeyVaultUri
        keyName: openAiCmkKeyName
      }
    }
  }
}
`,
        },
      ],
    },
    {
      name: 'TextAnalytics with Microsoft-managed keys written',
      file: 'main.bicep',
      code: `resource lang 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-language'
  kind: 'TextAnalytics'
  properties: {
    encryption: {
      keySource: 'Microsoft.CognitiveServices'
    }
  }
}
`,
      errors: [{ line: 6, column: 18, endLine: 6, endColumn: 47, message: ["keySource is 'Microsoft.CognitiveServices'"] }],
      output: null,
      suggestions: [
        {
          title: 'Use a customer-managed key: add an encryption block and params for the Key Vault URI and key name',
          output: `@description('URI of the Key Vault holding the customer-managed key for lang (https://<vault>.vault.azure.net/).')
param langCmkKeyVaultUri string

@description('Name of the customer-managed key for lang in that Key Vault.')
param langCmkKeyName string

resource lang 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-language'
  kind: 'TextAnalytics'
  properties: {
    encryption: {
      keySource: 'Microsoft.KeyVault'
      keyVaultProperties: {
        keyVaultUri: langCmkKeyVaultUri
        keyName: langCmkKeyName
      }
    }
  }
}
`,
        },
      ],
    },
    {
      name: 'kind from a var, no params in the file',
      file: 'main.bicep',
      code: `var kind = 'FormRecognizer'

resource docs 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-docs'
  kind: kind
}
`,
      errors: [{ line: 3, column: 10, endLine: 3, endColumn: 14 }],
      output: null,
      suggestions: [
        {
          title: 'Use a customer-managed key: add an encryption block and params for the Key Vault URI and key name',
          output: `@description('URI of the Key Vault holding the customer-managed key for docs (https://<vault>.vault.azure.net/).')
param docsCmkKeyVaultUri string

@description('Name of the customer-managed key for docs in that Key Vault.')
param docsCmkKeyName string

var kind = 'FormRecognizer'

resource docs 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-docs'
  kind: kind
  properties: {
    encryption: {
      keySource: 'Microsoft.KeyVault'
      keyVaultProperties: {
        keyVaultUri: docsCmkKeyVaultUri
        keyName: docsCmkKeyName
      }
    }
  }
}
`,
        },
      ],
    },
    {
      name: 'AI Search with enforcement Disabled',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  properties: {
    encryptionWithCmk: {
      enforcement: 'Disabled'
    }
  }
}
`,
      errors: [{ line: 5, column: 20, endLine: 5, endColumn: 30, message: ["AI Search service 'search'", "'Disabled'"] }],
      output: null,
      suggestions: [
        {
          title: "Enforce customer-managed keys: set encryptionWithCmk.enforcement to 'Enabled'",
          output: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  properties: {
    encryptionWithCmk: {
      enforcement: 'Enabled'
    }
  }
}
`,
        },
      ],
    },
  ],
});
