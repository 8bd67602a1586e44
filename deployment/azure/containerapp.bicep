// az deployment group create -g <group> -f deployment/azure/containerapp.bicep -p image=<registry>/preventionbot:<tag>
// A single-replica Azure Container App with an Azure Files share for the SQLite store.
param location string = resourceGroup().location
param image string
@secure()
param directLineSecret string

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

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: 'preventionbot'
  location: location
  properties: {
    managedEnvironmentId: env.id
    configuration: {
      ingress: { external: true, targetPort: 3978, transport: 'http' }
      secrets: [ { name: 'directline-secret', value: directLineSecret } ]
    }
    template: {
      containers: [
        {
          name: 'preventionbot'
          image: image
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: [
            { name: 'DirectLine__Secret', secretRef: 'directline-secret' }
            { name: 'Storage__SqlitePath', value: '/tmp/preventionbot.db' }
          ]
          probes: [
            { type: 'Liveness', httpGet: { path: '/healthz', port: 3978 } }
          ]
        }
      ]
      scale: { minReplicas: 1, maxReplicas: 1 }
    }
  }
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
