// az deployment group create -g <group> -f deployment/azure/containerapp.bicep \
//   -p image=<registry>/preventionbot:<tag> microsoftAppId=<app id> microsoftAppPassword=<client secret> directLineSecret=<random> \
//      postgresAdminPassword=<random>
// One Container App (two replicas or more, sharing conversation state in an Azure Database for PostgreSQL Flexible
// Server, as are the website chat's Direct Line transcripts, so no sticky sessions are needed) and its Azure Bot
// registration with the Web Chat and Microsoft Teams channels. See deployment/README.md, "Register the bot on Azure".
// There is deliberately no default for the app id: without one the bot would accept unauthenticated activities, so the
// deployment fails instead (and the container itself refuses to start without one: Bot__RequireAppId).
param location string = resourceGroup().location
param image string

@description('Application (client) ID of the bot\'s Microsoft Entra app registration.')
@minLength(36)
@maxLength(36)
param microsoftAppId string

// UserAssignedMSI also works with the host (MicrosoftAppType=UserAssignedMSI) but needs the identity assigned to the
// container app, which this template does not do; see deployment/README.md.
@allowed([ 'SingleTenant', 'MultiTenant' ])
param microsoftAppType string = 'SingleTenant'

@description('Directory (tenant) ID of the app registration (SingleTenant).')
param microsoftAppTenantId string = tenant().tenantId

@description('Client secret of the app registration.')
@secure()
@minLength(1)
param microsoftAppPassword string

@secure()
param directLineSecret string

@description('Networks of the reverse proxies allowed to set X-Forwarded-For. The Container Apps ingress is the only way in, and its proxies have private addresses.')
param trustedProxyNetworks array = [ '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10' ]

@description('Administrator login of the PostgreSQL server; the bot connects as this user and creates its own tables.')
param postgresAdminLogin string = 'preventionbot'

@description('Administrator password of the PostgreSQL server.')
@secure()
@minLength(12)
param postgresAdminPassword string

@minValue(2)
param minReplicas int = 2

param maxReplicas int = 4

param botName string = 'preventionbot-${uniqueString(resourceGroup().id)}'

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'preventionbot-logs'
  location: location
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource env 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: 'preventionbot-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

// Reachable from Azure services only (the firewall rule below), over TLS.
resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: 'preventionbot-${uniqueString(resourceGroup().id)}'
  location: location
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: 'preventionbot'
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

var postgresConnectionString = 'Host=${postgres.properties.fullyQualifiedDomainName};Database=${postgresDatabase.name};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=Require'

var proxyEnv = [for (network, i) in trustedProxyNetworks: { name: 'ForwardedHeaders__KnownNetworks__${i}', value: network }]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'preventionbot'
  location: location
  properties: {
    managedEnvironmentId: env.id
    configuration: {
      ingress: { external: true, targetPort: 3978, transport: 'http', allowInsecure: false }
      secrets: [
        { name: 'directline-secret', value: directLineSecret }
        { name: 'microsoft-app-password', value: microsoftAppPassword }
        { name: 'postgres-connection-string', value: postgresConnectionString }
      ]
    }
    template: {
      containers: [
        {
          name: 'preventionbot'
          image: image
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: concat([
            { name: 'Bot__RequireAppId', value: 'true' }
            { name: 'MicrosoftAppType', value: microsoftAppType }
            { name: 'MicrosoftAppId', value: microsoftAppId }
            { name: 'MicrosoftAppPassword', secretRef: 'microsoft-app-password' }
            { name: 'MicrosoftAppTenantId', value: microsoftAppType == 'MultiTenant' ? '' : microsoftAppTenantId }
            { name: 'DirectLine__Secret', secretRef: 'directline-secret' }
            { name: 'Storage__Provider', value: 'postgres' }
            { name: 'ConnectionStrings__Postgres', secretRef: 'postgres-connection-string' }
          ], proxyEnv)
          probes: [
            { type: 'Liveness', httpGet: { path: '/healthz', port: 3978 } }
            { type: 'Readiness', httpGet: { path: '/readyz', port: 3978 }, timeoutSeconds: 3 }
          ]
        }
      ]
      scale: { minReplicas: minReplicas, maxReplicas: maxReplicas }
    }
  }
}

// The Azure Bot: the Bot Connector sends each channel's activities to the messaging endpoint, with a token for this app id.
resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: 'PreventionBot'
    endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
    msaAppId: microsoftAppId
    msaAppType: microsoftAppType
    msaAppTenantId: microsoftAppType == 'MultiTenant' ? '' : microsoftAppTenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
output messagingEndpoint string = 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
