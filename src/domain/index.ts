/** What every layer may use from the domain. */
export * from './errors.js'
export * from './document.js'
export * from './entity.js'
