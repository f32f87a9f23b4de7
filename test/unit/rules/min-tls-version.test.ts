import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('min-tls-version', {
  valid: [
    {
      name: 'TLS 1.2 everywhere',
      file: 'main.bicep',
      code: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
  properties: {
    minimumTlsVersion: 'TLS1_2'
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.3'
    }
  }
}
`,
    },
    {
      name: 'not written',
      file: 'main.bicep',
      code: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
}
`,
    },
    {
      name: 'existing storage',
      file: 'main.bicep',
      code: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosostore'
}
`,
    },
    {
      name: 'appsettings config is not a site config',
      file: 'main.bicep',
      code: `resource cfg 'Microsoft.Web/sites/config@2023-12-01' = {
  name: 'contoso-app/appsettings'
  properties: {
    minTlsVersion: '1.0'
  }
}
`,
    },
    {
      name: 'logs config and a config whose name cannot be known are not site configs',
      file: 'main.bicep',
      code: `param configName string

resource app 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-app'

  resource logs 'config' = {
    name: 'logs'
    properties: {
      minTlsVersion: '1.0'
    }
  }
}

resource other 'Microsoft.Web/sites/config@2023-12-01' = {
  name: configName
  properties: {
    minTlsVersion: '1.1'
  }
}
`,
    },
    {
      name: 'suppressed',
      file: 'main.bicep',
      code: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
  properties: {
    #disable-next-line min-tls-version
    minimumTlsVersion: 'TLS1_0'
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'storage TLS1_0',
      file: 'main.bicep',
      code: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_0'
    supportsHttpsTrafficOnly: true
  }
}
`,
      errors: [{ line: 5, column: 24, endLine: 5, endColumn: 32, message: ["Storage account 'st'", "minimumTlsVersion is 'TLS1_0'", "'TLS1_2'"] }],
      output: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}
`,
    },
    {
      name: 'lower-case tls1_1 from a var',
      file: 'main.bicep',
      code: `var tls = 'tls1_1'

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
  properties: {
    minimumTlsVersion: tls
  }
}
`,
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 27, message: ["(var 'tls')"] }],
      output: `var tls = 'TLS1_2'

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'contosostore'
  properties: {
    minimumTlsVersion: tls
  }
}
`,
    },
    {
      name: 'web app minTlsVersion and scmMinTlsVersion',
      file: 'main.bicep',
      code: `resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    siteConfig: {
      minTlsVersion: '1.0'
      scmMinTlsVersion: '1.1'
    }
  }
}
`,
      errors: [
        { line: 5, column: 22, endLine: 5, endColumn: 27 },
        { line: 6, column: 25, endLine: 6, endColumn: 30 },
      ],
      output: `resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.1'
    }
  }
}
`,
    },
    {
      name: 'nested web config child',
      file: 'main.bicep',
      code: `resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'

  resource web 'config' = {
    name: 'web'
    properties: {
      minTlsVersion: '1.1'
    }
  }
}
`,
      errors: [{ line: 7, column: 22, endLine: 7, endColumn: 27 }],
      output: `resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'

  resource web 'config' = {
    name: 'web'
    properties: {
      minTlsVersion: '1.2'
    }
  }
}
`,
    },
    {
      name: "top-level config named '<site>/web'",
      file: 'main.bicep',
      code: `param siteName string = 'contoso-app'

resource webConfig 'Microsoft.Web/sites/config@2023-12-01' = {
  name: '\${siteName}/web'
  properties: {
    scmMinTlsVersion: '1.0'
  }
}
`,
      errors: [{ line: 6, column: 23, endLine: 6, endColumn: 28, message: ["Web app 'webConfig'"] }],
      output: `param siteName string = 'contoso-app'

resource webConfig 'Microsoft.Web/sites/config@2023-12-01' = {
  name: '\${siteName}/web'
  properties: {
    scmMinTlsVersion: '1.2'
  }
}
`,
    },
    {
      name: 'param default with @allowed that forbids 1.2: fixed at the property',
      file: 'main.bicep',
      code: `@allowed([
  '1.0'
  '1.1'
])
param minTls string = '1.0'

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    siteConfig: {
      minTlsVersion: minTls
    }
  }
}
`,
      errors: [{ line: 11, column: 7, endLine: 11, endColumn: 28 }],
      output: `@allowed([
  '1.0'
  '1.1'
])
param minTls string = '1.0'

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'contoso-app'
  properties: {
    siteConfig: {
      minTlsVersion: '1.2'
    }
  }
}
`,
    },
    {
      name: 'tabs and CRLF',
      file: 'main.bicep',
      code: "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\r\n\tname: 'contosostore'\r\n\tproperties: {\r\n\t\tminimumTlsVersion: 'TLS1_1'\r\n\t}\r\n}\r\n",
      errors: [{ line: 4, column: 22, endLine: 4, endColumn: 30 }],
      output: "resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\r\n\tname: 'contosostore'\r\n\tproperties: {\r\n\t\tminimumTlsVersion: 'TLS1_2'\r\n\t}\r\n}\r\n",
    },
  ],
});
