/**
 * Azure Developer CLI-shaped projects for the real-code corpus (bench/real-corpus.ts): each an
 * `infra/main.bicep` at subscription scope that creates a resource group and calls modules of an
 * `infra/core/…` library (AI account with model deployments, AI Search, storage, Log Analytics,
 * Container Apps, role assignments) and an `infra/app/…` layer, passing values down two levels, as
 * azd templates do; plus the app's TypeScript that talks to the services. Written for the bench (no
 * template's text is copied); projects differ in what their callers pass (local auth, public network
 * access, SKU), so cross-file analysis has real work.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const COGNITIVE = `metadata description = 'Creates an Azure AI services account with model deployments.'
param name string
param location string = resourceGroup().location
param tags object = {}
@description('The custom subdomain name used to access the API. Defaults to the value of the name parameter.')
param customSubDomainName string = name
param disableLocalAuth bool = false
param deployments array = []
param kind string = 'OpenAI'
@allowed([ 'Enabled', 'Disabled' ])
param publicNetworkAccess string = 'Enabled'
param sku object = {
  name: 'S0'
}
param allowedIpRules array = []
param networkAcls object = empty(allowedIpRules) ? {
  defaultAction: 'Allow'
} : {
  ipRules: allowedIpRules
  defaultAction: 'Deny'
}

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: kind
  properties: {
    customSubDomainName: customSubDomainName
    publicNetworkAccess: publicNetworkAccess
    networkAcls: networkAcls
    disableLocalAuth: disableLocalAuth
  }
  sku: sku
}

@batchSize(1)
resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = [for deployment in deployments: {
  parent: account
  name: deployment.name
  properties: {
    model: deployment.model
    raiPolicyName: deployment.?raiPolicyName ?? null
  }
  sku: deployment.?sku ?? {
    name: 'Standard'
    capacity: 20
  }
}]

output endpoint string = account.properties.endpoint
output endpoints object = account.properties.endpoints
output id string = account.id
output name string = account.name
`;

const SEARCH = `metadata description = 'Creates an Azure AI Search instance.'
param name string
param location string = resourceGroup().location
param tags object = {}
param sku object = {
  name: 'standard'
}
param authOptions object = {}
param disableLocalAuth bool = false
param disabledDataExfiltrationOptions array = []
param encryptionWithCmk object = {
  enforcement: 'Unspecified'
}
@allowed([ 'default', 'highDensity' ])
param hostingMode string = 'default'
param networkRuleSet object = {
  bypass: 'None'
  ipRules: []
}
param partitionCount int = 1
@allowed([ 'enabled', 'disabled' ])
param publicNetworkAccess string = 'enabled'
param replicaCount int = 1
@allowed([ 'disabled', 'free', 'standard' ])
param semanticSearch string = 'disabled'

var searchIdentityProvider = (sku.name == 'free') ? null : {
  type: 'SystemAssigned'
}

resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: name
  location: location
  tags: tags
  identity: searchIdentityProvider
  properties: {
    authOptions: disableLocalAuth ? null : authOptions
    disableLocalAuth: disableLocalAuth
    disabledDataExfiltrationOptions: disabledDataExfiltrationOptions
    encryptionWithCmk: encryptionWithCmk
    hostingMode: hostingMode
    networkRuleSet: networkRuleSet
    partitionCount: partitionCount
    publicNetworkAccess: publicNetworkAccess
    replicaCount: replicaCount
    semanticSearch: semanticSearch
  }
  sku: sku
}

output id string = search.id
output endpoint string = 'https://\${name}.search.windows.net/'
output name string = search.name
output principalId string = !empty(searchIdentityProvider) ? search.identity.principalId : ''
`;

const STORAGE = `metadata description = 'Creates an Azure storage account.'
param name string
param location string = resourceGroup().location
param tags object = {}
@allowed([ 'Cool', 'Hot', 'Premium' ])
param accessTier string = 'Hot'
param allowBlobPublicAccess bool = false
param allowCrossTenantReplication bool = true
param allowSharedKeyAccess bool = true
param containers array = []
param defaultToOAuthAuthentication bool = false
param deleteRetentionPolicy object = {}
@allowed([ 'AzureDnsZone', 'Standard' ])
param dnsEndpointType string = 'Standard'
param kind string = 'StorageV2'
param minimumTlsVersion string = 'TLS1_2'
param supportsHttpsTrafficOnly bool = true
param networkAcls object = {
  bypass: 'AzureServices'
  defaultAction: 'Allow'
}
@allowed([ 'Enabled', 'Disabled' ])
param publicNetworkAccess string = 'Enabled'
param sku object = { name: 'Standard_LRS' }

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: name
  location: location
  tags: tags
  kind: kind
  sku: sku
  properties: {
    accessTier: accessTier
    allowBlobPublicAccess: allowBlobPublicAccess
    allowCrossTenantReplication: allowCrossTenantReplication
    allowSharedKeyAccess: allowSharedKeyAccess
    defaultToOAuthAuthentication: defaultToOAuthAuthentication
    dnsEndpointType: dnsEndpointType
    minimumTlsVersion: minimumTlsVersion
    networkAcls: networkAcls
    publicNetworkAccess: publicNetworkAccess
    supportsHttpsTrafficOnly: supportsHttpsTrafficOnly
  }

  resource blobServices 'blobServices' = if (!empty(containers)) {
    name: 'default'
    properties: {
      deleteRetentionPolicy: deleteRetentionPolicy
    }
    resource container 'containers' = [for container in containers: {
      name: container.name
      properties: {
        publicAccess: container.?publicAccess ?? 'None'
      }
    }]
  }
}

output name string = storage.name
output primaryEndpoints object = storage.properties.primaryEndpoints
`;

const LOG_ANALYTICS = `metadata description = 'Creates a Log Analytics workspace.'
param name string
param location string = resourceGroup().location
param tags object = {}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2021-12-01-preview' = {
  name: name
  location: location
  tags: tags
  properties: any({
    retentionInDays: 30
    features: {
      searchVersion: 1
    }
    sku: {
      name: 'PerGB2018'
    }
  })
}

output id string = logAnalytics.id
output name string = logAnalytics.name
`;

const ROLE = `metadata description = 'Creates a role assignment for a service principal.'
param principalId string
@allowed([ 'Device', 'ForeignGroup', 'Group', 'ServicePrincipal', 'User' ])
param principalType string = 'ServicePrincipal'
param roleDefinitionId string

resource role 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, resourceGroup().id, principalId, roleDefinitionId)
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: resourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
  }
}
`;

const CONTAINER_APPS_ENV = `metadata description = 'Creates an Azure Container Apps environment.'
param name string
param location string = resourceGroup().location
param tags object = {}
param logAnalyticsWorkspaceName string

resource logAnalyticsWorkspace 'Microsoft.OperationalInsights/workspaces@2022-10-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource containerAppsEnvironment 'Microsoft.App/managedEnvironments@2023-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logAnalyticsWorkspace.properties.customerId
        sharedKey: logAnalyticsWorkspace.listKeys().primarySharedKey
      }
    }
  }
}

output id string = containerAppsEnvironment.id
output name string = containerAppsEnvironment.name
output defaultDomain string = containerAppsEnvironment.properties.defaultDomain
`;

const CONTAINER_APP = `metadata description = 'Creates a container app in an Azure Container App environment.'
param name string
param location string = resourceGroup().location
param tags object = {}
param containerAppsEnvironmentName string
param env array = []
param secrets object = {}
param external bool = true
param targetPort int = 80
param allowInsecure bool = false
param imageName string = ''
param identityType string = 'SystemAssigned'

resource containerAppsEnvironment 'Microsoft.App/managedEnvironments@2023-05-01' existing = {
  name: containerAppsEnvironmentName
}

resource app 'Microsoft.App/containerApps@2023-05-02-preview' = {
  name: name
  location: location
  tags: tags
  identity: { type: identityType }
  properties: {
    managedEnvironmentId: containerAppsEnvironment.id
    configuration: {
      activeRevisionsMode: 'single'
      ingress: {
        external: external
        targetPort: targetPort
        transport: 'auto'
        allowInsecure: allowInsecure
      }
      secrets: [for secret in items(secrets): {
        name: secret.key
        value: secret.value
      }]
    }
    template: {
      containers: [
        {
          image: !empty(imageName) ? imageName : 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
          name: 'main'
          env: env
          resources: {
            cpu: json('1.0')
            memory: '2.0Gi'
          }
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 10
      }
    }
  }
}

output identityPrincipalId string = app.identity.principalId
output name string = app.name
output uri string = 'https://\${app.properties.configuration.ingress.fqdn}'
`;

function apiModule(keyInSecrets: boolean): string {
  return `param name string
param location string = resourceGroup().location
param tags object = {}
param containerAppsEnvironmentName string
param openAiEndpoint string
param openAiAccountName string
param searchEndpoint string
param openAiDeploymentName string

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: openAiAccountName
}

module app '../core/host/container-app.bicep' = {
  name: '\${name}-container-app'
  params: {
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    containerAppsEnvironmentName: containerAppsEnvironmentName
    targetPort: 3000
    env: [
      { name: 'AZURE_OPENAI_ENDPOINT', value: openAiEndpoint }
      { name: 'AZURE_OPENAI_DEPLOYMENT', value: openAiDeploymentName }
      { name: 'AZURE_SEARCH_ENDPOINT', value: searchEndpoint }${keyInSecrets ? "\n      { name: 'AZURE_OPENAI_API_KEY', secretRef: 'openai-key' }" : ''}
    ]
    secrets: ${keyInSecrets ? "{\n      'openai-key': openAi.listKeys().key1\n    }" : '{}'}
  }
}

output SERVICE_API_IDENTITY_PRINCIPAL_ID string = app.outputs.identityPrincipalId
output SERVICE_API_NAME string = app.outputs.name
output SERVICE_API_URI string = app.outputs.uri
`;
}

function mainBicep(i: number): string {
  const localAuth = i % 3 === 0; // a third keep keys enabled
  const publicAccess = i % 4 === 0 ? 'Enabled' : 'Disabled';
  return `targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the environment that can be used as part of naming resource convention')
param environmentName string

@minLength(1)
@description('Primary location for all resources')
param location string

param principalId string = ''
param openAiSkuName string = 'S0'
param chatDeploymentName string = 'chat'
param chatModelName string = 'gpt-4o-mini'
param searchServiceSkuName string = '${i % 2 ? 'basic' : 'standard'}'

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: 'rg-\${environmentName}'
  location: location
  tags: tags
}

module openAi 'core/ai/cognitiveservices.bicep' = {
  name: 'openai'
  scope: rg
  params: {
    name: '\${abbrs.cognitiveServicesAccounts}\${resourceToken}'
    location: location
    tags: tags
    disableLocalAuth: ${!localAuth}
    publicNetworkAccess: '${publicAccess}'
    sku: {
      name: openAiSkuName
    }
    deployments: [
      {
        name: chatDeploymentName
        model: {
          format: 'OpenAI'
          name: chatModelName
          version: '2024-07-18'
        }
        sku: {
          name: 'GlobalStandard'
          capacity: 30
        }
      }
    ]
  }
}

module searchService 'core/search/search-services.bicep' = {
  name: 'search-service'
  scope: rg
  params: {
    name: 'gptkb-\${resourceToken}'
    location: location
    tags: tags
    disableLocalAuth: ${i % 5 !== 0}
    sku: {
      name: searchServiceSkuName
    }
    semanticSearch: 'free'
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '\${abbrs.storageStorageAccounts}\${resourceToken}'
    location: location
    tags: tags
    allowSharedKeyAccess: ${i % 2 === 0}
    publicNetworkAccess: 'Enabled'
    containers: [
      { name: 'content' }
    ]
  }
}

module logAnalytics 'core/monitor/loganalytics.bicep' = {
  name: 'loganalytics'
  scope: rg
  params: {
    name: '\${abbrs.operationalInsightsWorkspaces}\${resourceToken}'
    location: location
    tags: tags
  }
}

module containerApps 'core/host/container-apps-environment.bicep' = {
  name: 'container-apps'
  scope: rg
  params: {
    name: '\${abbrs.appManagedEnvironments}\${resourceToken}'
    location: location
    tags: tags
    logAnalyticsWorkspaceName: logAnalytics.outputs.name
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: '\${abbrs.appContainerApps}api-\${resourceToken}'
    location: location
    tags: tags
    containerAppsEnvironmentName: containerApps.outputs.name
    openAiEndpoint: openAi.outputs.endpoint
    openAiAccountName: openAi.outputs.name
    openAiDeploymentName: chatDeploymentName
    searchEndpoint: searchService.outputs.endpoint
  }
}

module openAiRoleUser 'core/security/role.bicep' = if (!empty(principalId)) {
  scope: rg
  name: 'openai-role-user'
  params: {
    principalId: principalId
    roleDefinitionId: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
    principalType: 'User'
  }
}

module openAiRoleApi 'core/security/role.bicep' = {
  scope: rg
  name: 'openai-role-api'
  params: {
    principalId: api.outputs.SERVICE_API_IDENTITY_PRINCIPAL_ID
    roleDefinitionId: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
  }
}

output AZURE_LOCATION string = location
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
output AZURE_OPENAI_CHAT_DEPLOYMENT string = chatDeploymentName
output AZURE_SEARCH_ENDPOINT string = searchService.outputs.endpoint
output SERVICE_API_URI string = api.outputs.SERVICE_API_URI
`;
}

function apiSource(i: number): string {
  const keyed = i % 3 === 0;
  return `import { AzureOpenAI } from 'openai';
import { SearchClient${keyed ? ', AzureKeyCredential' : ''} } from '@azure/search-documents';
import { DefaultAzureCredential, getBearerTokenProvider } from '@azure/identity';

const credential = new DefaultAzureCredential();
const scope = 'https://cognitiveservices.azure.com/.default';

export const openai = new AzureOpenAI({
  endpoint: process.env.AZURE_OPENAI_ENDPOINT,
  deployment: process.env.AZURE_OPENAI_CHAT_DEPLOYMENT,
  apiVersion: '2024-10-21',
  ${keyed ? 'apiKey: process.env.AZURE_OPENAI_API_KEY,' : 'azureADTokenProvider: getBearerTokenProvider(credential, scope),'}
});

export const search = new SearchClient<{ id: string; content: string }>(
  process.env.AZURE_SEARCH_ENDPOINT ?? '',
  'content-index',
  ${keyed ? "new AzureKeyCredential(process.env.AZURE_SEARCH_KEY ?? '')" : 'credential'},
);

export async function answer(question: string): Promise<string> {
  const hits = await search.search(question, { top: 3 });
  const sources: string[] = [];
  for await (const hit of hits.results) sources.push(hit.document.content);
  const completion = await openai.chat.completions.create({
    model: '',
    messages: [
      { role: 'system', content: \`Answer from these sources only:\\n\${sources.join('\\n')}\` },
      { role: 'user', content: question },
    ],
  });
  return completion.choices[0]?.message.content ?? '';
}
`;
}

const ABBREVIATIONS = JSON.stringify(
  {
    cognitiveServicesAccounts: 'cog-',
    storageStorageAccounts: 'st',
    operationalInsightsWorkspaces: 'log-',
    appManagedEnvironments: 'cae-',
    appContainerApps: 'ca-',
  },
  null,
  2,
);

/** Writes `projects` azd-shaped projects below `dir`; returns the number of files written. */
export function writeAzdProjects(dir: string, projects: number): number {
  let files = 0;
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    files++;
  };
  for (let i = 0; i < projects; i++) {
    const root = `azd-chat-${String(i).padStart(2, '0')}`;
    write(`${root}/infra/main.bicep`, mainBicep(i));
    write(`${root}/infra/abbreviations.json`, ABBREVIATIONS);
    write(
      `${root}/infra/main.parameters.json`,
      JSON.stringify(
        {
          $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
          contentVersion: '1.0.0.0',
          parameters: { environmentName: { value: '${AZURE_ENV_NAME}' }, location: { value: '${AZURE_LOCATION}' } },
        },
        null,
        2,
      ),
    );
    write(`${root}/infra/core/ai/cognitiveservices.bicep`, COGNITIVE);
    write(`${root}/infra/core/search/search-services.bicep`, SEARCH);
    write(`${root}/infra/core/storage/storage-account.bicep`, STORAGE);
    write(`${root}/infra/core/monitor/loganalytics.bicep`, LOG_ANALYTICS);
    write(`${root}/infra/core/security/role.bicep`, ROLE);
    write(`${root}/infra/core/host/container-apps-environment.bicep`, CONTAINER_APPS_ENV);
    write(`${root}/infra/core/host/container-app.bicep`, CONTAINER_APP);
    write(`${root}/infra/app/api.bicep`, apiModule(i % 3 === 0));
    write(`${root}/src/api/answer.ts`, apiSource(i));
    write(`${root}/azure.yaml`, `name: azd-chat-${i}\nservices:\n  api:\n    project: ./src/api\n    language: ts\n    host: containerapp\n`);
  }
  return files;
}
