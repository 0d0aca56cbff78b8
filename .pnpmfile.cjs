// Native addons (better-sqlite3) build with node-gyp. Where Node ships its own headers (include/node beside the
// binary), point node-gyp at them so that it need not download them; elsewhere node-gyp does as it always does.
const { existsSync } = require('node:fs')
const { dirname, join } = require('node:path')

const prefix = dirname(dirname(process.execPath))
const hasHeaders = existsSync(join(prefix, 'include', 'node', 'node.h'))

module.exports = {
  hooks: {
    updateConfig(config) {
      if (!hasHeaders || process.env.npm_config_nodedir) return config
      return { ...config, extraEnv: { ...config.extraEnv, npm_config_nodedir: prefix } }
    },
  },
}
