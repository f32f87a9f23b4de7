import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('public-network-access', {
  valid: [
    {
      name: 'OpenAI account with public network access disabled',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}
`,
    },
    {
      name: 'lower-case disabled from a param default',
      file: 'main.bicep',
      code: `param access string = 'disabled'

resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
  properties: {
    publicNetworkAccess: access
  }
}
`,
    },
    {
      name: 'deny by default through a var (lower-case deny)',
      file: 'main.bicep',
      code: `var acls = {
  defaultAction: 'deny'
  ipRules: [
    { value: '203.0.113.0/24' }
  ]
}

resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-speech'
  kind: 'SpeechServices'
  properties: {
    publicNetworkAccess: 'Enabled'
    networkAcls: acls
  }
}
`,
    },
    {
      name: 'param without default is unknown',
      file: 'main.bicep',
      code: `param publicNetworkAccess string

resource lang 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-language'
  kind: 'TextAnalytics'
  properties: {
    publicNetworkAccess: publicNetworkAccess
  }
}
`,
    },
    {
      name: 'existing account is not checked',
      file: 'main.bicep',
      code: `resource shared 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: 'shared-openai'
}
`,
    },
    {
      name: 'AI Search with IP rules',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  sku: { name: 'basic' }
  properties: {
    publicNetworkAccess: 'enabled'
    networkRuleSet: {
      ipRules: [
        { value: '203.0.113.10' }
      ]
    }
  }
}
`,
    },
    {
      name: 'ML workspace with public network access disabled',
      file: 'main.bicep',
      code: `resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-ml'
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}
`,
    },
    {
      name: 'storage is not an AI resource',
      file: 'main.bicep',
      code: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
  properties: {
    publicNetworkAccess: 'Enabled'
  }
}
`,
    },
    {
      name: 'AI Search secured by a network security perimeter',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2025-05-01' = {
  name: 'contoso-search'
  sku: {
    name: 'standard'
  }
  properties: {
    publicNetworkAccess: 'SecuredByPerimeter'
  }
}
`,
    },
    {
      name: 'AI account denying by default with specific IP rules',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: [
        {
          value: '203.0.113.0/24'
        }
        {
          value: '198.51.100.7'
        }
      ]
    }
  }
}
`,
    },
    {
      name: 'allow-all IP rule on an account whose public network access is disabled',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: [
        {
          value: '0.0.0.0/0'
        }
      ]
    }
  }
}
`,
    },
    {
      name: 'ML projects inherit the hub network (kind Project, or a hubResourceId)',
      file: 'main.bicep',
      code: `param hubId string

resource project 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-project'
  kind: 'Project'
  properties: {
    publicNetworkAccess: 'Enabled'
    hubResourceId: hubId
  }
}

resource legacyProject 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'contoso-project-2'
  properties: {
    hubResourceId: hubId
  }
}
`,
    },
    {
      name: 'suppressed on the property',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    #disable-next-line public-network-access
    publicNetworkAccess: 'Enabled'
  }
}
`,
    },
    {
      name: 'suppressed on the resource with several ids',
      file: 'main.bicep',
      code: `#disable-next-line missing-custom-subdomain public-network-access
resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
}
`,
    },
  ],
  invalid: [
    {
      name: 'OpenAI account with publicNetworkAccess Enabled: lands on the value',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  location: 'eastus'
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    publicNetworkAccess: 'Enabled'
  }
}
`,
      errors: [{ line: 9, column: 26, endLine: 9, endColumn: 35, message: ["Azure AI account 'openAi'", "publicNetworkAccess is 'Enabled'", "'Deny'"] }],
      output: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  location: 'eastus'
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: []
      virtualNetworkRules: []
    }
  }
}
`,
      suggestions: [
        {
          title: "Disable public network access: set publicNetworkAccess to 'Disabled'",
          output: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  location: 'eastus'
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}
`,
        },
      ],
    },
    {
      name: 'AIServices account without properties: lands on the name, fix creates properties',
      file: 'main.bicep',
      code: `resource ai 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'contoso-ai'
  location: 'eastus'
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
}
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 12, message: ['publicNetworkAccess is not set'] }],
      output: `resource ai 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'contoso-ai'
  location: 'eastus'
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  properties: {
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: []
      virtualNetworkRules: []
    }
  }
}
`,
      suggestions: [
        {
          title: "Disable public network access: set publicNetworkAccess to 'Disabled'",
          output: `resource ai 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: 'contoso-ai'
  location: 'eastus'
  kind: 'AIServices'
  sku: {
    name: 'S0'
  }
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}
`,
        },
      ],
    },
    {
      name: 'value from a param default: lands on the property and names the param',
      file: 'main.bicep',
      code: `@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

resource lang 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-language'
  kind: 'TextAnalytics'
  properties: {
    publicNetworkAccess: publicNetworkAccess
  }
}
`,
      errors: [{ line: 11, column: 5, endLine: 11, endColumn: 45, message: ["default of param 'publicNetworkAccess'"] }],
      output: `@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

resource lang 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-language'
  kind: 'TextAnalytics'
  properties: {
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: []
      virtualNetworkRules: []
    }
  }
}
`,
      suggestions: [
        {
          title: "Disable public network access: set publicNetworkAccess to 'Disabled'",
          output: `@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Disabled'

resource lang 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-language'
  kind: 'TextAnalytics'
  properties: {
    publicNetworkAccess: publicNetworkAccess
  }
}
`,
        },
      ],
    },
    {
      name: 'networkAcls from a var that allows: the fix changes the var',
      file: 'main.bicep',
      code: `var networkAcls = {
  defaultAction: 'Allow'
  ipRules: []
  virtualNetworkRules: []
}

resource docs 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-docs'
  kind: 'FormRecognizer'
  properties: {
    networkAcls: networkAcls
  }
}
`,
      errors: [{ line: 7, column: 10, endLine: 7, endColumn: 14, message: ["networkAcls.defaultAction is 'Allow' (var 'networkAcls')"] }],
      output: `var networkAcls = {
  defaultAction: 'Deny'
  ipRules: []
  virtualNetworkRules: []
}

resource docs 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-docs'
  kind: 'FormRecognizer'
  properties: {
    networkAcls: networkAcls
  }
}
`,
      suggestions: [
        {
          title: "Disable public network access: set publicNetworkAccess to 'Disabled'",
          output: `var networkAcls = {
  defaultAction: 'Allow'
  ipRules: []
  virtualNetworkRules: []
}

resource docs 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-docs'
  kind: 'FormRecognizer'
  properties: {
    networkAcls: networkAcls
    publicNetworkAccess: 'Disabled'
  }
}
`,
        },
      ],
    },
    {
      name: 'accounts in a loop, with a nested deployment',
      file: 'main.bicep',
      code: `param names array = [
  'east'
  'west'
]

resource accounts 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for name in names: {
  name: 'contoso-\${name}'
  kind: 'OpenAI'
  properties: {
    customSubDomainName: 'contoso-\${name}'
  }

  resource gpt 'deployments' = {
    name: 'gpt-4o'
  }
}]
`,
      errors: [{ line: 6, column: 10, endLine: 6, endColumn: 18 }],
      output: `param names array = [
  'east'
  'west'
]

resource accounts 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for name in names: {
  name: 'contoso-\${name}'
  kind: 'OpenAI'
  properties: {
    customSubDomainName: 'contoso-\${name}'
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: []
      virtualNetworkRules: []
    }
  }

  resource gpt 'deployments' = {
    name: 'gpt-4o'
  }
}]
`,
      suggestions: [
        {
          title: "Disable public network access: set publicNetworkAccess to 'Disabled'",
          output: `param names array = [
  'east'
  'west'
]

resource accounts 'Microsoft.CognitiveServices/accounts@2024-10-01' = [for name in names: {
  name: 'contoso-\${name}'
  kind: 'OpenAI'
  properties: {
    customSubDomainName: 'contoso-\${name}'
    publicNetworkAccess: 'Disabled'
  }

  resource gpt 'deployments' = {
    name: 'gpt-4o'
  }
}]
`,
        },
      ],
    },
    {
      name: 'conditional Speech account with networkAcls Allow',
      file: 'main.bicep',
      code: `param deploySpeech bool = true

resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = if (deploySpeech) {
  name: 'contoso-speech'
  kind: 'SpeechServices'
  properties: {
    networkAcls: {
      defaultAction: 'Allow'
    }
  }
}
`,
      errors: [{ line: 3, column: 10, endLine: 3, endColumn: 16 }],
      output: `param deploySpeech bool = true

resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = if (deploySpeech) {
  name: 'contoso-speech'
  kind: 'SpeechServices'
  properties: {
    networkAcls: {
      defaultAction: 'Deny'
    }
  }
}
`,
      suggestions: [
        {
          title: "Disable public network access: set publicNetworkAccess to 'Disabled'",
          output: `param deploySpeech bool = true

resource speech 'Microsoft.CognitiveServices/accounts@2024-10-01' = if (deploySpeech) {
  name: 'contoso-speech'
  kind: 'SpeechServices'
  properties: {
    networkAcls: {
      defaultAction: 'Allow'
    }
    publicNetworkAccess: 'Disabled'
  }
}
`,
        },
      ],
    },
    {
      name: 'AI Search with lower-case enabled keeps lower case',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  sku: {
    name: 'basic'
  }
  properties: {
    publicNetworkAccess: 'enabled'
  }
}
`,
      errors: [{ line: 7, column: 26, endLine: 7, endColumn: 35, message: ["AI Search service 'search'", "'enabled'"] }],
      output: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  sku: {
    name: 'basic'
  }
  properties: {
    publicNetworkAccess: 'disabled'
  }
}
`,
    },
    {
      name: 'AI Search on a single-line properties object',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2025-05-01' = {
  name: 'contoso-search'
  properties: { replicaCount: 1 }
}
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 16 }],
      output: `resource search 'Microsoft.Search/searchServices@2025-05-01' = {
  name: 'contoso-search'
  properties: {
    replicaCount: 1
    publicNetworkAccess: 'Disabled'
  }
}
`,
    },
    {
      name: 'ML workspace without publicNetworkAccess',
      file: 'main.bicep',
      code: `resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-ml'
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'Contoso ML'
  }
}
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 12, message: ["Machine learning workspace 'ws'"] }],
      output: `resource ws 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-ml'
  location: 'eastus'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: 'Contoso ML'
    publicNetworkAccess: 'Disabled'
  }
}
`,
    },
    {
      name: 'CRLF file keeps CRLF',
      file: 'main.bicep',
      code: "resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\r\n  name: 'contoso-openai'\r\n  kind: 'OpenAI'\r\n  properties: {\r\n    disableLocalAuth: true\r\n  }\r\n}\r\n",
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 16 }],
      output:
        "resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\r\n  name: 'contoso-openai'\r\n  kind: 'OpenAI'\r\n  properties: {\r\n    disableLocalAuth: true\r\n    networkAcls: {\r\n      defaultAction: 'Deny'\r\n      ipRules: []\r\n      virtualNetworkRules: []\r\n    }\r\n  }\r\n}\r\n",
      suggestions: [
        {
          title: "Disable public network access: set publicNetworkAccess to 'Disabled'",
          output:
            "resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\r\n  name: 'contoso-openai'\r\n  kind: 'OpenAI'\r\n  properties: {\r\n    disableLocalAuth: true\r\n    publicNetworkAccess: 'Disabled'\r\n  }\r\n}\r\n",
        },
      ],
    },
    {
      name: 'tab-indented file keeps tabs',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
	name: 'contoso-openai'
	kind: 'OpenAI'
	properties: {
		disableLocalAuth: true
	}
}
`,
      errors: [{ line: 1, column: 10, endLine: 1, endColumn: 16 }],
      output: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
	name: 'contoso-openai'
	kind: 'OpenAI'
	properties: {
		disableLocalAuth: true
		networkAcls: {
			defaultAction: 'Deny'
			ipRules: []
			virtualNetworkRules: []
		}
	}
}
`,
      suggestions: [
        {
          title: "Disable public network access: set publicNetworkAccess to 'Disabled'",
          output: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
	name: 'contoso-openai'
	kind: 'OpenAI'
	properties: {
		disableLocalAuth: true
		publicNetworkAccess: 'Disabled'
	}
}
`,
        },
      ],
    },
    {
      name: 'account denying by default but admitting 0.0.0.0/0: lands on that rule',
      file: 'main.bicep',
      code: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    customSubDomainName: 'contoso-openai'
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: [
        {
          value: '203.0.113.0/24'
        }
        {
          value: '0.0.0.0/0'
        }
      ]
    }
  }
}
`,
      errors: [{ line: 13, column: 18, endLine: 13, endColumn: 29, message: ["Azure AI account 'openAi'", "IP rule '0.0.0.0/0' admits every address"] }],
      output: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    customSubDomainName: 'contoso-openai'
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: [
        {
          value: '203.0.113.0/24'
        }
      ]
    }
  }
}
`,
      suggestions: [
        {
          title: "Disable public network access: set publicNetworkAccess to 'Disabled'",
          output: `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-openai'
  kind: 'OpenAI'
  properties: {
    customSubDomainName: 'contoso-openai'
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: [
        {
          value: '203.0.113.0/24'
        }
        {
          value: '0.0.0.0/0'
        }
      ]
    }
    publicNetworkAccess: 'Disabled'
  }
}
`,
        },
      ],
    },
    {
      name: "account IP rules from a var with '*': lands on ipRules, the fix edits the var",
      file: 'main.bicep',
      code: `var allowedIps = [
  { value: '*' }
  { value: '203.0.113.0/24' }
]

resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
  properties: {
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: allowedIps
    }
  }
}
`,
      errors: [{ line: 13, column: 7, endLine: 13, endColumn: 26, message: ["IP rule '*'"] }],
      output: `var allowedIps = [
  { value: '203.0.113.0/24' }
]

resource ai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-ai'
  kind: 'AIServices'
  properties: {
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Deny'
      ipRules: allowedIps
    }
  }
}
`,
    },
    {
      name: 'AI Search whose only IP rule is 0.0.0.0',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2025-05-01' = {
  name: 'contoso-search'
  sku: {
    name: 'basic'
  }
  properties: {
    networkRuleSet: {
      ipRules: [
        {
          value: '0.0.0.0'
        }
      ]
    }
  }
}
`,
      errors: [{ line: 10, column: 18, endLine: 10, endColumn: 27, message: ["AI Search service 'search'", "IP rule '0.0.0.0'"] }],
      output: `resource search 'Microsoft.Search/searchServices@2025-05-01' = {
  name: 'contoso-search'
  sku: {
    name: 'basic'
  }
  properties: {
    networkRuleSet: {
      ipRules: [
        {
          value: '0.0.0.0'
        }
      ]
    }
    publicNetworkAccess: 'Disabled'
  }
}
`,
      suggestions: [],
    },
    {
      name: 'AI Search admitting ::/0 next to a real rule: removing it is a suggestion',
      file: 'main.bicep',
      code: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  properties: {
    publicNetworkAccess: 'enabled'
    networkRuleSet: {
      ipRules: [
        { value: '203.0.113.0/24' }
        { value: '::/0' }
      ]
    }
  }
}
`,
      errors: [{ line: 8, column: 18, endLine: 8, endColumn: 24 }],
      output: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  properties: {
    publicNetworkAccess: 'disabled'
    networkRuleSet: {
      ipRules: [
        { value: '203.0.113.0/24' }
        { value: '::/0' }
      ]
    }
  }
}
`,
      suggestions: [
        {
          title: 'Remove the IP rule that admits every address',
          output: `resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: 'contoso-search'
  properties: {
    publicNetworkAccess: 'enabled'
    networkRuleSet: {
      ipRules: [
        { value: '203.0.113.0/24' }
      ]
    }
  }
}
`,
        },
      ],
    },
    {
      name: 'ML hub still checked (its projects are not)',
      file: 'main.bicep',
      code: `resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-hub'
  kind: 'Hub'
  properties: {
    publicNetworkAccess: 'Enabled'
  }
}

resource project 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-project'
  kind: 'Project'
  properties: {
    publicNetworkAccess: 'Enabled'
    hubResourceId: hub.id
  }
}
`,
      errors: [{ line: 5, column: 26, endLine: 5, endColumn: 35, message: ["Machine learning workspace 'hub'"] }],
      output: `resource hub 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-hub'
  kind: 'Hub'
  properties: {
    publicNetworkAccess: 'Disabled'
  }
}

resource project 'Microsoft.MachineLearningServices/workspaces@2024-10-01' = {
  name: 'contoso-project'
  kind: 'Project'
  properties: {
    publicNetworkAccess: 'Enabled'
    hubResourceId: hub.id
  }
}
`,
    },
  ],
});
