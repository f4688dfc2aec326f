export const importMetaUrl = require('url').pathToFileURL(__filename).href;
